import type { CallerPowers } from './policy.ts';
import type { Visibility } from '../store/repos/list-query.ts';

/**
 * Which rows a project sees besides its own (Neutron's default policy,
 * semantics.md §7): networks, subnet pools, address scopes, security groups
 * and address groups shared with it (or with everyone) by RBAC policies,
 * networks external for it, subnets of networks shared with it, ports on networks it owns.
 */
const SHARED = ['access_as_shared'];
/** A network is visible to the projects it is shared with and to those it is external for (Neutron's external-network filter hook). */
const NETWORK_ACCESS = ['access_as_shared', 'access_as_external'];
const RULES: Readonly<Record<string, Omit<Visibility, 'projectId'>>> = {
  networks: { flags: ['shared'], rbac: { objectType: 'network', actions: NETWORK_ACCESS } },
  // Subnets follow their network's shares (Neutron joins them on network_id) — but not its external
  // access: Neutron's subnet query scopes by access_as_shared only, so the subnets of a public network
  // that is not shared stay hidden (get_subnet's rule:external_network never sees them; Tempest checks it).
  subnets: { rbac: { objectType: 'network', actions: SHARED, column: 'network_id' } },
  ports: { viaNetwork: 'owned' },
  subnetpools: { flags: ['shared'], rbac: { objectType: 'subnetpool', actions: SHARED } },
  address_scopes: { flags: ['shared'], rbac: { objectType: 'address_scope', actions: SHARED } },
  security_groups: { rbac: { objectType: 'security_group', actions: SHARED } },
  address_groups: { rbac: { objectType: 'address_group', actions: SHARED } },
  // QoS policies (the qos extension's `policies`): shared with everyone, or with the project by RBAC (qos_policy).
  policies: { flags: ['shared'], rbac: { objectType: 'qos_policy', actions: SHARED } },
  // A rule is also visible to its security group's owner (Neutron's sg_owner reader rule).
  security_group_rules: { ownerColumns: ['security_group_project_id'] },
};

/** Collections the service role reads in full (Nova and Ironic look up any project's networks and ports). */
const SERVICE_READS_ALL = new Set(['networks', 'subnets', 'ports']);

/** Collections of cloud-wide objects every caller may read (their get_* rule is a bare role check). */
const EVERYONE_READS = new Set(['default_security_group_rules', 'flavors']);

/**
 * The SQL pre-filter of a caller's reads (Neutron's model-query scoping), or
 * undefined when it may see every row (admin; the service role on networks,
 * subnets and ports). It must let through at least what the default get_*
 * rules allow: the service then checks each row against them. Use
 * `Policy.visibility`, which knows the caller's powers.
 */
export function visibilityFor(projectId: string, powers: CallerPowers, collection: string): Visibility | undefined {
  if (powers.admin || (powers.service && SERVICE_READS_ALL.has(collection)) || EVERYONE_READS.has(collection)) return undefined;
  return { projectId, ...(RULES[collection] ?? {}) };
}
