import type { FastifyRequest } from 'fastify';
import type { Identity } from '../../identity/identity.ts';
import { callerOf, type Caller } from '../../identity/identity-policy.ts';
import { Unauthorized } from '../../identity/identity-errors.ts';
import { requestBaseUrl } from '../wire/request.ts';

/** scheme://host[:port] clients use: the configured public URL, else the request's. */
export function baseUrl(identity: Identity, request: FastifyRequest): string {
  return (identity.options.publicUrl ?? requestBaseUrl(request)).replace(/\/+$/, '');
}

/** `<base>/identity/v3`: where every `links.self` starts. */
export function v3Url(identity: Identity, request: FastifyRequest): string {
  return `${baseUrl(identity, request)}/identity/v3`;
}

/** The URL of this request (collection `links.self`). */
export function selfUrl(identity: Identity, request: FastifyRequest): string {
  return `${baseUrl(identity, request)}${request.url}`;
}

/** One header's value (the first when repeated). */
export function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
}

/** A query parameter's first value. */
export function queryParam(request: FastifyRequest, name: string): string | undefined {
  const value = (request.query as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(value) ? value[0] : value;
}

/** The caller, from a valid X-Auth-Token; 401 otherwise. Cached on the request. */
export async function requireCaller(identity: Identity, request: FastifyRequest): Promise<Caller> {
  const cached = (request as unknown as { identityCaller?: Caller }).identityCaller;
  if (cached) return cached;
  const token = header(request, 'x-auth-token');
  if (!token) throw new Unauthorized();
  const valid = await identity.tokens.validate(token);
  if (!valid) throw new Unauthorized();
  const caller = callerOf(valid);
  (request as unknown as { identityCaller?: Caller }).identityCaller = caller;
  return caller;
}
