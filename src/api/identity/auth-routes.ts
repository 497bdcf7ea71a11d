import type { FastifyInstance } from 'fastify';
import { buildCatalog } from '../../identity/catalog.ts';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { Forbidden, NotFound, Unauthorized } from '../../identity/identity-errors.ts';
import { SYSTEM } from '../../identity/role-resolver.ts';
import { renderDomain, renderProject, collection } from './render.ts';
import { baseUrl, header, requireCaller, selfUrl, v3Url } from './identity-request.ts';
import { renderToken } from './token-view.ts';

/** `?nocatalog` in any form (present, =1, =true) leaves the catalog out. */
function noCatalog(query: unknown): boolean {
  const value = (query as Record<string, unknown>).nocatalog;
  return value !== undefined && !['0', 'false'].includes(String(value).toLowerCase());
}

/** /v3/auth/*: issue, validate, revoke tokens; what the token's user may scope to; the catalog. */
export function registerAuthRoutes(app: FastifyInstance, identity: Identity): void {
  app.post('/v3/auth/tokens', async (request, reply) => {
    const tokenRequest = await identity.authenticator.authenticate(request.body, request.ip);
    const { token } = await identity.tokens.issue(tokenRequest);
    const valid = await identity.tokens.validate(token);
    if (!valid) throw new Unauthorized();
    reply.code(201).header('x-subject-token', token);
    return renderToken(identity, baseUrl(identity, request), valid, !noCatalog(request.query));
  });

  app.get('/v3/auth/tokens', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    const subject = header(request, 'x-subject-token');
    if (!subject) throw new NotFound('Could not find token: (none).');
    // Policy before the lookup: whether a token exists is itself information.
    const self = subject === caller.token.token;
    const valid = self ? caller.token : await identity.tokens.validate(subject);
    enforce(self || policy.canValidateTokens(caller) || (valid !== undefined && valid.user.id === caller.userId), 'identity:validate_token');
    if (!valid) throw new NotFound('Could not find token.');
    reply.header('x-subject-token', subject);
    return renderToken(identity, baseUrl(identity, request), valid, !noCatalog(request.query));
  });

  app.delete('/v3/auth/tokens', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    const subject = header(request, 'x-subject-token');
    if (!subject) throw new NotFound('Could not find token: (none).');
    const valid = subject === caller.token.token ? caller.token : await identity.tokens.validate(subject);
    enforce(policy.isAdmin(caller) || (valid !== undefined && valid.user.id === caller.userId), 'identity:revoke_token');
    if (!valid) throw new NotFound('Could not find token.');
    await identity.tokens.revoke(valid.claims);
    return reply.code(204).send();
  });

  app.get('/v3/auth/projects', async (request) => {
    const caller = await requireCaller(identity, request);
    const ids = await identity.store.read((tx) => identity.resolver.targetsOf(tx, caller.userId, 'project'));
    const projects = (await identity.projects.list({ ids, enabled: true }));
    const v3 = v3Url(identity, request);
    return collection('projects', projects.map((p) => renderProject(v3, p)), selfUrl(identity, request));
  });

  app.get('/v3/auth/domains', async (request) => {
    const caller = await requireCaller(identity, request);
    const ids = new Set(await identity.store.read((tx) => identity.resolver.targetsOf(tx, caller.userId, 'domain')));
    const domains = (await identity.domains.list({ enabled: true })).filter((d) => ids.has(d.id));
    const v3 = v3Url(identity, request);
    return collection('domains', domains.map((d) => renderDomain(v3, d)), selfUrl(identity, request));
  });

  app.get('/v3/auth/system', async (request) => {
    const caller = await requireCaller(identity, request);
    const held = await identity.store.read((tx) => identity.resolver.effectiveRoleIds(tx, caller.userId, SYSTEM));
    return { system: held.size > 0 ? [{ all: true }] : [], links: { self: selfUrl(identity, request), previous: null, next: null } };
  });

  app.get('/v3/auth/catalog', async (request) => {
    const caller = await requireCaller(identity, request);
    if (caller.scope.kind === 'unscoped') throw new Forbidden('A scoped token is required to get the catalog.');
    return { catalog: buildCatalog(baseUrl(identity, request), identity.options.region), links: { self: selfUrl(identity, request), previous: null, next: null } };
  });
}
