import type { FlavorBindingRepo } from '../../store/repos/flavor-binding-repo.ts';
import { InvalidServiceType } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/**
 * Flavors: the service type must be one of the service plugins the server
 * runs (400 InvalidServiceType); `service_profiles` shows the bound
 * profiles. A body's `service_profiles` is accepted and ignored, as Neutron
 * does (associations go through /v2.0/flavors/{id}/service_profiles).
 * Deleting a flavor takes its associations with it (the table's cascade).
 */
export function flavorHooks(bindings: FlavorBindingRepo, serviceTypes: ReadonlySet<string>): ResourceHooks {
  return {
    async beforeCreate(_tx, _ctx, values) {
      if (typeof values.service_type !== 'string' || !serviceTypes.has(values.service_type)) throw new InvalidServiceType(values.service_type);
      delete values.service_profiles;
    },

    async beforeUpdate(_tx, _ctx, _current, changes) {
      delete changes.service_profiles;
    },

    async extend(tx, _ctx, records) {
      const byFlavor = await bindings.profilesOf(tx, records.map((r) => String(r.id)));
      for (const record of records) record.service_profiles = byFlavor.get(String(record.id)) ?? [];
    },

    extendCreated(records) {
      for (const record of records) record.service_profiles = [];
    },
  };
}
