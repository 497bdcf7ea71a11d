import type { ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import { ResourceRepo } from '../../store/repos/resource-repo.ts';
import { TrunkRepo } from '../../store/repos/trunk-repo.ts';
import type { Store } from '../../store/store.ts';
import { TrunkNotFound } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ResourceService, type ResourceServiceDeps } from '../resource/resource-service.ts';
import { portTrunkHooks } from './port-trunk-hooks.ts';
import { TrunkActions } from './trunk-actions.ts';
import { trunkHooks } from './trunk-hooks.ts';

/** What the trunk feature adds to the services (the part of createServices that belongs to it). */
export interface TrunkServices {
  readonly binding: { readonly resource: ResolvedResource; readonly service: ResourceService; readonly hooks: ResourceHooks };
  /** Composed after the port hooks: parents and subports cannot be deleted; trunk_details. */
  readonly portHooks: ResourceHooks;
  /** add_subports, remove_subports, get_subports. */
  readonly actions: TrunkActions;
}

/** Wires trunks: their resource service, the port hooks and the subport actions. */
export function createTrunkServices(resolved: ReadonlyMap<string, ResolvedResource>, deps: ResourceServiceDeps, policy: Policy, store: Store): TrunkServices {
  const repo = new TrunkRepo();
  const trunks = new ResourceRepo('trunks', 'trunk');
  const resource = resolved.get('trunks')!;
  const hooks = trunkHooks(repo);
  const service = new ResourceService(resource, trunks, deps, hooks, (id) => new TrunkNotFound(id));
  return { binding: { resource, service, hooks }, portHooks: portTrunkHooks(repo), actions: new TrunkActions(store, policy, trunks, repo, service) };
}
