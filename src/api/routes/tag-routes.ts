import type { FastifyInstance } from 'fastify';
import { InvalidInput, TagNotFound } from '../../core/errors.ts';
import { contextOf, type ServedResource } from './resource-routes.ts';

const MAX_TAG_LENGTH = 255;

/**
 * Where Neutron's tag extension also serves a resource's tags: it names the
 * parent by its collection, so QoS policies' tags live at
 * /v2.0/policies/{id}/tags (the plugin's tests use that path).
 */
const TAG_PATH_ALIASES: Readonly<Record<string, string>> = { 'qos/policies': 'policies' };

/** The /tags sub-resource of a standard-attribute resource (standard-attr-tag, tag-creation). */
export function registerTagRoutes(app: FastifyInstance, served: ServedResource): void {
  const alias = TAG_PATH_ALIASES[served.resource.path];
  for (const path of alias === undefined ? [served.resource.path] : [served.resource.path, alias]) registerTagRoutesAt(app, served, path);
}

function registerTagRoutesAt(app: FastifyInstance, served: ServedResource, path: string): void {
  const { service } = served;
  const base = `/v2.0/${path}/:id/tags`;
  type Params = { id: string; tag?: string };

  app.get(base, async (request) => ({ tags: await service.tagsOf(contextOf(request), (request.params as Params).id) }));

  app.put(base, async (request) => {
    const tags = tagList(request.body);
    const { id } = request.params as Params;
    await service.changeTags(contextOf(request), id, { action: 'update', set: tags });
    // Neutron echoes the request body (samples/port_update_tags.json: ["red", "blue"]).
    return { tags };
  });

  app.post(base, async (request, reply) => {
    const tags = tagList(request.body);
    const { id } = request.params as Params;
    await service.changeTags(contextOf(request), id, { action: 'create', add: tags });
    reply.code(201);
    return { tags: await service.tagsOf(contextOf(request), id) };
  });

  app.delete(base, async (request, reply) => {
    await service.changeTags(contextOf(request), (request.params as Params).id, { action: 'delete', set: [] });
    return reply.code(204).send();
  });

  app.get(`${base}/:tag`, async (request, reply) => {
    const { id, tag } = request.params as Params;
    const tags = await service.tagsOf(contextOf(request), id);
    if (!tags.includes(tag!)) throw new TagNotFound(id, tag!);
    return reply.code(204).send();
  });

  app.put(`${base}/:tag`, async (request, reply) => {
    const { id, tag } = request.params as Params;
    validateTag(tag!);
    await service.changeTags(contextOf(request), id, { action: 'update', add: [tag!] });
    return reply.code(201).send();
  });

  app.delete(`${base}/:tag`, async (request, reply) => {
    const { id, tag } = request.params as Params;
    if (!(await service.changeTags(contextOf(request), id, { action: 'delete', remove: tag! }))) throw new TagNotFound(id, tag!);
    return reply.code(204).send();
  });
}

function tagList(body: unknown): string[] {
  const tags = (body as { tags?: unknown } | null)?.tags;
  if (!Array.isArray(tags)) throw new InvalidInput('Invalid tags body');
  for (const tag of tags) validateTag(tag);
  const duplicate = tags.find((tag, i) => tags.indexOf(tag) !== i);
  if (duplicate !== undefined) throw new InvalidInput(`Duplicate items in the list: '${typeof duplicate === 'string' ? duplicate : 'value'}'`);
  return tags as string[];
}

/** neutron-lib validate_tag (a string of at most 255 characters), plus: not empty, no comma (list filters split on ','). */
function validateTag(tag: unknown): void {
  if (typeof tag !== 'string') throw new InvalidInput(`a ${Array.isArray(tag) ? 'list' : typeof tag} is not a valid string`);
  if (tag.length > MAX_TAG_LENGTH) throw new InvalidInput(`'${tag}' exceeds maximum length of ${MAX_TAG_LENGTH}`);
  if (tag.length === 0 || tag.includes(',')) throw new InvalidInput(`'${tag}' is not a valid tag`);
}
