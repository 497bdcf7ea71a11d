import { timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Policy } from '../../policy/policy.ts';
import type { RequestContext } from '../../core/context.ts';
import { PolicyNotAuthorized } from '../../core/errors.ts';
import type { IpUsageService, ReportName } from '../../core/ipam/ip-usage-service.ts';
import { IP_USAGE_REPORTS } from '../../definitions/extensions/ip-usage-reports.ts';
import type { ResolvedResource } from '../../definitions/index.ts';
import { paginationLinks } from '../wire/links.ts';
import { ipUsageMetrics } from '../wire/ip-usage-metrics.ts';
import { PROMETHEUS_CONTENT_TYPE, renderPrometheus } from '../wire/prometheus.ts';
import { parseListQuery, type QueryParams } from '../wire/query.ts';
import { projector, visibleAttributes } from '../wire/render.ts';
import { requestBaseUrl, stripJson } from '../wire/request.ts';

const NO_HOOKS = {};

/**
 * GET /v2.0/{subnet,subnetpool,address-scope,project}-ip-usages[/{id}]
 * (extension ip-usage-reports): read-only collections with Neutron's list
 * semantics; `{id}` is the subnet, pool, scope or project id.
 */
export function registerIpUsageRoutes(app: FastifyInstance, service: IpUsageService, options: { paginationMaxLimit: number }): void {
  for (const { resource, key } of IP_USAGE_REPORTS) {
    const definition = resource as ResolvedResource;
    const base = `/v2.0/${resource.path}`;
    const report = resource.name as ReportName;
    app.get(base, async (request) => {
      const parsed = parseListQuery(definition, request.query as QueryParams, NO_HOOKS, options.paginationMaxLimit);
      const records = await service.list(contextOf(request), report, parsed.query);
      const body: Record<string, unknown> = { [resource.collection]: records.map(projector(visibleAttributes(definition, new Set(), parsed.fields))) };
      if (parsed.limit !== undefined) {
        const search = new URL(request.url, 'http://x').searchParams;
        body[`${resource.collection}_links`] = paginationLinks(requestBaseUrl(request) + base, search, records.map((r) => String(r[key])), parsed.limit, parsed.query.pageReverse === true);
      }
      return body;
    });
    app.get(`${base}/:id`, async (request) => {
      const params = request.query as QueryParams;
      const fields = parseListQuery(definition, params.fields === undefined ? {} : { fields: params.fields }, NO_HOOKS, 0).fields;
      const record = await service.show(contextOf(request), report, stripJson((request.params as { id: string }).id));
      return { [resource.name]: projector(visibleAttributes(definition, new Set(), fields))(record) };
    });
  }
}

/**
 * GET /metrics: the IP usage reports as Prometheus gauges. Allowed to callers
 * the policy's get_ip_usage_metrics admits (administrators by default), or,
 * when MUON_METRICS_TOKEN is set, to `Authorization: Bearer <token>` (the
 * server's auth hook lets such requests through without a Keystone token).
 */
export function registerMetricsRoutes(app: FastifyInstance, service: IpUsageService, policy: Policy, metricsToken: string | undefined): void {
  app.get('/metrics', async (request, reply) => {
    const ctx = (request as FastifyRequest & { ctx?: RequestContext }).ctx;
    const bearer = metricsToken !== undefined && hasBearer(request, metricsToken);
    if (!bearer && (ctx === undefined || !policy.authorize(ctx, 'get_ip_usage_metrics', {}))) throw new PolicyNotAuthorized('rule:get_ip_usage_metrics');
    const text = renderPrometheus(await ipUsageMetrics(service));
    return reply.type(PROMETHEUS_CONTENT_TYPE).send(text);
  });
}

/** True when the request carries `Authorization: Bearer <token>` (compared in constant time). */
export function hasBearer(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization;
  if (typeof header !== 'string' || !header.startsWith('Bearer ')) return false;
  const given = Buffer.from(header.slice('Bearer '.length));
  const wanted = Buffer.from(token);
  return given.length === wanted.length && timingSafeEqual(given, wanted);
}

function contextOf(request: FastifyRequest): RequestContext {
  return (request as FastifyRequest & { ctx: RequestContext }).ctx;
}
