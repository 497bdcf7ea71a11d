import type { ResolvedResource } from '../../definitions/index.ts';
import { ResourceRepo } from '../../store/repos/resource-repo.ts';
import { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { LogResourceNotFound, NotFound } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ResourceService, type ResourceServiceDeps } from '../resource/resource-service.ts';
import { logHooks, type LogReferences } from './log-hooks.ts';
import { LoggableResources } from './loggable-resources.ts';

/** What the logging feature adds to the services. */
export interface LogServices {
  readonly binding: { readonly resource: ResolvedResource; readonly service: ResourceService; readonly hooks: ResourceHooks };
  /** GET /v2.0/log/loggable-resources. */
  readonly loggableResources: LoggableResources;
}

/**
 * Wires network logs: their resource service, whose create checks the
 * security group and port it names through their own services (so "exists"
 * means "the caller may read it", as Neutron's object reads do).
 */
export function createLogServices(
  resolved: ReadonlyMap<string, ResolvedResource>, deps: ResourceServiceDeps, services: { securityGroups: ResourceService; ports: ResourceService },
): LogServices {
  const groups = new SecurityGroupRepo();
  const readable = async <T>(read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (error) {
      if (error instanceof NotFound) return undefined;
      throw error;
    }
  };
  // The row is locked once seen: a delete racing the create waits for it and then takes the new log along
  // (the foreign keys cascade), instead of the insert failing on a row deleted meanwhile.
  const lockedIfReadable = async (service: ResourceService, tx: Tx, ctx: RequestContext, id: string) => {
    const record = await readable(() => service.readWithin(tx, ctx, id));
    return record && (await service.repo.get(tx, id, { forUpdate: true })) && record;
  };
  const references: LogReferences = {
    securityGroupVisible: async (tx, ctx, id) => (await lockedIfReadable(services.securityGroups, tx, ctx, id)) !== undefined,
    portBinding: async (tx, ctx, id) => {
      const port = await lockedIfReadable(services.ports, tx, ctx, id);
      return port && { vifType: String(port['binding:vif_type'] ?? 'unbound'), vnicType: String(port['binding:vnic_type'] ?? 'normal') };
    },
    groupsOfPort: async (tx: Tx, portId) => (await groups.groupsOfPorts(tx, [portId])).get(portId) ?? [],
  };
  const resource = resolved.get('logs')!;
  const hooks = logHooks(references);
  const service = new ResourceService(resource, new ResourceRepo('logs', 'log'), deps, hooks, (id) => new LogResourceNotFound(id));
  return { binding: { resource, service, hooks }, loggableResources: new LoggableResources(deps.policy) };
}
