import type { FastifyInstance } from 'fastify';
import type { GroupInput } from '../../identity/group-service.ts';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { ValidationError } from '../../identity/identity-errors.ts';
import { name, nullableString, onlyKeys, optionalString, type Json } from '../../identity/input.ts';
import { member } from './body.ts';
import { callerDomain } from './project-routes.ts';
import { collection, renderGroup, renderUser } from './render.ts';
import { queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

function groupInput(body: Json): GroupInput {
  onlyKeys(body, ['name', 'domain_id', 'description'], 'group');
  return {
    ...(body.name !== undefined ? { name: name(body.name, 'name', 64) } : {}),
    ...(body.domain_id !== undefined ? { domain_id: optionalString(body.domain_id, 'domain_id', { min: 1, max: 64 }) } : {}),
    ...(body.description !== undefined ? { description: nullableString(body.description, 'description', { max: 65535 }) } : {}),
  };
}

/** /v3/groups, membership, and /v3/users/{id}/groups. */
export function registerGroupRoutes(app: FastifyInstance, identity: Identity): void {
  app.get('/v3/groups', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_groups');
    const groups = await identity.groups.list({ name: queryParam(request, 'name'), domain_id: queryParam(request, 'domain_id') });
    const v3 = v3Url(identity, request);
    return collection('groups', groups.map((g) => renderGroup(v3, g)), selfUrl(identity, request));
  });

  app.post('/v3/groups', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.isAdmin(caller), 'identity:create_group');
    const input = groupInput(member(request, 'group'));
    if (input.name === undefined) throw ValidationError.field('name', "'name' is a required property");
    const group = await identity.groups.create({ ...input, name: input.name, domain_id: input.domain_id ?? callerDomain(caller) });
    reply.code(201);
    return { group: renderGroup(v3Url(identity, request), group) };
  });

  app.get<{ Params: { id: string } }>('/v3/groups/:id', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:get_group');
    return { group: renderGroup(v3Url(identity, request), await identity.groups.get(request.params.id)) };
  });

  app.patch<{ Params: { id: string } }>('/v3/groups/:id', async (request) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:update_group');
    return { group: renderGroup(v3Url(identity, request), await identity.groups.update(request.params.id, groupInput(member(request, 'group')))) };
  });

  app.delete<{ Params: { id: string } }>('/v3/groups/:id', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:delete_group');
    await identity.groups.delete(request.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/v3/groups/:id/users', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_users_in_group');
    const v3 = v3Url(identity, request);
    return collection('users', (await identity.groups.members(request.params.id)).map((u) => renderUser(v3, u)), selfUrl(identity, request));
  });

  app.put<{ Params: { id: string; user: string } }>('/v3/groups/:id/users/:user', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:add_user_to_group');
    await identity.groups.addMember(request.params.id, request.params.user);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string; user: string } }>('/v3/groups/:id/users/:user', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.canReadAll(caller) || policy.isSelf(caller, request.params.user), 'identity:check_user_in_group');
    await identity.groups.isMember(request.params.id, request.params.user);
    return reply.code(204).send();
  });

  app.delete<{ Params: { id: string; user: string } }>('/v3/groups/:id/users/:user', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:remove_user_from_group');
    await identity.groups.removeMember(request.params.id, request.params.user);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/v3/users/:id/groups', async (request) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.canReadAll(caller) || policy.isSelf(caller, request.params.id), 'identity:list_groups_for_user');
    const v3 = v3Url(identity, request);
    return collection('groups', (await identity.groups.groupsOf(request.params.id)).map((g) => renderGroup(v3, g)), selfUrl(identity, request));
  });
}
