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
  /** A system-scoped token (`{"system": {"all": true}}`); projectId is '' then. */
  readonly systemScope?: boolean;
  /** The domain of a domain-scoped token; projectId is '' then. */
  readonly domainId?: string;
}

/** What a token adds to a context beyond project, roles and user. */
export interface ContextScope {
  readonly systemScope?: boolean;
  readonly domainId?: string;
}

/** Builds a context from a project and roles. `admin` implies every lesser role. */
export function makeContext(projectId: string, roles: readonly string[], userId = '', scope: ContextScope = {}): RequestContext {
  const lower = roles.map((r) => r.trim().toLowerCase()).filter((r) => r.length > 0);
  return Object.freeze({
    projectId,
    userId,
    roles: lower,
    isAdmin: lower.includes('admin'),
    isService: lower.includes('service'),
    ...(scope.systemScope ? { systemScope: true } : {}),
    ...(scope.domainId !== undefined ? { domainId: scope.domainId } : {}),
  });
}

/** A context with full powers, for internal maintenance tasks. */
export const ADMIN_CONTEXT: RequestContext = makeContext('', ['admin']);

/**
 * The caller's context with admin powers added (Neutron's context.elevated()):
 * for work the system does on a caller's behalf, such as a floating IP's
 * port on a subnet of an external network the caller may not read.
 */
export function elevated(ctx: RequestContext): RequestContext {
  if (ctx.isAdmin) return ctx;
  return makeContext(ctx.projectId, [...ctx.roles, 'admin'], ctx.userId, { ...(ctx.systemScope ? { systemScope: true } : {}), ...(ctx.domainId !== undefined ? { domainId: ctx.domainId } : {}) });
}
