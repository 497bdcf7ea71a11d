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
  for (const role of roles) addRole(role, implied, out);
  return [...out];
}

/** Adds `role` and, depth first, what it implies (a module-level function: a closure per call costs more under tsx's keepNames). */
function addRole(role: string, implied: Readonly<Record<string, readonly string[]>>, out: Set<string>): void {
  const name = role.trim().toLowerCase();
  if (name === '' || out.has(name)) return;
  out.add(name);
  // Own keys only: a role named like an Object.prototype member ("__proto__") implies nothing.
  if (Object.hasOwn(implied, name)) for (const next of implied[name]!) addRole(next, implied, out);
}

/**
 * Expanded role lists by the role list a context carries, per implication
 * table: a handful of distinct lists serve every request, so each is
 * expanded (and frozen) once. Bounded: roles come from tokens.
 */
const expandedRoles = new WeakMap<object, Map<string, readonly string[]>>();
const MAX_ROLE_LISTS = 1024;

function expandedRolesOf(roles: readonly string[], implied: Readonly<Record<string, readonly string[]>>): readonly string[] {
  let byList = expandedRoles.get(implied);
  if (byList === undefined) expandedRoles.set(implied, byList = new Map());
  // JSON, not a join: no separator can be mistaken for part of a role name.
  const key = JSON.stringify(roles);
  let expanded = byList.get(key);
  if (expanded === undefined) {
    expanded = Object.freeze(expandRoles(roles, implied));
    if (byList.size >= MAX_ROLE_LISTS) byList.clear();
    byList.set(key, expanded);
  }
  return expanded;
}

/** oslo.policy credentials of a request context. */
export function credentialsOf(ctx: RequestContext, implied: Readonly<Record<string, readonly string[]>>): Credentials {
  return Object.freeze({
    project_id: ctx.projectId,
    tenant_id: ctx.projectId,
    user_id: ctx.userId,
    roles: expandedRolesOf(ctx.roles, implied),
    is_admin: ctx.isAdmin,
  });
}
