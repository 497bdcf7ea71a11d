import { AddressScopeInUse } from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/** Address scopes: cannot be deleted while subnet pools use them. */
export function addressScopeHooks(repos: CoreRepos): ResourceHooks {
  return {
    async beforeDelete(tx, _ctx, current) {
      const pools = await repos.subnetpools.list(tx, { conditions: [{ kind: 'in', column: 'address_scope_id', values: [current.id] }], sort: [], limit: 1 });
      if (pools.length > 0) throw new AddressScopeInUse(String(current.id));
    },
  };
}
