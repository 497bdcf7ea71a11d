import type { ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import { FloatingIpRepo } from '../../store/repos/floating-ip-repo.ts';
import { ResourceRepo } from '../../store/repos/resource-repo.ts';
import { RouterRepo } from '../../store/repos/router-repo.ts';
import type { Store } from '../../store/store.ts';
import { portForwardingResource } from '../../definitions/extensions/floating-ip-port-forwarding.ts';
import { resolveResources } from '../../definitions/index.ts';
import { composeHooks } from '../compose-hooks.ts';
import { FloatingIPNotFound, PortForwardingNotFound, RouterNotFound } from '../errors.ts';
import { floatingIpHooks } from '../floating-ip/floating-ip-hooks.ts';
import { FloatingIpPools } from '../floating-ip/floatingip-pools.ts';
import { portForwardingHooks } from '../floating-ip/port-forwarding-hooks.ts';
import { PortForwardings } from '../floating-ip/port-forwardings.ts';
import type { QuotaService } from '../quota/quota-service.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ResourceService, type ResourceServiceDeps } from '../resource/resource-service.ts';
import { l3NetworkGuards, l3PortGuards, l3SubnetGuards, type FloatingIpDeleter } from './l3-guards.ts';
import type { L3Deps } from './l3-deps.ts';
import { RouterActions } from './router-actions.ts';
import { routerHooks } from './router-hooks.ts';
import { ServicePorts } from './service-ports.ts';

/** A served resource of this module (the shape of services.ts' ResourceBinding). */
export interface L3Binding {
  readonly resource: ResolvedResource;
  readonly service: ResourceService;
  readonly hooks: ResourceHooks;
}

/** The guards routers and floating IPs put on other resources; made before those resources' services. */
export interface L3Guards {
  readonly routers: RouterRepo;
  readonly fips: FloatingIpRepo;
  /** Composed before the network hooks. */
  readonly networkHooks: ResourceHooks;
  /** Composed before the subnet hooks. */
  readonly subnetHooks: ResourceHooks;
  /** Composed before the port hooks. */
  readonly portHooks: ResourceHooks;
}

/** What routers and floating IPs add to the services. */
export interface L3Services {
  /** routers, floatingips. */
  readonly bindings: readonly L3Binding[];
  /** The floating IP service (also in `bindings`), which the network guard deletes through. */
  readonly floatingips: ResourceService;
  readonly routerActions: RouterActions;
  readonly floatingipPools: FloatingIpPools;
  /** /floatingips/{id}/port_forwardings. */
  readonly portForwardings: PortForwardings;
  /** Quota resource → the table that counts it. */
  readonly counters: ReadonlyArray<readonly [string, ResourceRepo]>;
}

/**
 * Step one of the wiring: the guards on networks, subnets and ports.
 * `deleteFloatingIp` is only called once requests run, after step two has
 * built the floating IP service it reaches (services.ts connects the two).
 */
export function createL3Guards(deleteFloatingIp: FloatingIpDeleter): L3Guards {
  const routers = new RouterRepo();
  const fips = new FloatingIpRepo();
  return {
    routers, fips,
    networkHooks: l3NetworkGuards(routers, fips, deleteFloatingIp), subnetHooks: l3SubnetGuards(routers), portHooks: l3PortGuards(routers, fips),
  };
}

/**
 * Step two: routers and floating IPs, working through the already-built
 * network, subnet and port services (their rules for visibility, their hooks
 * for addresses).
 */
export function createL3Services(
  resolved: ReadonlyMap<string, ResolvedResource>, deps: ResourceServiceDeps, guards: L3Guards,
  core: { repos: CoreRepos; quotas: QuotaService; policy: Policy; store: Store; networks: ResourceService; subnets: ResourceService; ports: ResourceService },
  /** Other modules' hooks composed after the routers' and floating IPs' own (QoS). */
  extra: { routers?: ResourceHooks; floatingips?: ResourceHooks } = {},
): L3Services {
  const l3: L3Deps = {
    repos: core.repos, routers: guards.routers, fips: guards.fips, ports: new ServicePorts(core.ports),
    networks: core.networks, subnets: core.subnets, quotas: core.quotas,
  };
  const routerRepo = new ResourceRepo('routers', 'router');
  const fipRepo = new ResourceRepo('floatingips', 'floatingip');
  const bind = (collection: string, repo: ResourceRepo, hooks: ResourceHooks, notFound: (id: string) => RouterNotFound | FloatingIPNotFound) => {
    const resource = resolved.get(collection)!;
    return { resource, hooks, service: new ResourceService(resource, repo, deps, hooks, notFound) };
  };
  const routers = bind('routers', routerRepo, composeHooks(routerHooks(l3), ...(extra.routers ? [extra.routers] : [])), (id) => new RouterNotFound(id));
  const floatingips = bind('floatingips', fipRepo, composeHooks(floatingIpHooks(l3), ...(extra.floatingips ? [extra.floatingips] : [])), (id) => new FloatingIPNotFound(id));
  // A sub-resource: resolved on its own (no extension lists it among top-level resources).
  const forwarding = resolveResources([portForwardingResource], []).get('port_forwardings')!;
  const forwardings = new ResourceService(forwarding, new ResourceRepo('port_forwardings', 'port_forwarding'), deps, portForwardingHooks(l3),
    (id) => new PortForwardingNotFound(id));
  return {
    bindings: [routers, floatingips],
    floatingips: floatingips.service,
    portForwardings: new PortForwardings(floatingips.service, forwardings),
    routerActions: new RouterActions(core.store, core.policy, routerRepo, routers.service, l3),
    floatingipPools: new FloatingIpPools(core.store, core.policy),
    counters: [['router', routerRepo], ['floatingip', fipRepo]],
  };
}
