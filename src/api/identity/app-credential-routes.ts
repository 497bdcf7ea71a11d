import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { Forbidden, ValidationError } from '../../identity/identity-errors.ts';
import { name, nullableString, object, onlyKeys, optionalBoolean, optionalString } from '../../identity/input.ts';
import { member } from './body.ts';
import { collection, renderAppCredential } from './render.ts';
import { queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

/** /v3/users/{id}/application_credentials: each user manages its own. */
export function registerAppCredentialRoutes(app: FastifyInstance, identity: Identity): void {
  app.post<{ Params: { user: string } }>('/v3/users/:user/application_credentials', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.isSelf(caller, request.params.user), 'identity:create_application_credential');
    if (!caller.token.project) throw new Forbidden('An application credential can only be created with a project-scoped token.');
    if (caller.token.appCredential && caller.token.appCredential.unrestricted !== 1) {
      throw new Forbidden('Using a restricted application credential token to create an application credential is not allowed.');
    }
    const body = member(request, 'application_credential');
    onlyKeys(body, ['name', 'description', 'secret', 'expires_at', 'roles', 'unrestricted', 'access_rules'], 'application_credential');
    const expiresAt = nullableString(body.expires_at, 'expires_at', { max: 64 });
    if (typeof expiresAt === 'string' && Number.isNaN(Date.parse(expiresAt))) throw ValidationError.field('expires_at', `'${expiresAt}' is not a date-time`);
    let roles: Array<{ id?: string; name?: string }> | undefined;
    if (body.roles !== undefined) {
      if (!Array.isArray(body.roles)) throw ValidationError.field('roles', "not of type 'array'");
      roles = body.roles.map((r, i) => {
        const ref = object(r, `roles[${i}]`);
        const id = optionalString(ref.id, 'id');
        const roleName = optionalString(ref.name, 'name');
        if (id === undefined && roleName === undefined) throw ValidationError.field(`roles[${i}]`, 'a role needs an id or a name');
        return { ...(id !== undefined ? { id } : {}), ...(roleName !== undefined ? { name: roleName } : {}) };
      });
    }
    const created = await identity.appCredentials.create(caller.userId, caller.token.project.id, caller.token.roles.map((r) => r.id), {
      name: name(body.name, 'name', 255),
      description: nullableString(body.description, 'description', { max: 65535 }),
      ...(body.secret !== undefined ? { secret: optionalString(body.secret, 'secret', { min: 1, max: 4096 }) } : {}),
      expires_at: expiresAt === undefined ? null : expiresAt === null ? null : new Date(Date.parse(expiresAt)).toISOString(),
      ...(roles !== undefined ? { roles } : {}),
      unrestricted: optionalBoolean(body.unrestricted, 'unrestricted') ?? false,
    });
    reply.code(201);
    return { application_credential: renderAppCredential(v3Url(identity, request), created.row, created.roles, created.secret) };
  });

  app.get<{ Params: { user: string } }>('/v3/users/:user/application_credentials', async (request) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.isSelf(caller, request.params.user) || policy.canReadAll(caller), 'identity:list_application_credentials');
    const list = await identity.appCredentials.list(request.params.user, queryParam(request, 'name'));
    const v3 = v3Url(identity, request);
    return collection('application_credentials', list.map(({ row, roles }) => renderAppCredential(v3, row, roles)), selfUrl(identity, request));
  });

  app.get<{ Params: { user: string; id: string } }>('/v3/users/:user/application_credentials/:id', async (request) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.isSelf(caller, request.params.user) || policy.canReadAll(caller), 'identity:get_application_credential');
    const { row, roles } = await identity.appCredentials.get(request.params.user, request.params.id);
    return { application_credential: renderAppCredential(v3Url(identity, request), row, roles) };
  });

  app.delete<{ Params: { user: string; id: string } }>('/v3/users/:user/application_credentials/:id', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.isSelf(caller, request.params.user) || policy.isAdmin(caller), 'identity:delete_application_credential');
    await identity.appCredentials.delete(request.params.user, request.params.id);
    return reply.code(204).send();
  });
}
