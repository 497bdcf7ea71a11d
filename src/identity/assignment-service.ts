import type { ActorType, AssignmentRow, TargetType } from '../store/repos/identity/assignment-repo.ts';
import type { DomainRow } from '../store/repos/identity/domain-repo.ts';
import type { GroupRow } from '../store/repos/identity/group-repo.ts';
import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { ProjectRow } from '../store/repos/identity/project-repo.ts';
import type { RoleRow } from '../store/repos/identity/role-repo.ts';
import type { UserRow } from '../store/repos/identity/user-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import { NotFound } from './identity-errors.ts';
import { expandImplied, impliedBy } from './role-graph.ts';
import type { Target } from './role-resolver.ts';

export interface Actor { readonly type: ActorType; readonly id: string }

/** GET /role_assignments, as a domain query. */
export interface AssignmentQuery {
  userId?: string;
  groupId?: string;
  projectId?: string;
  domainId?: string;
  system?: boolean;
  roleId?: string;
  /** Groups become their members, implied roles are added. */
  effective?: boolean;
  /** With projectId: the project's descendants too. */
  includeSubtree?: boolean;
  includeNames?: boolean;
}

/** One listed assignment; `viaGroup` / `priorRoleId` say how an effective one arose. */
export interface ListedAssignment extends AssignmentRow {
  readonly viaGroup?: string;
  readonly priorRoleId?: string;
}

/** Names of everything the listed assignments refer to (include_names). */
export interface AssignmentNames {
  users: Map<string, UserRow>;
  groups: Map<string, GroupRow>;
  projects: Map<string, ProjectRow>;
  domains: Map<string, DomainRow>;
  roles: Map<string, RoleRow>;
}

/**
 * Role assignments. Grants are idempotent; revoking one that does not exist
 * is a 404. Taking a role away needs no explicit token revocation: tokens are
 * checked against current effective roles when validated.
 */
export class AssignmentService {
  constructor(private readonly store: Store, private readonly repos: IdentityRepos) {}

  grant(actor: Actor, target: Target, roleId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.requireAll(tx, actor, target, roleId);
      await this.repos.assignments.grant(tx, row(actor, target, roleId));
    });
  }

  revoke(actor: Actor, target: Target, roleId: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.requireAll(tx, actor, target, roleId);
      if (!await this.repos.assignments.revoke(tx, row(actor, target, roleId))) throw notAssigned(roleId, actor, target);
    });
  }

  check(actor: Actor, target: Target, roleId: string): Promise<void> {
    return this.store.read(async (tx) => {
      await this.requireAll(tx, actor, target, roleId);
      if (!await this.repos.assignments.exists(tx, row(actor, target, roleId))) throw notAssigned(roleId, actor, target);
    });
  }

  /** Roles assigned directly to `actor` on `target`. */
  rolesOf(actor: Actor, target: Target): Promise<RoleRow[]> {
    return this.store.read(async (tx) => {
      await this.requireActor(tx, actor);
      await this.requireTarget(tx, target);
      const rows = await this.repos.assignments.list(tx, { actors: [actor], target_type: target.type, target_ids: [target.id] });
      return this.repos.roles.list(tx, { ids: rows.map((r) => r.role_id) });
    });
  }

  list(query: AssignmentQuery): Promise<{ assignments: ListedAssignment[]; names?: AssignmentNames }> {
    return this.store.read(async (tx) => {
      let targetType: TargetType | undefined;
      let targetIds: string[] | undefined;
      if (query.projectId !== undefined) {
        targetType = 'project';
        targetIds = [query.projectId, ...(query.includeSubtree ? await subtree(tx, this.repos, query.projectId) : [])];
      } else if (query.domainId !== undefined) {
        targetType = 'domain';
        targetIds = [query.domainId];
      } else if (query.system) {
        targetType = 'system';
        targetIds = ['all'];
      }
      let actors: Actor[] | undefined;
      if (query.userId !== undefined) {
        actors = [{ type: 'user', id: query.userId }];
        if (query.effective) actors.push(...(await this.repos.groups.groupIdsOf(tx, query.userId)).map((id) => ({ type: 'group' as const, id })));
      } else if (query.groupId !== undefined) {
        actors = [{ type: 'group', id: query.groupId }];
      }
      let rows: ListedAssignment[] = await this.repos.assignments.list(tx, { actors, target_type: targetType, target_ids: targetIds });
      if (query.effective) rows = await this.effective(tx, rows, query.userId);
      if (query.roleId !== undefined) rows = rows.filter((r) => r.role_id === query.roleId);
      return { assignments: rows, ...(query.includeNames ? { names: await this.names(tx, rows) } : {}) };
    });
  }

  private async effective(tx: Tx, rows: ListedAssignment[], onlyUser: string | undefined): Promise<ListedAssignment[]> {
    const expanded: ListedAssignment[] = [];
    for (const r of rows) {
      if (r.actor_type === 'user') { expanded.push(r); continue; }
      const members = await this.repos.groups.memberIds(tx, r.actor_id);
      for (const userId of members) {
        if (onlyUser === undefined || userId === onlyUser) expanded.push({ ...r, actor_type: 'user', actor_id: userId, viaGroup: r.actor_id });
      }
    }
    const rules = await this.repos.roles.listImplied(tx);
    const out: ListedAssignment[] = [];
    const seen = new Set<string>();
    const push = (a: ListedAssignment) => {
      const key = `${a.actor_id}|${a.target_type}|${a.target_id}|${a.role_id}|${a.viaGroup ?? ''}`;
      if (!seen.has(key)) { seen.add(key); out.push(a); }
    };
    for (const a of expanded) {
      push(a);
      const via = impliedBy([a.role_id], rules);
      for (const implied of expandImplied([a.role_id], rules)) {
        if (implied !== a.role_id) push({ ...a, role_id: implied, priorRoleId: via.get(implied) ?? a.role_id });
      }
    }
    return out;
  }

  private async names(tx: Tx, rows: readonly ListedAssignment[]): Promise<AssignmentNames> {
    const ids = (pick: (r: ListedAssignment) => string | undefined) => [...new Set(rows.map(pick).filter((x): x is string => x !== undefined))];
    const users = await this.repos.users.list(tx, { ids: ids((r) => (r.actor_type === 'user' ? r.actor_id : undefined)) });
    const groups = (await this.repos.groups.list(tx)).filter((g) => rows.some((r) => r.actor_id === g.id || r.viaGroup === g.id));
    const projects = await this.repos.projects.list(tx, { ids: ids((r) => (r.target_type === 'project' ? r.target_id : undefined)) });
    const roles = await this.repos.roles.list(tx, { ids: ids((r) => r.role_id) });
    const domains = await this.repos.domains.list(tx);
    const byId = <T extends { id: string }>(list: T[]) => new Map(list.map((x) => [x.id, x]));
    return { users: byId(users), groups: byId(groups), projects: byId(projects), domains: byId(domains), roles: byId(roles) };
  }

  private async requireAll(tx: Tx, actor: Actor, target: Target, roleId: string): Promise<void> {
    await this.requireActor(tx, actor);
    await this.requireTarget(tx, target);
    if (!await this.repos.roles.get(tx, roleId)) throw NotFound.of('role', roleId);
  }

  private async requireActor(tx: Tx, actor: Actor): Promise<void> {
    const found = actor.type === 'user' ? await this.repos.users.get(tx, actor.id) : await this.repos.groups.get(tx, actor.id);
    if (!found) throw NotFound.of(actor.type, actor.id);
  }

  private async requireTarget(tx: Tx, target: Target): Promise<void> {
    if (target.type === 'system') return;
    const found = target.type === 'project' ? await this.repos.projects.get(tx, target.id) : await this.repos.domains.get(tx, target.id);
    if (!found) throw NotFound.of(target.type, target.id);
  }
}

function row(actor: Actor, target: Target, roleId: string): AssignmentRow {
  return { actor_type: actor.type, actor_id: actor.id, target_type: target.type, target_id: target.id, role_id: roleId };
}

function notAssigned(roleId: string, actor: Actor, target: Target): NotFound {
  const where = target.type === 'system' ? 'the system' : `${target.type} ${target.id}`;
  return new NotFound(`Could not find role assignment with role: ${roleId}, ${actor.type}: ${actor.id}, ${where}.`);
}

/** Ids of a project's descendants. */
async function subtree(tx: Tx, repos: IdentityRepos, id: string): Promise<string[]> {
  const all = await repos.projects.list(tx);
  const out: string[] = [];
  const queue = [id];
  while (queue.length > 0) {
    const current = queue.shift()!;
    for (const p of all) if (p.parent_id === current) { out.push(p.id); queue.push(p.id); }
  }
  return out;
}
