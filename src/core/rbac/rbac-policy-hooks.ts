import { execute, queryRow } from '../../store/fast-sql.ts';
import type { RbacPolicyRow } from '../../store/repos/rbac-policy-repo.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { DuplicateRbacPolicy, InvalidActionForType, InvalidInput } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ACCESS_EXTERNAL, ACCESS_SHARED, RBAC_OBJECT_TYPES, type RbacObjectType } from './rbac-object-types.ts';
import type { Sharing } from './sharing.ts';

/** The shared object of a policy, as RBAC needs it. */
interface SharedObject { readonly id: string; readonly project_id: string; readonly [column: string]: unknown }

/**
 * The rbac-policies resource (Neutron's RbacPluginMixin and the
 * validate_rbac_policy_change callbacks): the action must suit the object
 * type (400); the object must exist and be visible to the caller (404) and
 * be the caller's unless it is an admin (400, as Neutron); one policy per
 * (object, action, target) (409 DuplicateRbacPolicy); a subnet pool in an
 * address scope is shared only with projects that may use the scope (400).
 * Retargeting or deleting a policy a project still depends on is a 409
 * RbacPolicyInUse. The `shared` column of the object mirrors its wildcard
 * access_as_shared policy; access_as_external makes a network external.
 * Every change bumps the object's revision.
 */
export function rbacPolicyHooks(sharing: Sharing): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const type = RBAC_OBJECT_TYPES.get(String(values.object_type))!;
      const action = String(values.action);
      if (!type.actions.includes(action)) throw new InvalidActionForType(action, type.type, type.actions);
      const object = await visibleObject(tx, ctx, sharing, type, String(values.object_id));
      assertOwner(ctx, type, object);
      const target = String(values.target_tenant);
      if (await sharing.repo.find(tx, type.type, object.id, action, target)) throw new DuplicateRbacPolicy();
      if (type.type === 'subnetpool' && object.address_scope_id) await checkScopeReach(tx, sharing, String(object.address_scope_id), object.id, target);
      if (action === ACCESS_SHARED && target === '*') await setSharedColumn(tx, type, object.id, true);
      if (action === ACCESS_EXTERNAL && Number(object.router_external) !== 1) {
        // Neutron turns the network external for the target (no wildcard policy of its own).
        await execute(tx, 'update "networks" set "router_external" = 1 where "id" = ?', [object.id]);
      }
      values.description = '';
    },

    async afterCreate(tx, _ctx, values) {
      await sharing.touchObject(tx, String(values.object_type), String(values.object_id));
    },

    async beforeUpdate(tx, ctx, current, changes) {
      const policy = current as unknown as RbacPolicyRow;
      const target = changes.target_tenant as string | undefined;
      if (target === undefined || target === policy.target_tenant) return;
      const type = RBAC_OBJECT_TYPES.get(policy.object_type)!;
      const object = await objectRow(tx, type, policy.object_id);
      assertOwner(ctx, type, object);
      if (await sharing.repo.find(tx, type.type, object.id, policy.action, target)) throw new DuplicateRbacPolicy();
      if (type.type === 'subnetpool' && object.address_scope_id) await checkScopeReach(tx, sharing, String(object.address_scope_id), object.id, target);
      // Gaining '*' strands nobody; handing the policy to another project is removing it from this one —
      // and only access_as_external counts the new target as keeping access (Neutron's validators differ).
      if (target !== '*') await sharing.checkRemoval(tx, policy, object.project_id, policy.action === ACCESS_EXTERNAL ? target : undefined);
      if (policy.action === ACCESS_SHARED && (target === '*' || policy.target_tenant === '*')) await setSharedColumn(tx, type, object.id, target === '*');
      await sharing.touchObject(tx, type.type, object.id);
    },

    async beforeDelete(tx, _ctx, current) {
      const policy = current as unknown as RbacPolicyRow;
      const type = RBAC_OBJECT_TYPES.get(policy.object_type)!;
      const object = await objectRow(tx, type, policy.object_id);
      await sharing.checkRemoval(tx, policy, object.project_id);
      if (policy.action === ACCESS_SHARED && policy.target_tenant === '*') await setSharedColumn(tx, type, object.id, false);
    },

    async afterDelete(tx, _ctx, current) {
      const policy = current as unknown as RbacPolicyRow;
      if (policy.action === ACCESS_EXTERNAL && (await sharing.repo.ofObject(tx, policy.object_type, policy.object_id, ACCESS_EXTERNAL)).length === 0) {
        // The last access_as_external policy gone: the network is internal again (Neutron's _process_ext_policy_delete).
        await execute(tx, 'update "networks" set "router_external" = 0 where "id" = ?', [policy.object_id]);
      }
      await sharing.touchObject(tx, policy.object_type, policy.object_id);
    },
  };
}

/** The object, when the caller may see it: its own, shared with it or everyone, or any for admins; else the type's 404. */
async function visibleObject(tx: Tx, ctx: RequestContext, sharing: Sharing, type: RbacObjectType, id: string): Promise<SharedObject> {
  const object = await queryRow<SharedObject>(tx, `select * from "${type.table}" where "id" = ?`, [id]);
  if (object && (ctx.isAdmin || object.project_id === ctx.projectId)) return object;
  if (object && type.sharedColumn && Number(object[type.sharedColumn]) === 1) return object;
  if (object) {
    const reach = await sharing.repo.sharedAmong(tx, type.type, ACCESS_SHARED, ctx.projectId, [id]);
    if (reach.size > 0) return object;
    if (type.type === 'network' && (await sharing.repo.sharedAmong(tx, type.type, ACCESS_EXTERNAL, ctx.projectId, [id])).size > 0) return object;
  }
  throw type.notFound(id);
}

/** The object of an existing policy (policies go with their object, so it exists). */
async function objectRow(tx: Tx, type: RbacObjectType, id: string): Promise<SharedObject> {
  const object = await queryRow<SharedObject>(tx, `select * from "${type.table}" where "id" = ?`, [id]);
  if (!object) throw type.notFound(id);
  return object;
}

/** Only admins share (or retarget policies on) objects of other projects: Neutron's 400. */
function assertOwner(ctx: RequestContext, type: RbacObjectType, object: SharedObject): void {
  if (ctx.isAdmin || object.project_id === ctx.projectId) return;
  throw new InvalidInput(`Only admins can manipulate policies on ${type.type === 'network' ? 'networks' : 'objects'} they do not own`);
}

/**
 * A pool in an address scope may be shared only with projects the scope is
 * shared with (rbac-subnetpool) — or, for a pool made from an IP block
 * (subnetpool-ip-block), with the block's project, which holds those
 * addresses of the scope by right of the block.
 */
async function checkScopeReach(tx: Tx, sharing: Sharing, scopeId: string, poolId: string, target: string): Promise<void> {
  const scope = await queryRow<Row>(tx, 'select "project_id", "shared" from "address_scopes" where "id" = ?', [scopeId]);
  if (scope && (Number(scope.shared) === 1 || scope.project_id === target)) return;
  const block = await queryRow<Row>(tx, 'select b."project_id" from "subnetpools" p join "ip_blocks" b on b."id" = p."ip_block_id" where p."id" = ?', [poolId]);
  if (block?.project_id === target) return;
  const policies = await sharing.repo.ofObject(tx, 'address_scope', scopeId, ACCESS_SHARED);
  if (policies.some((p) => p.target_tenant === '*' || p.target_tenant === target)) return;
  throw new InvalidInput(`Failed to create RBAC policy on object ${poolId} because target project doesn't have access to associated address scope`);
}

async function setSharedColumn(tx: Tx, type: RbacObjectType, id: string, on: boolean): Promise<void> {
  if (type.sharedColumn) await execute(tx, `update "${type.table}" set "${type.sharedColumn}" = ? where "id" = ?`, [on ? 1 : 0, id]);
}

export type { ResourceRecord };
