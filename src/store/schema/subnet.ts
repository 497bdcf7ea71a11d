/** Subnets, subnet pools and address scopes. */
import type { StandardColumns } from './columns.ts';

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
