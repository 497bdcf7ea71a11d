import type { FastifyInstance } from 'fastify';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { IpHistoryService } from '../../core/ipam/ip-history-service.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { contextOf } from './resource-routes.ts';

const LIST_FILTERS = ['ip_address', 'subnet_id', 'network_id', 'project_id', 'port_id', 'device_id'] as const;
const FILTERS = new Set<string>([...LIST_FILTERS, 'tenant_id', 'at', 'since', 'until', 'limit']);

/**
 * GET /v2.0/ip-address-history (extension ip-address-history): holdings of
 * addresses by ports, oldest first. Filters repeat as OR (as every Neutron
 * filter); `at=<time>` keeps the holdings that covered that instant,
 * `since`/`until` those overlapping the interval. Times are ISO 8601.
 */
export function registerIpHistoryRoutes(app: FastifyInstance, service: IpHistoryService): void {
  app.get('/v2.0/ip-address-history', async (request) => {
    const params = request.query as QueryParams;
    for (const key of Object.keys(params)) if (!FILTERS.has(key)) throw new HTTPBadRequest(`['${key}'] is invalid attribute for filtering`);
    const lists = Object.fromEntries(LIST_FILTERS.map((name) => [name, valuesOf(params, name)]));
    lists.project_id = [...lists.project_id!, ...valuesOf(params, 'tenant_id')];
    const limit = single(params, 'limit');
    if (limit !== undefined && !/^[1-9]\d{0,8}$/.test(limit)) throw new HTTPBadRequest(`Invalid input for limit. Reason: '${limit.slice(0, 64)}' is not a positive integer.`);
    const holdings = await service.list(contextOf(request), {
      ...lists,
      ...optional('at', instant(params, 'at')), ...optional('since', instant(params, 'since')), ...optional('until', instant(params, 'until')),
      ...optional('limit', limit === undefined ? undefined : Number(limit)),
    });
    return { ip_address_history: holdings };
  });
}

function single(params: QueryParams, name: string): string | undefined {
  const values = valuesOf(params, name);
  if (values.length > 1) throw new HTTPBadRequest(`Only one ${name} may be given.`);
  return values[0];
}

/** An ISO 8601 time (a date alone is midnight UTC) as the stored form: UTC with milliseconds. */
function instant(params: QueryParams, name: string): string | undefined {
  const text = single(params, name);
  if (text === undefined) return undefined;
  const match = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,3})?)?)(Z|[+-]\d\d:\d\d)?)?$/.exec(text);
  // Without an offset the time is UTC (JavaScript would read it as local time).
  const ms = match ? Date.parse(match[2] === undefined ? `${match[1]}T00:00:00Z` : `${match[1]}T${match[2]}${match[3] ?? 'Z'}`) : Number.NaN;
  if (Number.isNaN(ms)) throw new HTTPBadRequest(`Invalid input for ${name}. Reason: '${text.slice(0, 64)}' is not an ISO 8601 time.`);
  return new Date(ms).toISOString();
}

function optional<K extends string, V>(key: K, value: V | undefined): { [P in K]?: V } {
  return (value === undefined ? {} : { [key]: value }) as { [P in K]?: V };
}
