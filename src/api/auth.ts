import type { FastifyRequest } from 'fastify';
import type { Config } from '../config/schema.ts';
import { makeContext, type RequestContext } from '../core/context.ts';
import type { Identity } from '../identity/identity.ts';
import { KeystoneValidator, type RemoteTokenInfo } from '../identity/remote/keystone-validator.ts';

/**
 * noauth: the caller is who the headers say (Neutron's noauth, for trusted
 * test rigs). Project from X-Project-Id (or X-Tenant-Id), roles from X-Roles.
 */
export function noauthContext(request: FastifyRequest): RequestContext {
  const projectId = headerOf(request, 'x-project-id') ?? headerOf(request, 'x-tenant-id') ?? '';
  const roles = (headerOf(request, 'x-roles') ?? '').split(',');
  return makeContext(projectId.slice(0, 255), roles, headerOf(request, 'x-user-id') ?? '');
}

/** A request header's (first) value. */
function headerOf(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** Turns a request into its caller: a context, or undefined for "401". May throw KeystoneUnavailable (503). */
export type RequestAuthenticator = (request: FastifyRequest) => Promise<RequestContext | undefined>;

/**
 * Paths served without a token: the version documents (`/`, `/v2.0`) and
 * the identity service, which authenticates its own requests.
 */
export function isAnonymousPath(url: string): boolean {
  const path = url.split('?', 1)[0]!;
  return path === '/' || path === '/v2.0' || path === '/v2.0/' || path === '/identity' || path.startsWith('/identity/');
}

/** keystonemiddleware's 401 body (Neutron answers exactly this for a missing or bad token). */
export const UNAUTHORIZED_BODY = { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } };

/**
 * The authenticator for the configured mode:
 * - `noauth`: headers (above);
 * - `embedded`: X-Auth-Token validated by the built-in identity service;
 * - `keystone:<url>`: X-Auth-Token validated by an external Keystone (cached).
 */
export function requestAuthenticator(config: Readonly<Config>, identity?: Identity, remote?: KeystoneValidator): RequestAuthenticator {
  if (config.auth === 'noauth') return async (request) => noauthContext(request);
  if (config.auth === 'embedded') {
    if (identity === undefined) throw new Error('auth=embedded needs the identity service');
    return async (request) => {
      const token = tokenOf(request);
      if (token === undefined) return undefined;
      const valid = await identity.tokens.validate(token);
      if (valid === undefined || valid.claims.scope.kind === 'unscoped') return undefined;
      return makeContext(valid.project?.id ?? '', valid.roles.map((r) => r.name), valid.user.id, {
        systemScope: valid.claims.scope.kind === 'system',
        ...(valid.domain ? { domainId: valid.domain.id } : {}),
      });
    };
  }
  const validator = remote ?? new KeystoneValidator({
    url: config.auth.slice('keystone:'.length),
    username: config.keystoneUsername,
    password: config.keystonePassword ?? '',
    projectName: config.keystoneProjectName,
    userDomainName: config.keystoneUserDomainName,
    projectDomainName: config.keystoneProjectDomainName,
    cacheSeconds: config.tokenCacheTime,
  });
  return async (request) => {
    const token = tokenOf(request);
    if (token === undefined) return undefined;
    const info = await validator.validate(token);
    return info === undefined ? undefined : contextOf(info);
  };
}

function contextOf(info: RemoteTokenInfo): RequestContext {
  return makeContext(info.projectId, info.roles, info.userId, { systemScope: info.systemScope, ...(info.domainId ? { domainId: info.domainId } : {}) });
}

function tokenOf(request: FastifyRequest): string | undefined {
  const value = request.headers['x-auth-token'];
  const token = Array.isArray(value) ? value[0] : value;
  return token === undefined || token === '' ? undefined : token;
}
