import type { FlavorBindingRepo } from '../../store/repos/flavor-binding-repo.ts';
import { ServiceProfileDriverNotFound, ServiceProfileEmpty, ServiceProfileInUse } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/**
 * Service profiles, with Neutron's rules: a profile names the driver of a
 * configured service provider (404 ServiceProfileDriverNotFound) or, with
 * no driver, carries metainfo (400 ServiceProfileEmpty; checked on create
 * only, as Neutron does); a profile bound to a flavor can be neither changed
 * nor deleted (409 ServiceProfileInUse).
 */
export function serviceProfileHooks(bindings: FlavorBindingRepo, knownDrivers: ReadonlySet<string>): ResourceHooks {
  const checkDriver = (driver: unknown) => {
    if (typeof driver === 'string' && driver !== '' && !knownDrivers.has(driver)) throw new ServiceProfileDriverNotFound(driver);
  };
  return {
    async beforeCreate(_tx, _ctx, values) {
      checkDriver(values.driver);
      if (!values.driver && !values.metainfo) throw new ServiceProfileEmpty();
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      checkDriver(changes.driver);
      if (await bindings.profileInUse(tx, String(current.id))) throw new ServiceProfileInUse(String(current.id));
    },

    async beforeDelete(tx, _ctx, current) {
      if (await bindings.profileInUse(tx, String(current.id))) throw new ServiceProfileInUse(String(current.id));
    },
  };
}
