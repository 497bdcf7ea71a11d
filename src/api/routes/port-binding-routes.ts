import type { FastifyInstance } from 'fastify';
import type { BindingFilters, BindingRequest, PortBinding } from '../../core/port/port-bindings.ts';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { resolveResources } from '../../definitions/index.ts';
import { portBindingResource } from '../../definitions/extensions/binding-extended.ts';
import { parseCreateBody } from '../wire/body.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { stripJson } from '../wire/request.ts';
import { contextOf } from './resource-routes.ts';

const wire = resolveResources([portBindingResource], []).get('bindings')!;
const SHOWN = Object.entries(wire.attributes).filter(([, spec]) => spec.visible !== false).map(([name]) => name);
const FILTERS = ['host', 'vif_type', 'vnic_type', 'status'] as const;
/** Accepted and ignored: a port has a handful of bindings, served in one page in their own order. */
const IGNORED = new Set(['sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse']);

/**
 * binding-extended, under a port (Nova's live-migration calls):
 * - GET /v2.0/ports/{port_id}/bindings → `{"bindings": [...]}` (filters host, vif_type, vnic_type, status; `fields`);
 * - POST /v2.0/ports/{port_id}/bindings `{"binding": {host, vnic_type?, profile?}}` → 201 `{"binding"}`;
 * - GET /v2.0/ports/{port_id}/bindings/{host} → `{"binding"}`;
 * - PUT /v2.0/ports/{port_id}/bindings/{host}/activate (no body needed) → the binding itself, without
 *   envelope, as Neutron's member actions answer;
 * - DELETE /v2.0/ports/{port_id}/bindings/{host} → 204.
 */
export function registerPortBindingRoutes(app: FastifyInstance, services: Services): void {
  const bindings = services.portBindings;
  const base = '/v2.0/ports/:portId/bindings';
  type Params = { portId: string; host?: string };
  const ids = (params: unknown) => ({ portId: stripJson((params as Params).portId), host: stripJson((params as Params).host ?? '') });

  app.get(base, async (request) => {
    const params = request.query as QueryParams;
    const records = await bindings.list(contextOf(request), ids(request.params).portId, filtersOf(params));
    const fields = fieldsOf(params);
    return { bindings: records.map((r) => render(r, fields)) };
  });

  app.post(base, async (request, reply) => {
    const [values] = parseCreateBody(wire, request.body, contextOf(request));
    const asked: BindingRequest = { host: String(values!.host), vnic_type: String(values!.vnic_type), profile: values!.profile as Record<string, unknown> };
    const created = await bindings.create(contextOf(request), ids(request.params).portId, asked);
    reply.code(201);
    return { binding: render(created) };
  });

  app.get(`${base}/:host`, async (request) => {
    const { portId, host } = ids(request.params);
    return { binding: render(await bindings.show(contextOf(request), portId, host), fieldsOf(request.query as QueryParams)) };
  });

  app.put(`${base}/:host/activate`, async (request) => {
    const { portId, host } = ids(request.params);
    return render(await bindings.activate(contextOf(request), portId, host));
  });

  app.delete(`${base}/:host`, async (request, reply) => {
    if (request.body !== undefined && request.body !== null && request.body !== '') throw new HTTPBadRequest('Request body is not supported in DELETE.');
    const { portId, host } = ids(request.params);
    await bindings.delete(contextOf(request), portId, host);
    reply.code(204);
    return reply.send();
  });
}

/** The list filters (unknown ones → 400, as filter-validation answers). */
function filtersOf(params: QueryParams): BindingFilters {
  const filters: Record<string, string[]> = {};
  for (const key of Object.keys(params)) {
    if (key === 'fields' || IGNORED.has(key)) continue;
    if (!(FILTERS as readonly string[]).includes(key)) throw new HTTPBadRequest(`['${key}'] is invalid attribute for filtering`);
    filters[key] = valuesOf(params, key);
  }
  return filters;
}

/** `fields=`: the known attributes asked for (none: all). */
function fieldsOf(params: QueryParams): string[] {
  return valuesOf(params, 'fields').filter((f) => SHOWN.includes(f));
}

function render(binding: PortBinding, fields: readonly string[] = []): Record<string, unknown> {
  const names = fields.length > 0 ? fields : SHOWN;
  return Object.fromEntries(names.map((name) => [name, binding[name as keyof PortBinding]]));
}
