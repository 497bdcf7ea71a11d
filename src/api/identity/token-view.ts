import { buildCatalog } from '../../identity/catalog.ts';
import { keystoneTime } from '../../identity/clock.ts';
import type { Identity } from '../../identity/identity.ts';
import type { ValidToken } from '../../identity/token-service.ts';

/**
 * A token as Keystone's POST/GET /v3/auth/tokens render it: methods, user
 * (with domain), scope (project with domain, domain, or system), roles,
 * times with microseconds, audit ids and, unless asked not to, the catalog.
 */
export function renderToken(identity: Identity, base: string, t: ValidToken, withCatalog: boolean): Record<string, unknown> {
  const body: Record<string, unknown> = {
    methods: t.claims.methods,
    user: {
      id: t.user.id, name: t.user.name, domain: { id: t.userDomain.id, name: t.userDomain.name },
      password_expires_at: t.user.password_expires_at,
    },
    audit_ids: t.claims.auditIds,
    expires_at: keystoneTime(t.claims.expiresAt),
    issued_at: keystoneTime(t.claims.issuedAt),
  };
  const roles = t.roles.map((r) => ({ id: r.id, name: r.name }));
  if (t.project && t.projectDomain) {
    body.project = { id: t.project.id, name: t.project.name, domain: { id: t.projectDomain.id, name: t.projectDomain.name } };
    body.is_domain = false;
    body.roles = roles;
  } else if (t.domain) {
    body.domain = { id: t.domain.id, name: t.domain.name };
    body.roles = roles;
  } else if (t.claims.scope.kind === 'system') {
    body.system = { all: true };
    body.roles = roles;
  }
  if (t.appCredential) {
    body.application_credential = { id: t.appCredential.id, name: t.appCredential.name, restricted: t.appCredential.unrestricted !== 1 };
  }
  if (withCatalog && t.claims.scope.kind !== 'unscoped') body.catalog = buildCatalog(base, identity.options.region);
  return { token: body };
}
