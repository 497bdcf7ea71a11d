import type { RbacPolicyRepo, RbacPolicyRow } from '../../store/repos/rbac-policy-repo.ts';
import type { Tx } from '../../store/store.ts';
import { execute } from '../../store/fast-sql.ts';
import { RbacPolicyInUse } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import { bumpRevision } from '../resource/revision.ts';
import { ACCESS_SHARED, RBAC_OBJECT_TYPES, rbacTypeOfCollection, type RbacObjectType } from './rbac-object-types.ts';

/**
 * What RBAC policies mean for the rest of core: whether an object is shared
 * with a project, the per-caller `shared` attribute, the wildcard policies
 * behind `shared=True` and `router:external=True`, and whether removing a
 * policy would strand a project still using the object. Every method runs
 * inside the request's transaction and does no I/O besides the database.
 */
export class Sharing {
  constructor(readonly repo: RbacPolicyRepo) {}

  /**
   * Sets `shared` on records of a shareable collection as Neutron shows it
   * to `projectId`: true when an access_as_shared policy names that project
   * or '*'. One statement for all records, none when no record can change
   * (the caller's own, and those already shared with everyone).
   */
  async markShared(tx: Tx, projectId: string, collection: string, records: readonly ResourceRecord[]): Promise<void> {
    const type = rbacTypeOfCollection(collection);
    if (!type || records.length === 0) return;
    const open = type.sharedColumn
      ? records.filter((r) => r.shared !== true && r.project_id !== projectId)
      : records;
    if (open.length === 0) return;
    const shared = await this.repo.sharedAmong(tx, type.type, ACCESS_SHARED, projectId, open.map((r) => String(r.id)));
    for (const record of open) record.shared = record.shared === true || shared.has(String(record.id));
  }

  /** Whether the object is shared (access_as_shared) with `projectId` or with everyone. */
  isSharedWith(tx: Tx, objectType: string, objectId: string, projectId: string): Promise<boolean> {
    return this.repo.isSharedWith(tx, objectType, objectId, ACCESS_SHARED, projectId);
  }

  /**
   * Makes (`on`) or removes the wildcard policy of `action` on an object, as
   * `shared=True|False` and `router:external=True|False` do, keeping the
   * object's shared column in step. Removing access_as_shared checks first
   * that no project is left using the object without access (409).
   */
  async setWildcard(tx: Tx, objectType: string, object: { id: string; project_id: string }, action: string, on: boolean): Promise<void> {
    const type = RBAC_OBJECT_TYPES.get(objectType)!;
    if (on) {
      await this.repo.ensure(tx, { project_id: object.project_id, object_type: objectType, object_id: object.id, action, target_tenant: '*' });
    } else {
      const existing = await this.repo.find(tx, objectType, object.id, action, '*');
      if (!existing) return;
      await this.checkRemoval(tx, existing, object.project_id);
      await this.repo.remove(tx, objectType, object.id, action, '*');
    }
    if (action === ACCESS_SHARED && type.sharedColumn) {
      await execute(tx, `update "${type.table}" set "${type.sharedColumn}" = ? where "id" = ?`, [on ? 1 : 0, object.id]);
    }
  }

  /**
   * Refuses (RbacPolicyInUse) to take `policy`'s access away from its
   * target while a project that only it lets in still uses the object
   * (Neutron's validate_rbac_policy_delete): for a project target, unless a
   * wildcard policy remains; for '*', every user must keep a policy of its
   * own. A policy sharing an object with its owner strands no one; but
   * when the wildcard goes, only a shared network spares its owner's own
   * uses — Neutron's rbac_db objects (QoS policies, security groups,
   * scopes, pools, address groups) count the owner as bound too, and so do
   * its routers on an external network (_validate_ext_not_in_use_by_tenant).
   * `keep` is a target that stays (the new target of an update).
   */
  async checkRemoval(tx: Tx, policy: RbacPolicyRow, owner: string, keep?: string): Promise<void> {
    const type = RBAC_OBJECT_TYPES.get(policy.object_type);
    if (!type || (policy.action === ACCESS_SHARED && policy.target_tenant === owner)) return;
    const ownerFree = policy.action === ACCESS_SHARED && type.type === 'network';
    const others = (await this.repo.ofObject(tx, policy.object_type, policy.object_id, policy.action)).filter((p) => p.id !== policy.id).map((p) => p.target_tenant);
    if (keep !== undefined) others.push(keep);
    if (policy.target_tenant !== '*' && others.includes('*')) return;
    const bound = await type.boundProjects(tx, this.repo, policy.object_id, policy.action);
    const allowed = new Set(ownerFree ? [...others, owner] : others);
    const stranded = policy.target_tenant === '*'
      ? [...bound].filter((p) => !allowed.has(p))
      : (bound.has(policy.target_tenant) ? [policy.target_tenant] : []);
    if (stranded.length > 0) throw new RbacPolicyInUse(policy.object_id, inUseDetails(type, policy, stranded));
  }

  /** After a policy on an object changed: the object's revision moves (Neutron bumps a network's). */
  async touchObject(tx: Tx, objectType: string, objectId: string): Promise<void> {
    const type = RBAC_OBJECT_TYPES.get(objectType);
    if (type) await bumpRevision(tx, type.table, objectId, { force: true });
  }
}

function inUseDetails(type: RbacObjectType, policy: RbacPolicyRow, projects: readonly string[]): string {
  if (type.type === 'network' && policy.action === ACCESS_SHARED) {
    return `Unable to reconfigure sharing settings for network ${policy.object_id}. Multiple tenants are using it.`;
  }
  if (type.type === 'network') return 'There are routers attached to this network that depend on this policy for access.';
  return `project_id=${projects.join(',')}`;
}
