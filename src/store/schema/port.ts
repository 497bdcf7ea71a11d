/** Ports and their extra DHCP options. */
import type { StandardColumns } from './columns.ts';

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

/**
 * Expand 0024 (binding-extended): a port's INACTIVE bindings; the ACTIVE one
 * is the port's own binding_* columns. profile and vif_details are JSON.
 */
export interface PortBindingTable {
  port_id: string;
  host: string;
  vnic_type: string;
  profile: string;
  vif_type: string;
  vif_details: string;
  created_at: string;
}

export interface ExtraDhcpOptTable {
  port_id: string;
  opt_name: string;
  opt_value: string;
  ip_version: number;
}
