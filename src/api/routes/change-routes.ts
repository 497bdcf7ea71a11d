import type { FastifyInstance } from 'fastify';
import type { ChangeFeed } from '../../core/change/change-feed.ts';
import { HTTPBadRequest } from '../../core/errors.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { contextOf } from './resource-routes.ts';

/** The longest a long-poll may wait (seconds): proxies commonly cut idle requests soon after. */
export const MAX_CHANGES_TIMEOUT = 300;
const MAX_LIMIT = 10_000;

/**
 * GET /v2.0/muon/changes?since=<revision>&timeout=<seconds>&limit=<n>: the
 * change log after `since` (default 0), oldest first, answered at once when
 * there is any, else after up to `timeout` seconds (default 0) of waiting.
 * `{"changes": [{revision, resource_type, resource_id, action, project_id,
 * changed_at}], "revision": N}`: ask with since=N next. Administrators and
 * services only (policy rule get_changes).
 */
export function registerChangeRoutes(app: FastifyInstance, feed: ChangeFeed): void {
  app.get('/v2.0/muon/changes', async (request, reply) => {
    const params = request.query as QueryParams;
    for (const key of Object.keys(params)) if (!['since', 'timeout', 'limit'].includes(key)) throw new HTTPBadRequest(`Unknown parameter ${key.slice(0, 64)}`);
    const since = integer(params, 'since', 0, Number.MAX_SAFE_INTEGER, 0);
    const timeout = integer(params, 'timeout', 0, MAX_CHANGES_TIMEOUT, 0);
    const limit = integer(params, 'limit', 1, MAX_LIMIT, 1000);
    // A client that goes away ends the wait (the response's close comes before it is sent only then).
    const gone = new AbortController();
    reply.raw.once('close', () => gone.abort());
    return feed.read(contextOf(request), { since, timeoutMs: timeout * 1000, limit }, gone.signal);
  });
}

function integer(params: QueryParams, name: string, min: number, max: number, fallback: number): number {
  const values = valuesOf(params, name);
  if (values.length > 1) throw new HTTPBadRequest(`Only one ${name} may be given.`);
  if (values.length === 0) return fallback;
  const text = values[0]!;
  const value = /^\d{1,16}$/.test(text) ? Number(text) : NaN;
  if (!(value >= min && value <= max)) throw new HTTPBadRequest(`Invalid input for ${name}. Reason: '${text.slice(0, 64)}' is not an integer from ${min} to ${max}.`);
  return value;
}
