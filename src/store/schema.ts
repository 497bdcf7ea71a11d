import type { Generated } from 'kysely';

/**
 * Table shapes as Kysely sees them. Column names are Neutron's wire names
 * with ':' → '_' (binding:host_id → binding_host_id). Booleans are stored as
 * 0/1 integers on both dialects so that rows read the same everywhere; JSON
 * values are text. IP addresses used for ordering are kept as 32-char hex.
 */
export interface StandardColumns {
  id: string;
  project_id: string;
  description: string;
  created_at: string;
  updated_at: string;
  revision_number: number;
}

export interface NetworkTable extends StandardColumns {
  name: string;
  admin_state_up: number;
  status: string;
  shared: number;
  router_external: number;
  mtu: number;
  port_security_enabled: number;
  dns_domain: string;
  availability_zone_hints: string;
}

export interface NetworkSegmentTable {
  id: string;
  network_id: string;
  network_type: string;
  /** '' for tunnel types, so that the unique key works (NULLs are distinct in SQL). */
  physical_network: string;
  /** 0 for flat networks, for the same reason. */
  segmentation_id: number;
  segment_index: number;
}

export interface SubnetTable extends StandardColumns {
  name: string;
  network_id: string;
  ip_version: number;
  cidr: string;
  gateway_ip: string | null;
  allocation_pools: string;
  dns_nameservers: string;
  host_routes: string;
  enable_dhcp: number;
  ipv6_ra_mode: string | null;
  ipv6_address_mode: string | null;
  subnetpool_id: string | null;
  segment_id: string | null;
  service_types: string;
  created_seq: number;
}

export interface SubnetpoolTable extends StandardColumns {
  name: string;
  ip_version: number;
  prefixes: string;
  default_quota: number | null;
  default_prefixlen: number;
  min_prefixlen: number;
  max_prefixlen: number;
  is_default: number;
  shared: number;
  address_scope_id: string | null;
}

export interface AddressScopeTable extends StandardColumns {
  name: string;
  ip_version: number;
  shared: number;
}

export interface PortTable extends StandardColumns {
  name: string;
  network_id: string;
  mac_address: string;
  admin_state_up: number;
  status: string;
  device_id: string;
  device_owner: string;
  port_security_enabled: number;
  binding_host_id: string;
  binding_vnic_type: string;
  binding_profile: string;
  binding_vif_type: string;
  binding_vif_details: string;
  allowed_address_pairs: string;
  dns_name: string;
  dns_domain: string;
  ip_allocation: string;
}

export interface ExtraDhcpOptTable {
  port_id: string;
  opt_name: string;
  opt_value: string;
  ip_version: number;
}

/** One row per address held by a port: the primary key is the no-duplicate guarantee. */
export interface IpAllocationTable {
  subnet_id: string;
  ip_hex: string;
  ip_address: string;
  port_id: string;
  network_id: string;
  ordinal: number;
}

/**
 * Free intervals of an allocation pool (IPAM for subnets, segmentation ids
 * for network types): `pool` names the pool, bounds are inclusive 32-char hex.
 */
export interface FreeRangeTable {
  pool: string;
  first_hex: string;
  last_hex: string;
}

export interface TagTable {
  resource_id: string;
  resource_type: string;
  tag: string;
}

export interface QuotaTable {
  project_id: string;
  resource: string;
  limit: number;
}

/** The change log agents and drivers watch: one row per committed change. */
export interface ChangeTable {
  revision: Generated<number>;
  resource_type: string;
  resource_id: string;
  action: string;
  project_id: string;
  changed_at: string;
}

export interface Database {
  networks: NetworkTable;
  network_segments: NetworkSegmentTable;
  subnets: SubnetTable;
  subnetpools: SubnetpoolTable;
  address_scopes: AddressScopeTable;
  ports: PortTable;
  extra_dhcp_opts: ExtraDhcpOptTable;
  ip_allocations: IpAllocationTable;
  free_ranges: FreeRangeTable;
  tags: TagTable;
  quotas: QuotaTable;
  changes: ChangeTable;
}
