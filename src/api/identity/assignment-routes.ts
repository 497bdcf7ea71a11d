import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Actor, AssignmentNames, ListedAssignment } from '../../identity/assignment-service.ts';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { queryFlag } from '../../identity/input.ts';
import { SYSTEM, type Target } from '../../identity/role-resolver.ts';
import { collection, renderRole } from './render.ts';
import { queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

type Params = { target?: string; actor: string; role?: string };

/** Grants on (project | domain | system) × (user | group), and GET /v3/role_assignments. */
export function registerAssignmentRoutes(app: FastifyInstance, identity: Identity): void {
  const shapes: Array<{ prefix: string; target: (p: Params) => Target; actorType: Actor['type'] }> = [
    { prefix: '/v3/projects/:target/users/:actor', target: (p) => ({ type: 'project', id: p.target! }), actorType: 'user' },
    { prefix: '/v3/projects/:target/groups/:actor', target: (p) => ({ type: 'project', id: p.target! }), actorType: 'group' },
    { prefix: '/v3/domains/:target/users/:actor', target: (p) => ({ type: 'domain', id: p.target! }), actorType: 'user' },
    { prefix: '/v3/domains/:target/groups/:actor', target: (p) => ({ type: 'domain', id: p.target! }), actorType: 'group' },
    { prefix: '/v3/system/users/:actor', target: () => SYSTEM, actorType: 'user' },
    { prefix: '/v3/system/groups/:actor', target: () => SYSTEM, actorType: 'group' },
  ];
  for (const shape of shapes) {
    const parts = (request: FastifyRequest<{ Params: Params }>) => ({ actor: { type: shape.actorType, id: request.params.actor }, target: shape.target(request.params) });
    app.put<{ Params: Params }>(`${shape.prefix}/roles/:role`, async (request, reply) => {
      enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:create_grant');
      const { actor, target } = parts(request);
      await identity.assignments.grant(actor, target, request.params.role!);
      return reply.code(204).send();
    });
    app.get<{ Params: Params }>(`${shape.prefix}/roles/:role`, async (request, reply) => {
      const caller = await requireCaller(identity, request);
      enforce(policy.canReadAll(caller) || (shape.actorType === 'user' && policy.isSelf(caller, request.params.actor)), 'identity:check_grant');
      const { actor, target } = parts(request);
      await identity.assignments.check(actor, target, request.params.role!);
      return reply.code(204).send();
    });
    app.delete<{ Params: Params }>(`${shape.prefix}/roles/:role`, async (request, reply) => {
      enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:revoke_grant');
      const { actor, target } = parts(request);
      await identity.assignments.revoke(actor, target, request.params.role!);
      return reply.code(204).send();
    });
    app.get<{ Params: Params }>(`${shape.prefix}/roles`, async (request) => {
      const caller = await requireCaller(identity, request);
      enforce(policy.canReadAll(caller) || (shape.actorType === 'user' && policy.isSelf(caller, request.params.actor)), 'identity:list_grants');
      const { actor, target } = parts(request);
      const v3 = v3Url(identity, request);
      return collection('roles', (await identity.assignments.rolesOf(actor, target)).map((r) => renderRole(v3, r)), selfUrl(identity, request));
    });
  }

  app.get('/v3/role_assignments', async (request) => {
    const caller = await requireCaller(identity, request);
    const userId = queryParam(request, 'user.id');
    enforce(policy.canReadAll(caller) || (userId !== undefined && policy.isSelf(caller, userId)), 'identity:list_role_assignments');
    const includeNames = queryFlag(queryParam(request, 'include_names')) === true;
    const { assignments, names } = await identity.assignments.list({
      userId,
      groupId: queryParam(request, 'group.id'),
      projectId: queryParam(request, 'scope.project.id'),
      domainId: queryParam(request, 'scope.domain.id'),
      system: queryParam(request, 'scope.system') !== undefined,
      roleId: queryParam(request, 'role.id'),
      // Keystone treats the bare presence of `effective` as true.
      effective: queryParam(request, 'effective') !== undefined && queryFlag(queryParam(request, 'effective')) !== false,
      includeSubtree: queryFlag(queryParam(request, 'include_subtree')) === true,
      includeNames,
    });
    const v3 = v3Url(identity, request);
    return collection('role_assignments', assignments.map((a) => renderAssignment(v3, a, names)), selfUrl(identity, request));
  });
}

/** One entry of /role_assignments, with Keystone's links (assignment, membership, prior_role). */
function renderAssignment(v3: string, a: ListedAssignment, names: AssignmentNames | undefined): Record<string, unknown> {
  const named = <T extends { id: string }>(id: string, row: T | undefined, extra: (r: T) => Record<string, unknown>) => (names && row ? { id, ...extra(row) } : { id });
  const domainRef = (domainId: string) => ({ id: domainId, name: names?.domains.get(domainId)?.name ?? '' });
  const role = named(a.role_id, names?.roles.get(a.role_id), (r) => ({ name: r.name, ...(r.domain_id !== '' ? { domain: domainRef(r.domain_id) } : {}) }));
  const actor = a.actor_type === 'user'
    ? { user: named(a.actor_id, names?.users.get(a.actor_id), (u) => ({ name: u.name, domain: domainRef(u.domain_id) })) }
    : { group: named(a.actor_id, names?.groups.get(a.actor_id), (g) => ({ name: g.name, domain: domainRef(g.domain_id) })) };
  let scope: Record<string, unknown>;
  let targetPath: string;
  if (a.target_type === 'project') {
    scope = { project: named(a.target_id, names?.projects.get(a.target_id), (p) => ({ name: p.name, domain: domainRef(p.domain_id) })) };
    targetPath = `projects/${a.target_id}`;
  } else if (a.target_type === 'domain') {
    scope = { domain: named(a.target_id, names?.domains.get(a.target_id), (d) => ({ name: d.name })) };
    targetPath = `domains/${a.target_id}`;
  } else {
    scope = { system: { all: true } };
    targetPath = 'system';
  }
  const assignedActor = a.viaGroup !== undefined ? `groups/${a.viaGroup}` : `${a.actor_type}s/${a.actor_id}`;
  const links: Record<string, string> = { assignment: `${v3}/${targetPath}/${assignedActor}/roles/${a.priorRoleId ?? a.role_id}` };
  if (a.viaGroup !== undefined) links.membership = `${v3}/groups/${a.viaGroup}/users/${a.actor_id}`;
  if (a.priorRoleId !== undefined) links.prior_role = `${v3}/roles/${a.priorRoleId}`;
  return { role, ...actor, scope, links };
}
