import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { ValidationError } from '../../identity/identity-errors.ts';
import { name, nullableString, object, onlyKeys, optionalString, type Json } from '../../identity/input.ts';
import type { RoleInput } from '../../identity/role-service.ts';
import type { RoleRow } from '../../store/repos/identity/role-repo.ts';
import { member } from './body.ts';
import { collection, renderRole, roleRef } from './render.ts';
import { queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

function roleInput(body: Json): RoleInput {
  onlyKeys(body, ['name', 'domain_id', 'description', 'options'], 'role');
  return {
    ...(body.name !== undefined ? { name: name(body.name, 'name', 255) } : {}),
    ...(body.domain_id !== undefined ? { domain_id: nullableString(body.domain_id, 'domain_id', { max: 64 }) } : {}),
    ...(body.description !== undefined ? { description: nullableString(body.description, 'description', { max: 255 }) } : {}),
    ...(body.options !== undefined ? { options: object(body.options, 'options') } : {}),
  };
}

/** /v3/roles, implied roles and /v3/role_inferences. */
export function registerRoleRoutes(app: FastifyInstance, identity: Identity): void {
  const inference = (request: FastifyRequest, prior: RoleRow, implies: RoleRow | RoleRow[]) => {
    const v3 = v3Url(identity, request);
    return { prior_role: roleRef(v3, prior), implies: Array.isArray(implies) ? implies.map((r) => roleRef(v3, r)) : roleRef(v3, implies) };
  };

  app.get('/v3/roles', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_roles');
    const roles = await identity.roles.list({ name: queryParam(request, 'name'), domain_id: optionalString(queryParam(request, 'domain_id'), 'domain_id') });
    const v3 = v3Url(identity, request);
    return collection('roles', roles.map((r) => renderRole(v3, r)), selfUrl(identity, request));
  });

  app.post('/v3/roles', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:create_role');
    const input = roleInput(member(request, 'role'));
    if (input.name === undefined) throw ValidationError.field('name', "'name' is a required property");
    const role = await identity.roles.create({ ...input, name: input.name });
    reply.code(201);
    return { role: renderRole(v3Url(identity, request), role) };
  });

  app.get<{ Params: { id: string } }>('/v3/roles/:id', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:get_role');
    return { role: renderRole(v3Url(identity, request), await identity.roles.get(request.params.id)) };
  });

  app.patch<{ Params: { id: string } }>('/v3/roles/:id', async (request) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:update_role');
    return { role: renderRole(v3Url(identity, request), await identity.roles.update(request.params.id, roleInput(member(request, 'role')))) };
  });

  app.delete<{ Params: { id: string } }>('/v3/roles/:id', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:delete_role');
    await identity.roles.delete(request.params.id);
    return reply.code(204).send();
  });

  app.put<{ Params: { prior: string; implied: string } }>('/v3/roles/:prior/implies/:implied', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:create_implied_role');
    const { prior, implied } = await identity.roles.createImplied(request.params.prior, request.params.implied);
    reply.code(201);
    return { role_inference: inference(request, prior, implied), links: { self: selfUrl(identity, request) } };
  });

  app.get<{ Params: { prior: string; implied: string } }>('/v3/roles/:prior/implies/:implied', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:get_implied_role');
    const { prior, implied } = await identity.roles.getImplied(request.params.prior, request.params.implied);
    return { role_inference: inference(request, prior, implied), links: { self: selfUrl(identity, request) } };
  });

  app.delete<{ Params: { prior: string; implied: string } }>('/v3/roles/:prior/implies/:implied', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:delete_implied_role');
    await identity.roles.deleteImplied(request.params.prior, request.params.implied);
    return reply.code(204).send();
  });

  app.get<{ Params: { prior: string } }>('/v3/roles/:prior/implies', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_implied_roles');
    const prior = await identity.roles.get(request.params.prior);
    const { rules, roles } = await identity.roles.inferences(prior.id);
    return { role_inference: inference(request, prior, rules.map((r) => roles.get(r.implied_role_id)!)), links: { self: selfUrl(identity, request) } };
  });

  app.get('/v3/role_inferences', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_role_inference_rules');
    const { rules, roles } = await identity.roles.inferences();
    const priors = [...new Set(rules.map((r) => r.prior_role_id))];
    const list = priors.map((p) => inference(request, roles.get(p)!, rules.filter((r) => r.prior_role_id === p).map((r) => roles.get(r.implied_role_id)!)));
    return { role_inferences: list, links: { self: selfUrl(identity, request) } };
  });
}
