import type { FastifyInstance } from 'fastify';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { IpHistoryService } from '../../core/ipam/ip-history-service.ts';
import { parseIsoTime } from '../../definitions/validators/index.ts';
import { canonicalIpAddress } from '../../ipam/ip-address.ts';
import { formatCidr, parseCidr } from '../../ipam/cidr.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { contextOf } from './resource-routes.ts';

const ADDRESS_FILTERS = ['ip_address', 'subnet_id', 'network_id', 'project_id', 'port_id', 'device_id'] as const;
const PREFIX_FILTERS = ['prefix', 'subnetpool_id', 'subnet_id', 'network_id', 'project_id'] as const;
const TIME_AND_LIMIT = ['tenant_id', 'at', 'since', 'until', 'limit'];

/**
 * GET /v2.0/ip-address-history (extension ip-address-history): holdings of
 * addresses by ports; GET /v2.0/subnetpool-prefix-history (extension
 * subnetpool-prefix-history): prefixes carved from subnet pools. Oldest
 * first. Filters repeat as OR (as every Neutron filter); `at=<time>` keeps
 * the holdings that covered that instant, `since`/`until` those overlapping
 * the interval. Times are ISO 8601 (UTC without an offset).
 */
export function registerIpHistoryRoutes(app: FastifyInstance, service: IpHistoryService): void {
  app.get('/v2.0/ip-address-history', async (request) => {
    const params = request.query as QueryParams;
    const query = parseHistoryQuery(params, ADDRESS_FILTERS);
    query.ip_address = query.ip_address!.map((ip) => canonicalIpAddress(ip) ?? ip);
    return { ip_address_history: await service.list(contextOf(request), query) };
  });
  app.get('/v2.0/subnetpool-prefix-history', async (request) => {
    const params = request.query as QueryParams;
    const query = parseHistoryQuery(params, PREFIX_FILTERS);
    query.prefix = query.prefix!.map((p) => { const cidr = parseCidr(p, { strict: false }); return cidr ? formatCidr(cidr) : p; });
    return { subnetpool_prefix_history: await service.prefixes(contextOf(request), query) };
  });
}

type HistoryQuery = Record<string, string[]> & { at?: string; since?: string; until?: string; limit?: number };

function parseHistoryQuery(params: QueryParams, lists: readonly string[]): HistoryQuery {
  const known = new Set([...lists, ...TIME_AND_LIMIT]);
  for (const key of Object.keys(params)) if (!known.has(key)) throw new HTTPBadRequest(`['${key}'] is invalid attribute for filtering`);
  const query = Object.fromEntries(lists.map((name) => [name, valuesOf(params, name)])) as HistoryQuery;
  query.project_id = [...query.project_id!, ...valuesOf(params, 'tenant_id')];
  const limit = single(params, 'limit');
  if (limit !== undefined && !/^[1-9]\d{0,8}$/.test(limit)) throw new HTTPBadRequest(`Invalid input for limit. Reason: '${limit.slice(0, 64)}' is not a positive integer.`);
  for (const name of ['at', 'since', 'until'] as const) {
    const value = instant(params, name);
    if (value !== undefined) query[name] = value;
  }
  if (limit !== undefined) query.limit = Number(limit);
  return query;
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
  const ms = parseIsoTime(text);
  if (ms === undefined) throw new HTTPBadRequest(`Invalid input for ${name}. Reason: '${text.slice(0, 64)}' is not an ISO 8601 time.`);
  return new Date(ms).toISOString();
}
