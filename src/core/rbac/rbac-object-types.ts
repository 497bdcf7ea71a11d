import type { RbacPolicyRepo } from '../../store/repos/rbac-policy-repo.ts';
import type { Tx } from '../../store/store.ts';
import { AddressGroupNotFound, AddressScopeNotFound, NetworkNotFound, QosPolicyNotFound, SecurityGroupNotFound, SubnetPoolNotFound, type NeutronError } from '../errors.ts';

export const ACCESS_SHARED = 'access_as_shared';
export const ACCESS_EXTERNAL = 'access_as_external';

/**
 * What RBAC needs to know of one kind of shareable object (Neutron's
 * `*RBAC` models and their `get_bound_project_ids`). Adding a kind (QoS
 * policies, BGP VPNs) is adding an entry to `RBAC_OBJECT_TYPES`: the
 * rbac-policies resource, visibility (policy/visibility.ts) and the
 * `shared` attribute follow from it.
 */
export interface RbacObjectType {
  /** `object_type` on the wire. */
  readonly type: string;
  /** The objects' table (and API collection, unless `collection` says otherwise). */
  readonly table: string;
  /** The API collection when it is not the table's name (QoS policies: `policies`). */
  readonly collection?: string;
  /** Valid actions, in Neutron's order (its error message lists them). */
  readonly actions: readonly string[];
  /** Boolean column that mirrors "shared with every project", when the object has one. */
  readonly sharedColumn?: string;
  readonly notFound: (id: string) => NeutronError;
  /**
   * Projects that use the object in a way that needs access to it, for
   * `action` (Neutron's bound projects): who must keep a policy while they
   * do. May include the owner; RBAC leaves the owner out.
   */
  boundProjects(tx: Tx, repo: RbacPolicyRepo, objectId: string, action: string): Promise<Set<string>>;
}

/** The object types of rbac-policies, rbac-security-groups, rbac-address-scope, rbac-subnetpool, rbac-address-group, and qos_policy (part of qos). */
export const RBAC_OBJECT_TYPES: ReadonlyMap<string, RbacObjectType> = new Map<string, RbacObjectType>([
  ['network', {
    type: 'network', table: 'networks', actions: [ACCESS_SHARED, ACCESS_EXTERNAL], sharedColumn: 'shared',
    notFound: (id) => new NetworkNotFound(id),
    // Shared: their ports on it. External: their routers with a gateway on it (Neutron's _validate_ext_not_in_use_by_tenant).
    boundProjects: (tx, repo, id, action) => (action === ACCESS_EXTERNAL ? repo.projectsOfRoutersWithGatewayOn(tx, id) : repo.projectsWithPortsOn(tx, id)),
  }],
  ['security_group', {
    type: 'security_group', table: 'security_groups', actions: [ACCESS_SHARED],
    notFound: (id) => new SecurityGroupNotFound(id),
    boundProjects: (tx, repo, id) => repo.projectsOfPortsWithGroup(tx, id),
  }],
  ['address_scope', {
    type: 'address_scope', table: 'address_scopes', actions: [ACCESS_SHARED], sharedColumn: 'shared',
    notFound: (id) => new AddressScopeNotFound(id),
    boundProjects: (tx, repo, id) => repo.projectsUsing(tx, 'subnetpools', 'address_scope_id', id),
  }],
  ['subnetpool', {
    type: 'subnetpool', table: 'subnetpools', actions: [ACCESS_SHARED], sharedColumn: 'shared',
    notFound: (id) => new SubnetPoolNotFound(id),
    // Subnets carved from the pool, and (muon) IP blocks given from it.
    boundProjects: async (tx, repo, id) => new Set([
      ...await repo.projectsUsing(tx, 'subnets', 'subnetpool_id', id), ...await repo.projectsUsing(tx, 'ip_blocks', 'subnetpool_id', id),
    ]),
  }],
  ['qos_policy', {
    type: 'qos_policy', table: 'qos_policies', collection: 'policies', actions: [ACCESS_SHARED], sharedColumn: 'shared',
    notFound: (id) => new QosPolicyNotFound(id),
    // Neutron's QosPolicyRBAC bound projects: the ports, networks, floating IPs and router gateways the policy is applied to.
    boundProjects: async (tx, repo, id) => new Set([
      ...await repo.projectsUsing(tx, 'ports', 'qos_policy_id', id), ...await repo.projectsUsing(tx, 'networks', 'qos_policy_id', id),
      ...await repo.projectsUsing(tx, 'floatingips', 'qos_policy_id', id), ...await repo.projectsUsing(tx, 'routers', 'gateway_qos_policy_id', id),
    ]),
  }],
  ['address_group', {
    type: 'address_group', table: 'address_groups', actions: [ACCESS_SHARED],
    notFound: (id) => new AddressGroupNotFound(id),
    boundProjects: (tx, repo, id) => repo.projectsUsing(tx, 'security_group_rules', 'remote_address_group_id', id),
  }],
]);

/** The object type whose objects live in `collection` (networks → network), if shareable. */
export function rbacTypeOfCollection(collection: string): RbacObjectType | undefined {
  for (const type of RBAC_OBJECT_TYPES.values()) if ((type.collection ?? type.table) === collection) return type;
  return undefined;
}
