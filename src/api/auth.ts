import type { FastifyRequest } from 'fastify';
import { makeContext, type RequestContext } from '../core/context.ts';

/**
 * noauth: the caller is who the headers say (Neutron's noauth, for trusted
 * test rigs and, until the identity service lands, the embedded default).
 * Project from X-Project-Id (or X-Tenant-Id), roles from X-Roles.
 */
export function noauthContext(request: FastifyRequest): RequestContext {
  const header = (name: string): string | undefined => {
    const value = request.headers[name];
    return Array.isArray(value) ? value[0] : value;
  };
  const projectId = header('x-project-id') ?? header('x-tenant-id') ?? '';
  const roles = (header('x-roles') ?? '').split(',');
  return makeContext(projectId.slice(0, 255), roles, header('x-user-id') ?? '');
}
