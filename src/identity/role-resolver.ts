import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { RoleRow } from '../store/repos/identity/role-repo.ts';
import type { Tx } from '../store/store.ts';
import { expandImplied } from './role-graph.ts';

/** Where a role is held. `id` is 'all' for the system. */
export interface Target { readonly type: 'project' | 'domain' | 'system'; readonly id: string }

export const SYSTEM: Target = { type: 'system', id: 'all' };

/**
 * Effective roles: a user's own assignments on a target, plus those of every
 * group the user belongs to, closed under implied-role rules. Runs inside the
 * caller's transaction; three or four statements.
 */
export class RoleResolver {
  constructor(private readonly repos: IdentityRepos) {}

  async effectiveRoleIds(tx: Tx, userId: string, target: Target): Promise<Set<string>> {
    const groupIds = await this.repos.groups.groupIdsOf(tx, userId);
    const actors = [{ type: 'user' as const, id: userId }, ...groupIds.map((id) => ({ type: 'group' as const, id }))];
    const rows = await this.repos.assignments.list(tx, { actors, target_type: target.type, target_ids: [target.id] });
    if (rows.length === 0) return new Set();
    return expandImplied(rows.map((r) => r.role_id), await this.repos.roles.listImplied(tx));
  }

  async effectiveRoles(tx: Tx, userId: string, target: Target): Promise<RoleRow[]> {
    return this.repos.roles.list(tx, { ids: [...await this.effectiveRoleIds(tx, userId, target)] });
  }

  /** Ids of the projects (or domains) on which the user holds any role, directly or through a group. */
  async targetsOf(tx: Tx, userId: string, type: 'project' | 'domain'): Promise<string[]> {
    const groupIds = await this.repos.groups.groupIdsOf(tx, userId);
    const actors = [{ type: 'user' as const, id: userId }, ...groupIds.map((id) => ({ type: 'group' as const, id }))];
    const rows = await this.repos.assignments.list(tx, { actors, target_type: type });
    return [...new Set(rows.map((r) => r.target_id))];
  }
}
