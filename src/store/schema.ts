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
  /** Expand 0012 (qos). */
  qos_policy_id: string | null;
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
  /** The network's project (expand 0011): names the segment in the change log, never shown. */
  project_id: string;
  /** Standard attributes of the segment resource (expand 0011). */
  name: string | null;
  description: string;
  created_at: string;
  updated_at: string;
  revision_number: number;
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
  /** Extension ip-usage-reports (expand 0007); null = the server's default. */
  ip_usage_warning_percent: number | null;
  /** Extension subnetpool-ip-block (expand 0018): the IP block of another pool this pool was made from. */
  ip_block_id: string | null;
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
  /** Expand 0012 (qos). */
  qos_policy_id: string | null;
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
  security_groups: SecurityGroupTable;
  default_security_groups: DefaultSecurityGroupTable;
  security_group_rules: SecurityGroupRuleTable;
  security_group_port_bindings: SecurityGroupPortBindingTable;
  default_security_group_rules: DefaultSecurityGroupRuleTable;
  address_groups: AddressGroupTable;
  address_group_addresses: AddressGroupAddressTable;
  identity_domains: IdentityDomainTable;
  identity_projects: IdentityProjectTable;
  identity_users: IdentityUserTable;
  identity_groups: IdentityGroupTable;
  identity_group_members: IdentityGroupMemberTable;
  identity_roles: IdentityRoleTable;
  identity_implied_roles: IdentityImpliedRoleTable;
  identity_assignments: IdentityAssignmentTable;
  identity_app_credentials: IdentityAppCredentialTable;
  identity_revocations: IdentityRevocationTable;
  identity_keys: IdentityKeyTable;
  ip_address_history: IpAddressHistoryTable;
  ip_reservations: IpReservationTable;
  subnetpool_prefix_history: SubnetpoolPrefixHistoryTable;
  ip_blocks: IpBlockTable;
  routers: RouterTable;
  router_ports: RouterPortTable;
  floatingips: FloatingIpTable;
  rbac_policies: RbacPolicyTable;
  port_forwardings: PortForwardingTable;
  network_segment_ranges: NetworkSegmentRangeTable;
  trunks: TrunkTable;
  trunk_subports: TrunkSubportTable;
  qos_policies: QosPolicyTable;
  agents: AgentTable;
}

// --- segments and trunks (expand 0011) -----------------------------------------

export interface NetworkSegmentRangeTable extends StandardColumns {
  /** '' for shared ranges (shown null). */
  project_id: string;
  name: string;
  is_default: number;
  shared: number;
  network_type: string;
  /** '' for tunnel types (shown null). */
  physical_network: string;
  minimum: number;
  maximum: number;
}

export interface TrunkTable extends StandardColumns {
  project_id: string;
  name: string;
  admin_state_up: number;
  status: string;
  /** The parent port; unique: a port parents at most one trunk. */
  port_id: string;
}

export interface TrunkSubportTable {
  /** Primary key: a port is a subport of at most one trunk. */
  port_id: string;
  trunk_id: string;
  segmentation_type: string;
  segmentation_id: number;
}

// --- identity (expand 0002) --------------------------------------------------

export interface IdentityDomainTable {
  id: string;
  name: string;
  description: string;
  enabled: number;
  created_at: string;
}

export interface IdentityProjectTable {
  id: string;
  domain_id: string;
  parent_id: string | null;
  name: string;
  description: string;
  enabled: number;
  /** JSON list of strings. */
  tags: string;
  created_at: string;
}

export interface IdentityUserTable {
  id: string;
  domain_id: string;
  name: string;
  /** scrypt hash string (identity/password-hash.ts); null: no password login. */
  password_hash: string | null;
  enabled: number;
  default_project_id: string | null;
  /** JSON object (Keystone's user options). */
  options: string;
  /** JSON object of extra attributes (email, description …). */
  extra: string;
  password_expires_at: string | null;
  created_at: string;
}

export interface IdentityGroupTable {
  id: string;
  domain_id: string;
  name: string;
  description: string;
}

export interface IdentityGroupMemberTable {
  group_id: string;
  user_id: string;
}

export interface IdentityRoleTable {
  id: string;
  name: string;
  /** '' for a global role (rendered as null). */
  domain_id: string;
  description: string;
  options: string;
}

export interface IdentityImpliedRoleTable {
  prior_role_id: string;
  implied_role_id: string;
}

export interface IdentityAssignmentTable {
  actor_type: 'user' | 'group';
  actor_id: string;
  target_type: 'project' | 'domain' | 'system';
  /** Project or domain id; 'all' for the system. */
  target_id: string;
  role_id: string;
}

export interface IdentityAppCredentialTable {
  id: string;
  user_id: string;
  project_id: string;
  name: string;
  description: string;
  secret_hash: string;
  /** JSON list of role ids. */
  roles: string;
  expires_at: string | null;
  unrestricted: number;
  created_at: string;
}

export interface IdentityRevocationTable {
  kind: 'audit' | 'user' | 'project' | 'app_cred';
  value: string;
  /** ms since the epoch: tokens issued at or before this instant are revoked. */
  revoked_at: number;
  /** ms since the epoch after which no matching token can still be valid. */
  expires_at: number;
}

export interface IdentityKeyTable {
  id: string;
  secret: string;
  created_at: string;
}

// --- security groups and address groups (expand 0006) -------

export interface SecurityGroupTable extends StandardColumns {
  name: string;
  stateful: number;
}

/** Which group is a project's default (one per project: the primary key). */
export interface DefaultSecurityGroupTable {
  project_id: string;
  security_group_id: string;
}

export interface SecurityGroupRuleTable extends Omit<StandardColumns, 'description'> {
  security_group_id: string;
  /** The group's project, kept on the rule for read checks. */
  security_group_project_id: string;
  remote_group_id: string | null;
  remote_address_group_id: string | null;
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  normalized_cidr: string | null;
  /** Null on rules copied from the templates, as in Neutron. */
  description: string | null;
}

export interface SecurityGroupPortBindingTable {
  port_id: string;
  security_group_id: string;
}

/** Templates of the rules a new group starts with; remote_group_id may be 'PARENT' (the new group). */
export interface DefaultSecurityGroupRuleTable extends Omit<StandardColumns, 'description'> {
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  remote_address_group_id: string | null;
  description: string | null;
  used_in_default_sg: number;
  used_in_non_default_sg: number;
}

export interface AddressGroupTable extends StandardColumns {
  name: string;
}

/** One row per CIDR of an address group (network address and prefix length). */
export interface AddressGroupAddressTable {
  address_group_id: string;
  address: string;
}

// --- IPAM: history, reservations (expand 0005, 0007) ---------------------

/** One holding of an address by a port, written by triggers on ip_allocations (expand 0005). */
export interface IpAddressHistoryTable {
  id: Generated<number>;
  ip_address: string;
  subnet_id: string;
  network_id: string;
  project_id: string;
  port_id: string;
  device_id: string;
  device_owner: string;
  mac_address: string;
  /** ISO 8601 UTC with milliseconds. */
  held_from: string;
  /** Null while held. */
  held_until: string | null;
}

/** Addresses of a subnet held for a project without a port; bounds inclusive, 32-char hex. */
export interface IpReservationTable extends StandardColumns {
  name: string;
  subnet_id: string;
  ip_version: number;
  start_ip_address: string;
  end_ip_address: string;
  /** Set when the reservation was asked for as a prefix. */
  cidr: string | null;
  first_hex: string;
  last_hex: string;
  purpose: string;
  /** Neutron timestamp format; null = never expires. */
  expires_at: string | null;
}

/** One prefix carved from a subnet pool (a subnet made from it), written by triggers on subnets (expand 0007). */
export interface SubnetpoolPrefixHistoryTable {
  id: Generated<number>;
  prefix: string;
  subnetpool_id: string;
  subnet_id: string;
  network_id: string;
  project_id: string;
  held_from: string;
  held_until: string | null;
}

/** A prefix of a subnet pool given to a project (expand 0008); bounds inclusive, 32-char hex. */
export interface IpBlockTable extends StandardColumns {
  name: string;
  subnetpool_id: string;
  ip_version: number;
  cidr: string;
  prefixlen: number;
  first_hex: string;
  last_hex: string;
  /** The port the block is routed to, if any. */
  port_id: string | null;
  purpose: string;
}

export interface RouterTable extends StandardColumns {
  name: string;
  admin_state_up: number;
  status: string;
  enable_snat: number;
  /** JSON list of {destination, nexthop}. */
  routes: string;
  availability_zone_hints: string;
  ha: number;
  distributed: number;
}

/** Which ports are a router's (interfaces and gateway). */
export interface RouterPortTable {
  port_id: string;
  router_id: string;
  port_type: string;
}

export interface FloatingIpTable extends StandardColumns {
  floating_network_id: string;
  floating_ip_address: string;
  floating_port_id: string;
  port_id: string | null;
  fixed_ip_address: string | null;
  router_id: string | null;
  status: string;
  dns_name: string;
  dns_domain: string;
}

export interface PortForwardingTable {
  id: string;
  project_id: string;
  floatingip_id: string;
  internal_port_id: string;
  protocol: string;
  internal_ip_address: string;
  external_port: number | null;
  internal_port: number | null;
  external_port_range: string;
  internal_port_range: string;
  description: string;
  created_at: string;
  updated_at: string;
  revision_number: number;
}

// --- RBAC (expand 0010) ---------------------------------------------------------

/** Who shares which object with which project ('*': every project). */
export interface RbacPolicyTable extends StandardColumns {
  object_type: string;
  object_id: string;
  action: string;
  target_tenant: string;
}

// --- QoS and agents (expand 0012) ----------------------------------------------

export interface QosPolicyTable extends StandardColumns {
  name: string;
  shared: number;
  /** At most one per project (partial unique index). */
  is_default: number;
}

/** What agents report about themselves (muon agent, drivers). */
export interface AgentTable {
  id: string;
  project_id: string;
  agent_type: string;
  binary: string;
  topic: string;
  host: string;
  availability_zone: string | null;
  admin_state_up: number;
  started_at: string;
  heartbeat_timestamp: string;
  /** JSON object. */
  configurations: string;
  resources_synced: number | null;
  description: string | null;
  created_at: string;
  updated_at: string;
  revision_number: number;
}
