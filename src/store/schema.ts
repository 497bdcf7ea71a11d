/**
 * Table shapes as Kysely sees them. Column names are Neutron's wire names
 * with ':' → '_' (binding:host_id → binding_host_id). Booleans are stored as
 * 0/1 integers on both dialects so that rows read the same everywhere; JSON
 * values are text. IP addresses used for ordering are kept as 32-char hex.
 */
import type { AutoAllocatedTopologyTable, NetworkTable, NetworkSegmentTable, NetworkSegmentRangeTable } from './schema/network.ts';
import type { SubnetTable, SubnetpoolTable, AddressScopeTable } from './schema/subnet.ts';
import type { PortTable, PortBindingTable, ExtraDhcpOptTable } from './schema/port.ts';
import type { IpAllocationTable, FreeRangeTable, IpAddressHistoryTable, IpReservationTable, SubnetpoolPrefixHistoryTable, IpBlockTable } from './schema/ipam.ts';
import type { TagTable, QuotaTable, ChangeTable } from './schema/bookkeeping.ts';
import type { SecurityGroupTable, DefaultSecurityGroupTable, SecurityGroupRuleTable, SecurityGroupPortBindingTable, DefaultSecurityGroupRuleTable, AddressGroupTable, AddressGroupAddressTable } from './schema/security-group.ts';
import type { RouterTable, RouterPortTable, FloatingIpTable, PortForwardingTable } from './schema/l3.ts';
import type { RbacPolicyTable } from './schema/rbac.ts';
import type { TrunkTable, TrunkSubportTable } from './schema/trunk.ts';
import type { QosPolicyTable } from './schema/qos.ts';
import type { AgentTable } from './schema/agent.ts';
import type { FlavorTable, ServiceProfileTable, FlavorServiceProfileBindingTable } from './schema/flavor.ts';
import type { IdentityDomainTable, IdentityProjectTable, IdentityUserTable, IdentityGroupTable, IdentityGroupMemberTable, IdentityRoleTable, IdentityImpliedRoleTable, IdentityAssignmentTable, IdentityAppCredentialTable, IdentityRevocationTable, IdentityKeyTable } from './schema/identity.ts';

export * from './schema/columns.ts';
export * from './schema/network.ts';
export * from './schema/subnet.ts';
export * from './schema/port.ts';
export * from './schema/ipam.ts';
export * from './schema/bookkeeping.ts';
export * from './schema/security-group.ts';
export * from './schema/l3.ts';
export * from './schema/rbac.ts';
export * from './schema/trunk.ts';
export * from './schema/qos.ts';
export * from './schema/agent.ts';
export * from './schema/flavor.ts';
export * from './schema/identity.ts';

/** Every table, by name: what kysely checks queries against. */
export interface Database {
  networks: NetworkTable;
  network_segments: NetworkSegmentTable;
  subnets: SubnetTable;
  subnetpools: SubnetpoolTable;
  address_scopes: AddressScopeTable;
  ports: PortTable;
  extra_dhcp_opts: ExtraDhcpOptTable;
  port_bindings: PortBindingTable;
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
  auto_allocated_topologies: AutoAllocatedTopologyTable;
  flavors: FlavorTable;
  service_profiles: ServiceProfileTable;
  flavor_service_profile_bindings: FlavorServiceProfileBindingTable;
}
