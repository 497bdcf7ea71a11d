/** Routers, floating IPs and port forwardings (expand 0009). */
import type { StandardColumns } from './columns.ts';

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
  /** Extension qos-gateway-ip (expand 0020): external_gateway_info.qos_policy_id. */
  gateway_qos_policy_id: string | null;
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
  /** Extension qos-fip (expand 0020). */
  qos_policy_id: string | null;
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
