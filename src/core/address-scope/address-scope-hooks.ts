import { AddressScopeInUse, AddressScopeUpdateError } from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/** Address scopes: a shared one stays shared; cannot be deleted while subnet pools use them. */
export function addressScopeHooks(repos: CoreRepos): ResourceHooks {
  return {
    async beforeUpdate(_tx, _ctx, current, changes) {
      // Pools of other projects may have joined it: taking the share back would strand them.
      if (Number(current.shared) === 1 && changes.shared === false) throw new AddressScopeUpdateError(String(current.id), "Shared address scope can't be unshared");
    },

    async beforeDelete(tx, _ctx, current) {
      const pools = await repos.subnetpools.list(tx, { conditions: [{ kind: 'in', column: 'address_scope_id', values: [current.id] }], sort: [], limit: 1 });
      if (pools.length > 0) throw new AddressScopeInUse(String(current.id));
    },
  };
}
