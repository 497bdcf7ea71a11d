import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { ValidationError } from '../../identity/identity-errors.ts';
import { name, nullableString, object, optionalBoolean, optionalString, queryFlag, string, type Json } from '../../identity/input.ts';
import type { UserInput } from '../../identity/user-service.ts';
import { member } from './body.ts';
import { callerDomain } from './project-routes.ts';
import { collection, renderUser } from './render.ts';
import { queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

/** Attributes with a meaning of their own; anything else is kept as an "extra" (Keystone allows them on users). */
const KNOWN = new Set(['name', 'domain_id', 'password', 'enabled', 'default_project_id', 'options', 'federated']);
const RESERVED = new Set(['id', 'links', 'password_expires_at']);

function userInput(body: Json): UserInput {
  const extra: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(body)) {
    if (RESERVED.has(key)) throw ValidationError.field(key, `'${key}' cannot be set`);
    if (!KNOWN.has(key)) {
      if (key.length > 64 || JSON.stringify(value ?? null).length > 4096) throw ValidationError.field(key, 'the value is too long');
      extra[key] = value;
    }
  }
  return {
    ...(body.name !== undefined ? { name: name(body.name, 'name', 255) } : {}),
    ...(body.domain_id !== undefined ? { domain_id: optionalString(body.domain_id, 'domain_id', { min: 1, max: 64 }) } : {}),
    ...(body.password !== undefined ? { password: nullableString(body.password, 'password', { max: 4096 }) } : {}),
    ...(body.enabled !== undefined ? { enabled: optionalBoolean(body.enabled, 'enabled') } : {}),
    ...(body.default_project_id !== undefined ? { default_project_id: nullableString(body.default_project_id, 'default_project_id', { max: 64 }) } : {}),
    ...(body.options !== undefined ? { options: object(body.options, 'options') } : {}),
    ...(Object.keys(extra).length > 0 ? { extra } : {}),
  };
}

/** /v3/users, including the self-service password change. */
export function registerUserRoutes(app: FastifyInstance, identity: Identity): void {
  app.get('/v3/users', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_users');
    const users = await identity.users.list({ name: queryParam(request, 'name'), domain_id: queryParam(request, 'domain_id'), enabled: queryFlag(queryParam(request, 'enabled')) });
    const v3 = v3Url(identity, request);
    return collection('users', users.map((u) => renderUser(v3, u)), selfUrl(identity, request));
  });

  app.post('/v3/users', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.isAdmin(caller), 'identity:create_user');
    const input = userInput(member(request, 'user'));
    if (input.name === undefined) throw ValidationError.field('name', "'name' is a required property");
    const user = await identity.users.create({ ...input, name: input.name, domain_id: input.domain_id ?? callerDomain(caller) });
    reply.code(201);
    return { user: renderUser(v3Url(identity, request), user) };
  });

  app.get<{ Params: { id: string } }>('/v3/users/:id', async (request) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.canReadAll(caller) || policy.isSelf(caller, request.params.id), 'identity:get_user');
    return { user: renderUser(v3Url(identity, request), await identity.users.get(request.params.id)) };
  });

  app.patch<{ Params: { id: string } }>('/v3/users/:id', async (request) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:update_user');
    const user = await identity.users.update(request.params.id, userInput(member(request, 'user')));
    return { user: renderUser(v3Url(identity, request), user) };
  });

  app.delete<{ Params: { id: string } }>('/v3/users/:id', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:delete_user');
    await identity.users.delete(request.params.id);
    return reply.code(204).send();
  });

  // No token needed (Keystone): the original password is the credential, and its failures are rate-limited.
  app.post<{ Params: { id: string } }>('/v3/users/:id/password', async (request, reply) => {
    const body = member(request, 'user');
    const original = string(body.original_password, 'original_password', { max: 4096 });
    const password = string(body.password, 'password', { min: 1, max: 4096 });
    await identity.users.changePassword(request.params.id, original, password, request.ip);
    return reply.code(204).send();
  });
}
