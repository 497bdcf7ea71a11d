import { createServer } from 'node:http';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import type { Config } from '../config/schema.ts';
import { HTTPNotFound } from '../core/errors.ts';
import type { Services } from '../core/services.ts';
import { EXTENSIONS } from '../definitions/index.ts';
import type { Identity } from '../identity/identity.ts';
import { KeystoneUnavailable, type KeystoneValidator } from '../identity/remote/keystone-validator.ts';
import { isAnonymousPath, requestAuthenticator, UNAUTHORIZED_BODY } from './auth.ts';
import { registerIdentity } from './identity/identity-plugin.ts';
import { requestBaseUrl } from './wire/request.ts';
import { registerExtensionRoutes } from './extensions.ts';
import { registerAvailabilityZoneRoutes } from './routes/availability-zone-routes.ts';
import { registerChangeRoutes } from './routes/change-routes.ts';
import { registerFlavorRoutes } from './routes/flavor-routes.ts';
import { registerAgentReportRoutes } from './routes/agent-report-routes.ts';
import { registerAutoAllocateRoutes } from './routes/auto-allocate-routes.ts';
import { registerIpAvailabilityRoutes } from './routes/ip-availability-routes.ts';
import { registerIpHistoryRoutes } from './routes/ip-history-routes.ts';
import { hasBearer, registerIpUsageRoutes, registerMetricsRoutes } from './routes/ip-usage-routes.ts';
import { registerLogRoutes } from './routes/log-routes.ts';
import { registerQosRoutes } from './routes/qos-routes.ts';
import { registerQuotaRoutes } from './routes/quota-routes.ts';
import { registerPortBindingRoutes } from './routes/port-binding-routes.ts';
import { registerPortForwardingRoutes } from './routes/port-forwarding-routes.ts';
import { registerResourceRoutes } from './routes/resource-routes.ts';
import { registerRouterRoutes } from './routes/router-routes.ts';
import { registerSecurityGroupRoutes } from './routes/security-group-routes.ts';
import { registerTagRoutes } from './routes/tag-routes.ts';
import { registerTrunkRoutes } from './routes/trunk-routes.ts';
import { registerVersionRoutes } from './versions.ts';
import { errorBody, renderError } from './wire/error-body.ts';

/** Neutron refuses request URIs beyond this (414). */
export const MAX_URI_LENGTH = 8192;

export interface ServerDeps {
  readonly services: Services;
  /** pino options or false (tests). */
  readonly logger?: boolean | object;
  /** The built-in identity service: served at /identity, and validates tokens when auth=embedded. */
  readonly identity?: Identity;
  /** auth=keystone:<url>: a validator to use instead of one built from the configuration (tests). */
  readonly keystoneValidator?: KeystoneValidator;
}

/**
 * Builds the HTTP server (not listening): the generated resource routes,
 * the hand-written ones, auth, and the single error handler that renders
 * every failure as a NeutronError body.
 */
export function buildServer(config: Readonly<Config>, deps: ServerDeps): FastifyInstance {
  const authenticate = requestAuthenticator(config, deps.identity, deps.keystoneValidator);
  const app = Fastify({
    logger: deps.logger ?? false,
    // Per-request access logs cost more than the request itself at thousands per second.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: 16 * 1024 * 1024,
    // Bigger than MAX_URI_LENGTH so that long URIs reach our 414 instead of Node's 431.
    // Idle keep-alive connections stay open 72 s (fastify's own default, which a serverFactory loses):
    // with Node's 5 s a busy client could send on a socket the server was just closing (ECONNRESET).
    serverFactory: (handler) => Object.assign(createServer({ maxHeaderSize: 64 * 1024 }, handler), { keepAliveTimeout: 72_000 }),
    // Neutron accepts `.json` on any path.
    rewriteUrl: (req) => (req.url ?? '/').replace(/\.json(?=\?|$)/, ''),
    // Long ids must reach the 414 check in onRequest rather than fail in the router.
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 65536, querystringParser: parseQueryString },
    // Malformed URLs (bad percent-encoding) are answered before routing: keep Neutron's error shape.
    frameworkErrors: (_error, _request, reply: any) => {
      reply.code(400).send(errorBody('HTTPBadRequest', 'Malformed request URL'));
    },
  });

  // Content-Type is ignored by Neutron: any body is JSON.
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => {
    const text = String(body);
    if (text.trim() === '') return done(null, undefined);
    // NUL cannot be stored in PostgreSQL text and means nothing in any Neutron attribute.
    if (/\\u0000/i.test(text)) return done(Object.assign(new Error('NUL characters are not allowed'), { code: 'MUON_NUL_IN_BODY', statusCode: 400 }), undefined);
    try {
      const parsed: unknown = JSON.parse(text);
      if (nestsDeeperThan(parsed, MAX_BODY_DEPTH)) {
        return done(Object.assign(new Error('too deep'), { code: 'MUON_BODY_TOO_DEEP', statusCode: 400 }), undefined);
      }
      done(null, parsed);
    } catch {
      done(Object.assign(new Error('Malformed request body'), { code: 'FST_ERR_CTP_INVALID_JSON_BODY', statusCode: 400 }), undefined);
    }
  });

  app.addHook('onRequest', async (request, reply) => {
    const url = request.raw.url ?? '';
    if (url.length > MAX_URI_LENGTH) {
      return reply.code(414).send(errorBody('HTTPRequestURITooLong', 'Request URI too long'));
    }
    if (/%00/.test(url)) return reply.code(400).send(errorBody('HTTPBadRequest', 'NUL characters are not allowed in URLs'));
    if (config.auth !== 'noauth' && isAnonymousPath(url)) return;
    // A Prometheus scraper with MUON_METRICS_TOKEN needs no Keystone token (the route checks either).
    if (config.metricsToken !== undefined && url.split('?', 1)[0] === '/metrics' && hasBearer(request, config.metricsToken)) return;
    let ctx;
    try {
      ctx = await authenticate(request);
    } catch (error) {
      if (!(error instanceof KeystoneUnavailable)) throw error;
      request.log.error({ err: error }, 'token validation failed');
      return reply.code(503).send({ error: { code: 503, title: 'Service Unavailable', message: 'The Keystone service is temporarily unavailable.' } });
    }
    if (ctx === undefined) {
      const where = deps.identity ? `${deps.identity.options.publicUrl ?? requestBaseUrl(request)}/identity` : config.auth.slice('keystone:'.length);
      return reply.code(401).header('www-authenticate', `Keystone uri="${where}"`).send(UNAUTHORIZED_BODY);
    }
    (request as unknown as { ctx: unknown }).ctx = ctx;
  });

  app.setErrorHandler((error, request, reply) => {
    const { status, body } = renderError(error);
    if (status >= 500) request.log.error({ err: error }, 'request failed');
    return reply.code(status).type('application/json').send(body);
  });
  app.setNotFoundHandler((_request, reply) => {
    const error = new HTTPNotFound();
    return reply.code(404).send(errorBody(error.type, error.message));
  });

  const served = [...deps.services.resources.values()];
  registerVersionRoutes(app, served.map((s) => s.resource));
  registerExtensionRoutes(app, EXTENSIONS);
  registerSecurityGroupRoutes(app, deps.services);
  registerRouterRoutes(app, deps.services);
  registerTrunkRoutes(app, deps.services);
  registerPortBindingRoutes(app, deps.services);
  registerPortForwardingRoutes(app, deps.services, { paginationMaxLimit: config.paginationMaxLimit });
  registerQosRoutes(app, deps.services, { paginationMaxLimit: config.paginationMaxLimit });
  for (const s of served) {
    registerResourceRoutes(app, s, { paginationMaxLimit: config.paginationMaxLimit });
    if (s.resource.standardAttributes) registerTagRoutes(app, s);
  }
  registerQuotaRoutes(app, deps.services.quotas, deps.services.policy);
  registerIpAvailabilityRoutes(app, deps.services.ipAvailability);
  registerAutoAllocateRoutes(app, deps.services.autoAllocator);
  registerIpHistoryRoutes(app, deps.services.ipHistory);
  registerIpUsageRoutes(app, deps.services.ipUsage, { paginationMaxLimit: config.paginationMaxLimit });
  registerMetricsRoutes(app, deps.services.ipUsage, deps.services.policy, config.metricsToken);
  registerAvailabilityZoneRoutes(app, deps.services);
  registerChangeRoutes(app, deps.services.changeFeed);
  registerLogRoutes(app, deps.services);
  registerAgentReportRoutes(app, deps.services.agentReports);
  registerFlavorRoutes(app, deps.services);
  if (deps.identity) registerIdentity(app, deps.identity);
  return app;
}

/**
 * No Neutron body nests deeper than a handful of levels; refusing deep ones
 * up front keeps every later recursive step (validators, JSON.stringify) safe.
 */
const MAX_BODY_DEPTH = 32;

/**
 * Whether a parsed JSON value nests deeper than `limit` levels. Recursive,
 * but never deeper than `limit` + 1 calls whatever the input; no work list
 * to allocate for the small bodies nearly every request has.
 */
function nestsDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  if (limit === 0) return true;
  for (const child of Array.isArray(value) ? value : Object.values(value)) if (nestsDeeperThan(child, limit - 1)) return true;
  return false;
}

/** Query strings as Neutron reads them: repeated keys become arrays, `+` is a space. */
function parseQueryString(text: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = Object.create(null);
  for (const [key, value] of new URLSearchParams(text)) {
    const existing = out[key];
    if (existing === undefined) out[key] = value;
    else if (Array.isArray(existing)) existing.push(value);
    else out[key] = [existing, value];
  }
  return out;
}
