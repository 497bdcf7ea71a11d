/**
 * Who is asking, as established by authentication (noauth headers or a
 * token). Built once per request by the API layer and passed explicitly.
 */
export interface RequestContext {
  readonly projectId: string;
  readonly userId: string;
  readonly roles: readonly string[];
  readonly isAdmin: boolean;
  /** role:service (Nova, Ironic …): port-level powers on any network. */
  readonly isService: boolean;
}

/** Builds a context from a project and roles. `admin` implies every lesser role. */
export function makeContext(projectId: string, roles: readonly string[], userId = ''): RequestContext {
  const lower = roles.map((r) => r.trim().toLowerCase()).filter((r) => r.length > 0);
  return Object.freeze({
    projectId,
    userId,
    roles: lower,
    isAdmin: lower.includes('admin'),
    isService: lower.includes('service'),
  });
}

/** A context with full powers, for internal maintenance tasks. */
export const ADMIN_CONTEXT: RequestContext = makeContext('', ['admin']);
