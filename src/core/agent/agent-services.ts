import type { Config } from '../../config/schema.ts';
import type { ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import { AgentRepo } from '../../store/repos/agent-repo.ts';
import { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Store } from '../../store/store.ts';
import { AgentNotFound } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ResourceService, type ResourceServiceDeps } from '../resource/resource-service.ts';
import { agentHooks } from './agent-hooks.ts';
import { AgentRegistry } from './agent-registry.ts';
import { AvailabilityZones, serviceProviders, type ServiceProvider } from './availability-zones.ts';

/** What agents, availability zones and service providers add to the services. */
export interface AgentServices {
  readonly binding: { readonly resource: ResolvedResource; readonly service: ResourceService; readonly hooks: ResourceHooks };
  /** Agents' reports and heartbeats (the data plane's entry point). */
  readonly registry: AgentRegistry;
  readonly availabilityZones: AvailabilityZones;
  readonly serviceProviders: ReturnType<typeof serviceProviders>;
}

/** Wires agents (the resource and the registry), availability zones and service providers. */
export function createAgentServices(resolved: ReadonlyMap<string, ResolvedResource>, deps: ResourceServiceDeps, policy: Policy, store: Store, config: Readonly<Config>): AgentServices {
  const repo = new AgentRepo();
  const resource = resolved.get('agents')!;
  const hooks = agentHooks(config.agentDownTime);
  return {
    binding: { resource, hooks, service: new ResourceService(resource, new ResourceRepo('agents', 'agent'), deps, hooks, (id) => new AgentNotFound(id)) },
    registry: new AgentRegistry(store, repo),
    availabilityZones: new AvailabilityZones(store, repo, policy, config.availabilityZones, config.agentDownTime),
    serviceProviders: serviceProviders(policy, config.serviceProviders),
  };
}

export type { ServiceProvider };
