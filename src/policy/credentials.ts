import type { RequestContext } from '../core/context.ts';
import type { Credentials } from './rule-compiler.ts';

/**
 * Keystone's default implied roles (`keystone-manage bootstrap`): a token
 * with `admin` also carries `manager`, `member` and `reader`, and so on down.
 * Keystone expands these into the token; noauth headers (`X-Roles: member`)
 * are expanded here so both modes see the same roles.
 */
export const KEYSTONE_IMPLIED_ROLES: Readonly<Record<string, readonly string[]>> = {
  admin: ['manager', 'member', 'reader'],
  manager: ['member', 'reader'],
  member: ['reader'],
};

/** The roles of `roles` plus everything they imply (transitively), lower-case. */
export function expandRoles(roles: readonly string[], implied: Readonly<Record<string, readonly string[]>>): string[] {
  const out = new Set<string>();
  const add = (role: string): void => {
    const name = role.trim().toLowerCase();
    if (name === '' || out.has(name)) return;
    out.add(name);
    // Own keys only: a role named like an Object.prototype member ("__proto__") implies nothing.
    if (Object.hasOwn(implied, name)) for (const next of implied[name]!) add(next);
  };
  for (const role of roles) add(role);
  return [...out];
}

/** oslo.policy credentials of a request context. */
export function credentialsOf(ctx: RequestContext, implied: Readonly<Record<string, readonly string[]>>): Credentials {
  return Object.freeze({
    project_id: ctx.projectId,
    tenant_id: ctx.projectId,
    user_id: ctx.userId,
    roles: Object.freeze(expandRoles(ctx.roles, implied)),
    is_admin: ctx.isAdmin,
  });
}
