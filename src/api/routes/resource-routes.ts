import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ResolvedResource } from '../../definitions/index.ts';
import type { RequestContext } from '../../core/context.ts';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { ResourceHooks } from '../../core/resource/resource-hooks.ts';
import type { ResourceService } from '../../core/resource/resource-service.ts';
import { parseCreateBody, parseUpdateBody } from '../wire/body.ts';
import { paginationLinks } from '../wire/links.ts';
import { JSON_CONTENT_TYPE, listBody } from '../wire/list-body.ts';
import { parseListQuery, type QueryParams } from '../wire/query.ts';
import { projector, renderRecord, viewOf, visibleAttributes } from '../wire/render.ts';
import { parseIfMatch, requestBaseUrl, stripJson } from '../wire/request.ts';

/** A resource as the HTTP layer serves it. */
export interface ServedResource {
  readonly resource: ResolvedResource;
  readonly service: ResourceService;
  readonly hooks: ResourceHooks;
}

/** Context established by the auth hook. */
export function contextOf(request: FastifyRequest): RequestContext {
  return (request as FastifyRequest & { ctx: RequestContext }).ctx;
}

/**
 * Generates the five routes of a resource from its definition: list, create
 * (single and bulk), show, update, delete. Every route also answers with a
 * `.json` suffix.
 */
export function registerResourceRoutes(app: FastifyInstance, served: ServedResource, options: { paginationMaxLimit: number }): void {
  const { resource, service, hooks } = served;
  const base = `/v2.0/${resource.path}`;
  const ops = new Set(resource.operations);

  if (ops.has('list')) {
    app.get(base, async (request, reply) => {
      const ctx = contextOf(request);
      const params = request.query as QueryParams;
      const parsed = parseListQuery(resource, params, hooks, options.paginationMaxLimit);
      const records = await service.list(ctx, parsed.query);
      const attributes = visibleAttributes(resource, service.hiddenAttributes(ctx, records), parsed.fields);
      const more: Record<string, unknown> = {};
      if (parsed.limit !== undefined) {
        const search = new URL(request.url, 'http://x').searchParams;
        more[`${resource.collection}_links`] = paginationLinks(requestBaseUrl(request) + base, search, records.map((r) => String(r.id)), parsed.limit, parsed.query.pageReverse === true);
      }
      return reply.type(JSON_CONTENT_TYPE).send(listBody(resource.collection, records, projector(attributes), more));
    });
  }

  if (ops.has('create')) {
    app.post(base, async (request, reply) => {
      const ctx = contextOf(request);
      const items = parseCreateBody(resource, request.body, ctx);
      const isBulk = typeof request.body === 'object' && request.body !== null && resource.collection in request.body;
      const created = await service.create(ctx, items);
      const view = viewOf(resource, service.hiddenAttributes(ctx, created), []);
      reply.code(201);
      return isBulk
        ? { [resource.collection]: created.map(view.project) }
        : { [resource.name]: view.project(created[0]!) };
    });
  }

  const member = `${base}/:id`;
  if (ops.has('show')) {
    app.get(member, async (request) => {
      const ctx = contextOf(request);
      const id = stripJson((request.params as { id: string }).id);
      const params = request.query as QueryParams;
      const fields = parseListQuery(resource, pickFields(params), hooks, 0).fields;
      const record = await service.show(ctx, id);
      return { [resource.name]: renderRecord(resource, record, service.hiddenAttributes(ctx, [record]), fields) };
    });
  }

  if (ops.has('update')) {
    app.put(member, async (request) => {
      const ctx = contextOf(request);
      const id = stripJson((request.params as { id: string }).id);
      const changes = parseUpdateBody(resource, request.body);
      const record = await service.update(ctx, id, changes, parseIfMatch(request));
      return { [resource.name]: renderRecord(resource, record, service.hiddenAttributes(ctx, [record]), []) };
    });
  }

  if (ops.has('delete')) {
    app.delete(member, async (request, reply: FastifyReply) => {
      const ctx = contextOf(request);
      if (request.body !== undefined && request.body !== null && request.body !== '') throw new HTTPBadRequest('Request body is not supported in DELETE.');
      const id = stripJson((request.params as { id: string }).id);
      await service.delete(ctx, id, parseIfMatch(request));
      reply.code(204);
      return reply.send();
    });
  }
}

function pickFields(params: QueryParams): QueryParams {
  return params.fields === undefined ? {} : { fields: params.fields };
}
