import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy, type Caller } from '../../identity/identity-policy.ts';
import { ValidationError } from '../../identity/identity-errors.ts';
import { name, nullableString, onlyKeys, optionalBoolean, optionalString, queryFlag, stringList, type Json } from '../../identity/input.ts';
import type { ProjectInput } from '../../identity/project-service.ts';
import { member } from './body.ts';
import { collection, renderProject } from './render.ts';
import { queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

const PROJECT_KEYS = ['name', 'domain_id', 'parent_id', 'description', 'enabled', 'is_domain', 'tags', 'options'];

/** The domain a new project lands in when the body names none: the token's. */
export function callerDomain(caller: Caller): string {
  if (caller.token.projectDomain) return caller.token.projectDomain.id;
  if (caller.token.domain) return caller.token.domain.id;
  return caller.token.userDomain.id;
}

function projectInput(body: Json): ProjectInput {
  onlyKeys(body, PROJECT_KEYS, 'project');
  if (body.is_domain === true) throw ValidationError.field('is_domain', 'projects acting as domains are not supported; create a domain');
  return {
    ...(body.name !== undefined ? { name: name(body.name, 'name', 64) } : {}),
    ...(body.domain_id !== undefined ? { domain_id: optionalString(body.domain_id, 'domain_id', { min: 1, max: 64 }) } : {}),
    ...(body.parent_id !== undefined ? { parent_id: nullableString(body.parent_id, 'parent_id', { max: 64 }) } : {}),
    ...(body.description !== undefined ? { description: nullableString(body.description, 'description', { max: 65535 }) } : {}),
    ...(body.enabled !== undefined ? { enabled: optionalBoolean(body.enabled, 'enabled') } : {}),
    ...(body.tags !== undefined ? { tags: stringList(body.tags, 'tags') } : {}),
  };
}

/** /v3/projects and /v3/users/{id}/projects. */
export function registerProjectRoutes(app: FastifyInstance, identity: Identity): void {
  app.get('/v3/projects', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_projects');
    if (queryFlag(queryParam(request, 'is_domain')) === true) return collection('projects', [], selfUrl(identity, request));
    const projects = await identity.projects.list({
      name: queryParam(request, 'name'), domain_id: queryParam(request, 'domain_id'),
      parent_id: queryParam(request, 'parent_id'), enabled: queryFlag(queryParam(request, 'enabled')),
    });
    const v3 = v3Url(identity, request);
    return collection('projects', projects.map((p) => renderProject(v3, p)), selfUrl(identity, request));
  });

  app.post('/v3/projects', async (request, reply) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.isAdmin(caller), 'identity:create_project');
    const input = projectInput(member(request, 'project'));
    if (input.name === undefined) throw ValidationError.field('name', "'name' is a required property");
    const project = await identity.projects.create({ ...input, name: input.name, domain_id: input.domain_id ?? callerDomain(caller) });
    reply.code(201);
    return { project: renderProject(v3Url(identity, request), project) };
  });

  app.get<{ Params: { id: string } }>('/v3/projects/:id', async (request) => {
    const caller = await requireCaller(identity, request);
    const id = request.params.id;
    const mine = caller.token.project?.id === id
      || (await identity.store.read((tx) => identity.resolver.targetsOf(tx, caller.userId, 'project'))).includes(id);
    enforce(policy.canReadAll(caller) || mine, 'identity:get_project');
    return { project: renderProject(v3Url(identity, request), await identity.projects.get(id)) };
  });

  app.patch<{ Params: { id: string } }>('/v3/projects/:id', async (request) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:update_project');
    const project = await identity.projects.update(request.params.id, projectInput(member(request, 'project')));
    return { project: renderProject(v3Url(identity, request), project) };
  });

  app.delete<{ Params: { id: string } }>('/v3/projects/:id', async (request, reply) => {
    enforce(policy.isAdmin(await requireCaller(identity, request)), 'identity:delete_project');
    await identity.projects.delete(request.params.id);
    return reply.code(204).send();
  });

  app.get<{ Params: { id: string } }>('/v3/users/:id/projects', async (request) => {
    const caller = await requireCaller(identity, request);
    enforce(policy.canReadAll(caller) || policy.isSelf(caller, request.params.id), 'identity:list_user_projects');
    await identity.users.get(request.params.id);
    const ids = await identity.store.read((tx) => identity.resolver.targetsOf(tx, request.params.id, 'project'));
    const projects = await identity.projects.list({ ids, name: queryParam(request, 'name'), enabled: queryFlag(queryParam(request, 'enabled')) });
    const v3 = v3Url(identity, request);
    return collection('projects', projects.map((p) => renderProject(v3, p)), selfUrl(identity, request));
  });
}
