import type { Config } from '../../config/schema.ts';
import { EXTENSIONS, type ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import { FlavorBindingRepo } from '../../store/repos/flavor-binding-repo.ts';
import { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Store } from '../../store/store.ts';
import { parseServiceProviders } from '../agent/availability-zones.ts';
import { FlavorNotFound, ServiceProfileNotFound } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ResourceService, type ResourceServiceDeps } from '../resource/resource-service.ts';
import { flavorHooks } from './flavor-hooks.ts';
import { FlavorProfileBindings } from './flavor-profile-bindings.ts';
import { serviceProfileHooks } from './service-profile-hooks.ts';
import { offeredServiceTypes } from './service-types.ts';

type Binding = { readonly resource: ResolvedResource; readonly service: ResourceService; readonly hooks: ResourceHooks };

/** What the flavors extension adds to the services. */
export interface FlavorServices {
  /** flavors and service_profiles, served by the generic engine. */
  readonly bindings: readonly Binding[];
  /** /v2.0/flavors/{id}/service_profiles. */
  readonly associations: FlavorProfileBindings;
}

/**
 * Wires flavors, service profiles and their associations. The service
 * types flavors may name follow the extensions served; the drivers profiles
 * may name are those of the configured service providers.
 */
export function createFlavorServices(resolved: ReadonlyMap<string, ResolvedResource>, deps: ResourceServiceDeps, policy: Policy, store: Store, config: Readonly<Config>): FlavorServices {
  const bindingRepo = new FlavorBindingRepo();
  const flavorRepo = new ResourceRepo('flavors', 'flavor');
  const profileRepo = new ResourceRepo('service_profiles', 'service_profile');
  const drivers = new Set(parseServiceProviders(config.serviceProviders).flatMap((p) => (p.driver === undefined ? [] : [p.driver])));
  const flavor = resolved.get('flavors')!;
  const profile = resolved.get('service_profiles')!;
  const forFlavors = flavorHooks(bindingRepo, offeredServiceTypes(EXTENSIONS));
  const forProfiles = serviceProfileHooks(bindingRepo, drivers);
  return {
    bindings: [
      { resource: flavor, hooks: forFlavors, service: new ResourceService(flavor, flavorRepo, deps, forFlavors, (id) => new FlavorNotFound(id)) },
      { resource: profile, hooks: forProfiles, service: new ResourceService(profile, profileRepo, deps, forProfiles, (id) => new ServiceProfileNotFound(id)) },
    ],
    associations: new FlavorProfileBindings(store, policy, flavorRepo, profileRepo, bindingRepo),
  };
}
