import type { FastifyInstance } from 'fastify';
import type { DomainInput } from '../../identity/domain-service.ts';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { ValidationError } from '../../identity/identity-errors.ts';
import { name, nullableString, onlyKeys, optionalBoolean, optionalString, queryFlag, type Json } from '../../identity/input.ts';
import { member } from './body.ts';
import { collection, renderDomain } from './render.ts';
import { queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

function domainInput(body: Json, creating: boolean): DomainInput {
  onlyKeys(body, creating ? ['id', 'name', 'description', 'enabled', 'tags', 'options'] : ['name', 'description', 'enabled', 'tags', 'options'], 'domain');
  const id = optionalString(body.id, 'id', { min: 1, max: 64 });
  if (id !== undefined && !/^[A-Za-z0-9_-]+$/.test(id)) throw ValidationError.field('id', 'only letters, digits, - and _ are allowed');
  return {
    ...(id !== undefined ? { id } : {}),
    ...(body.name !== undefined ? { name: name(body.name, 'name', 64) } : {}),
    ...(body.description !== undefined ? { description: nullableString(body.description, 'description', { max: 65535 }) } : {}),
    ...(body.enabled !== undefined ? { enabled: optionalBoolean(body.enabled, 'enabled') } : {}),
  };
}

/** /v3/domains. */
export function registerDomainRoutes(app: FastifyInstance, identity: Identity): void {
  app.get('/v3/domains', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_domains');
    const domains = await identity.domains.list({ name: queryParam(request, 'name'), enabled: queryFlag(queryParam(request, 'enabled')) });
    const v3 = v3Url(identity, request);
    return collection('domains', domains.map((d) => renderDomain(v3, d)), selfUrl(identity, request));
  });

  app.post('/v3/domains', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:create_domain');
    const input = domainInput(member(request, 'domain'), true);
    if (input.name === undefined) throw ValidationError.field('name', "'name' is a required property");
    const domain = await identity.domains.create({ ...input, name: input.name });
    reply.code(201);
    return { domain: renderDomain(v3Url(identity, request), domain) };
  });

  app.get<{ Params: { id: string } }>('/v3/domains/:id', async (request) => {
    const caller = await requireCaller(identity, request);
    const id = request.params.id;
    const own = caller.token.userDomain.id === id || caller.token.projectDomain?.id === id || caller.token.domain?.id === id;
    enforce(policy.canReadAll(caller) || own, 'identity:get_domain');
    return { domain: renderDomain(v3Url(identity, request), await identity.domains.get(id)) };
  });

  app.patch<{ Params: { id: string } }>('/v3/domains/:id', async (request) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:update_domain');
    const domain = await identity.domains.update(request.params.id, domainInput(member(request, 'domain'), false));
    return { domain: renderDomain(v3Url(identity, request), domain) };
  });

  app.delete<{ Params: { id: string } }>('/v3/domains/:id', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:delete_domain');
    await identity.domains.delete(request.params.id);
    return reply.code(204).send();
  });
}
