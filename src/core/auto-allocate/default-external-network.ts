import { execute, queryRow } from '../../store/fast-sql.ts';
import type { RbacPolicyRow } from '../../store/repos/rbac-policy-repo.ts';
import type { Tx } from '../../store/store.ts';
import { DefaultExternalNetworkExists, RbacPolicyInUse } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ACCESS_EXTERNAL } from '../rbac/rbac-object-types.ts';

/** The default external network's id, if one is set. */
export async function defaultExternalNetworkId(tx: Tx): Promise<string | undefined> {
  const row = await queryRow<{ id: string }>(tx, 'select "id" from "networks" where "is_default" = 1 and "router_external" = 1 order by "id" limit 1');
  return row?.id;
}

/**
 * `is_default` on networks (Neutron's _ensure_external_network_default_value
 * callback): it lives with the external flag, so a network that is not
 * external stores false whatever was asked, and a network that stops being
 * external stops being the default; at most one default external network
 * (409 DefaultExternalNetworkExists naming it; re-asserting on the default
 * itself is fine). Shown as Neutron shows it: on external networks, and
 * on the answer to a create, or to an update that named it, of any network
 * (Neutron's callback echoes the request; its extender reads the external
 * network's row, which internal networks lack).
 */
export function defaultExternalNetworkHooks(): ResourceHooks {
  return {
    async beforeCreate(tx, _ctx, values) {
      echo(tx, String(values.id));
      await settle(tx, values, values['router:external'] === true, undefined);
    },
    async beforeUpdate(tx, _ctx, current, changes) {
      if ('is_default' in changes) echo(tx, String(current.id));
      const external = changes['router:external'] !== undefined ? changes['router:external'] === true : Number(current.router_external) === 1;
      if (!external && Number(current.is_default) === 1) changes.is_default = false;
      await settle(tx, changes, external, String(current.id));
    },
    async extend(tx, _ctx, records) {
      for (const record of records) {
        if (record['router:external'] !== true && !tx.memo.has(echoKey(String(record.id)))) delete record.is_default;
      }
    },
  };
}

const echoKey = (id: string) => `is_default-echo/${id}`;

/** Marks a network whose answer in this transaction shows is_default whatever its external flag. */
function echo(tx: Tx, id: string): void {
  tx.memo.set(echoKey(id), true);
}

async function settle(tx: Tx, values: ResourceRecord, external: boolean, id: string | undefined): Promise<void> {
  if (values.is_default !== true) return;
  if (!external) {
    values.is_default = false;
    return;
  }
  const existing = await defaultExternalNetworkId(tx);
  if (existing !== undefined && existing !== id) throw new DefaultExternalNetworkExists(existing);
}

/**
 * RBAC on a default external network (Neutron's external_net_db callback):
 * its wildcard access_as_external policy may be neither deleted nor
 * retargeted (409 RbacPolicyInUse), for auto-allocation uplinks every project
 * to it. When the last access_as_external policy goes and the network turns
 * internal, it stops being the default too. Composed after rbacPolicyHooks
 * (whose afterDelete turns the network internal).
 */
export function defaultExternalRbacGuard(): ResourceHooks {
  return {
    async beforeUpdate(tx, _ctx, current, changes) {
      const target = changes.target_tenant as string | undefined;
      if (target !== undefined && target !== '*') await refuseIfDefault(tx, current as unknown as RbacPolicyRow);
    },
    async beforeDelete(tx, _ctx, current) {
      await refuseIfDefault(tx, current as unknown as RbacPolicyRow);
    },
    async afterDelete(tx, _ctx, current) {
      const policy = current as unknown as RbacPolicyRow;
      if (policy.action !== ACCESS_EXTERNAL) return;
      await execute(tx, 'update "networks" set "is_default" = 0 where "id" = ? and "router_external" = 0 and "is_default" = 1', [policy.object_id]);
    },
  };
}

async function refuseIfDefault(tx: Tx, policy: RbacPolicyRow): Promise<void> {
  if (policy.action !== ACCESS_EXTERNAL || policy.target_tenant !== '*' || policy.object_type !== 'network') return;
  const row = await queryRow<{ is_default: number }>(tx, 'select "is_default" from "networks" where "id" = ?', [policy.object_id]);
  if (row && Number(row.is_default) === 1) throw new RbacPolicyInUse(policy.object_id, 'Default external networks must be shared to everyone.');
}
