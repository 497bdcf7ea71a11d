import { parseBoolean } from '../../definitions/validators/index.ts';
import type { Condition } from '../../store/repos/list-query.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import { InvalidInput, InvalidSharedSetting, RbacPolicyInUse } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ACCESS_EXTERNAL, ACCESS_SHARED } from './rbac-object-types.ts';
import type { Sharing } from './sharing.ts';

/**
 * RBAC's part in the life of a shareable object (networks, security groups,
 * address scopes, subnet pools, address groups), composed after the
 * object's own hooks: `shared=True` is the wildcard access_as_shared policy,
 * made on create and made or removed on update (removal refused while
 * another project depends on it: 409, InvalidSharedSetting for networks as
 * in Neutron); on networks `router:external=True` makes the wildcard
 * access_as_external policy and `False` removes every access_as_external
 * policy; deleting the object deletes its policies. A filter on `shared`
 * asks whether the object is shared with the caller, as the attribute shows.
 */
export function sharedObjectHooks(sharing: Sharing, objectType: string): ResourceHooks {
  const object = (row: Row) => ({ id: String(row.id), project_id: String(row.project_id) });
  return {
    filter: sharedFilter(objectType, 'id'),

    async afterCreate(tx, _ctx, values) {
      if (values.shared === true) await sharing.setWildcard(tx, objectType, object(values), ACCESS_SHARED, true);
      if (objectType === 'network' && values['router:external'] === true) await sharing.setWildcard(tx, objectType, object(values), ACCESS_EXTERNAL, true);
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      if (changes.shared !== undefined && changes.shared !== null && changes.shared !== (Number(current.shared) === 1)) {
        await unshareOr409(tx, sharing, objectType, object(current), changes.shared === true);
      }
      const external = changes['router:external'];
      if (objectType === 'network' && external !== undefined && external !== null && external !== (Number(current.router_external) === 1)) {
        if (external === true) await sharing.setWildcard(tx, objectType, object(current), ACCESS_EXTERNAL, true);
        else await sharing.repo.remove(tx, objectType, String(current.id), ACCESS_EXTERNAL);
      }
    },

    async afterDelete(tx, _ctx, current) {
      await sharing.repo.remove(tx, objectType, String(current.id));
    },
  };
}

async function unshareOr409(tx: Tx, sharing: Sharing, objectType: string, object: { id: string; project_id: string }, on: boolean): Promise<void> {
  try {
    await sharing.setWildcard(tx, objectType, object, ACCESS_SHARED, on);
  } catch (error) {
    // Neutron answers a network's shared=False with its own 409 type.
    if (error instanceof RbacPolicyInUse && objectType === 'network') throw new InvalidSharedSetting(object.id);
    throw error;
  }
}

/**
 * `?shared=true|false` on a collection whose rows are (`column` = 'id') or
 * belong to (subnets: 'network_id') shareable objects: shared means shared
 * with the caller or with everyone, as the `shared` attribute shows it — not
 * only the wildcard policy the `shared` column mirrors (Neutron filters on
 * the object's RBAC entries the same way). Repeated values are ORs.
 */
export function sharedFilter(objectType: string, column: string): NonNullable<ResourceHooks['filter']> {
  return (name, values): Condition | undefined => {
    if (name !== 'shared') return undefined;
    const wanted = values.map((value) => parseBoolean(value));
    if (wanted.some((w) => w === undefined)) throw new InvalidInput(`'${values.join(', ')}' cannot be converted to boolean`);
    return { kind: 'sharedWithCaller', objectType, column, shared: [...new Set(wanted as boolean[])] };
  };
}
