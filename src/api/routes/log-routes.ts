import type { FastifyInstance } from 'fastify';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { contextOf } from './resource-routes.ts';

/** Query keys the list accepts without filtering on them (Neutron ignores paging and sorting here: the plugin returns the list whole). */
const IGNORED = new Set(['fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse']);

/**
 * GET /v2.0/log/loggable-resources: the resource types logs may name,
 * `{"loggable_resources": [{"type": "security_group"}]}`, with `fields=`.
 * `type` is no filter in Neutron's definition, so any filter is a 400.
 */
export function registerLogRoutes(app: FastifyInstance, services: Services): void {
  app.get('/v2.0/log/loggable-resources', async (request) => {
    const params = request.query as QueryParams;
    const unknown = Object.keys(params).filter((key) => !IGNORED.has(key));
    if (unknown.length > 0) throw new HTTPBadRequest(`[${unknown.map((k) => `'${k}'`).join(', ')}] is invalid attribute for filtering`);
    const fields = valuesOf(params, 'fields');
    const items = services.loggableResources.list(contextOf(request));
    return { loggable_resources: items.map((item) => (fields.length === 0 || fields.includes('type') ? item : {})) };
  });
}
