/** Security groups, their rules and templates, port bindings, address groups (expand 0006). */
import type { StandardColumns } from './columns.ts';

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
