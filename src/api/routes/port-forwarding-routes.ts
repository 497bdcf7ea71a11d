import type { FastifyInstance, FastifyReply } from 'fastify';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { parseCreateBody, parseUpdateBody } from '../wire/body.ts';
import { paginationLinks } from '../wire/links.ts';
import { parseListQuery, type QueryParams } from '../wire/query.ts';
import { projector, renderRecord, visibleAttributes } from '../wire/render.ts';
import { requestBaseUrl, stripJson } from '../wire/request.ts';
import { contextOf } from './resource-routes.ts';

/**
 * /v2.0/floatingips/{floatingip_id}/port_forwardings[/{id}]: list, create,
 * show, update, delete. The body key is `port_forwarding` (the policy name
 * of the resource is `floatingip_port_forwarding`).
 */
export function registerPortForwardingRoutes(app: FastifyInstance, services: Services, options: { paginationMaxLimit: number }): void {
  const { service } = services.portForwardings;
  const wire = { ...service.resource, name: 'port_forwarding' };
  const hooks = {};
  const base = '/v2.0/floatingips/:fid/port_forwardings';
  type Params = { fid: string; id: string };
  const ids = (params: unknown) => ({ fid: stripJson((params as Params).fid), id: stripJson((params as Params).id ?? '') });
  const render = (ctx: Parameters<typeof service.hiddenAttributes>[0], record: Record<string, unknown>, fields: string[] = []) =>
    renderRecord(wire, record, service.hiddenAttributes(ctx, [record]), fields);

  app.get(base, async (request) => {
    const ctx = contextOf(request);
    const { fid } = ids(request.params);
    const parsed = parseListQuery(wire, request.query as QueryParams, hooks, options.paginationMaxLimit);
    const records = await services.portForwardings.list(ctx, fid, parsed.query);
    const attributes = visibleAttributes(wire, service.hiddenAttributes(ctx, records), parsed.fields);
    const body: Record<string, unknown> = { port_forwardings: records.map(projector(attributes)) };
    if (parsed.limit !== undefined) {
      const search = new URL(request.url, 'http://x').searchParams;
      body.port_forwardings_links = paginationLinks(`${requestBaseUrl(request)}/v2.0/floatingips/${fid}/port_forwardings`, search,
        records.map((r) => String(r.id)), parsed.limit, parsed.query.pageReverse === true);
    }
    return body;
  });

  app.post(base, async (request, reply) => {
    const ctx = contextOf(request);
    const { fid } = ids(request.params);
    const [values] = parseCreateBody(wire, request.body, ctx);
    const created = await services.portForwardings.create(ctx, fid, values!);
    reply.code(201);
    return { port_forwarding: render(ctx, created) };
  });

  app.get(`${base}/:id`, async (request) => {
    const ctx = contextOf(request);
    const { fid, id } = ids(request.params);
    const raw = (request.query as QueryParams).fields;
    const fields = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
    return { port_forwarding: render(ctx, await services.portForwardings.show(ctx, fid, id), fields.filter((f) => f in wire.attributes)) };
  });

  app.put(`${base}/:id`, async (request) => {
    const ctx = contextOf(request);
    const { fid, id } = ids(request.params);
    const changes = parseUpdateBody(wire, request.body);
    return { port_forwarding: render(ctx, await services.portForwardings.update(ctx, fid, id, changes)) };
  });

  app.delete(`${base}/:id`, async (request, reply: FastifyReply) => {
    const ctx = contextOf(request);
    if (request.body !== undefined && request.body !== null && request.body !== '') throw new HTTPBadRequest('Request body is not supported in DELETE.');
    const { fid, id } = ids(request.params);
    await services.portForwardings.delete(ctx, fid, id);
    reply.code(204);
    return reply.send();
  });
}
