import type { RequestContext } from '../core/context.ts';
import type { Visibility } from '../store/repos/list-query.ts';

/**
 * Which rows a project sees besides its own (Neutron's default policy,
 * semantics.md §7): shared and external networks, subnets of such networks,
 * ports on networks it owns, shared pools and scopes.
 */
const RULES: Readonly<Record<string, Omit<Visibility, 'projectId'>>> = {
  networks: { flags: ['shared', 'router_external'] },
  subnets: { viaNetwork: 'shared-or-external' },
  ports: { viaNetwork: 'owned' },
  subnetpools: { flags: ['shared'] },
  address_scopes: { flags: ['shared'] },
};

/** The visibility restriction for a caller, or undefined when it sees everything (admin). */
export function visibilityFor(ctx: RequestContext, collection: string): Visibility | undefined {
  if (ctx.isAdmin) return undefined;
  return { projectId: ctx.projectId, ...(RULES[collection] ?? {}) };
}
