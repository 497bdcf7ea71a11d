import type { AppCredentialRow } from '../../store/repos/identity/app-credential-repo.ts';
import type { DomainRow } from '../../store/repos/identity/domain-repo.ts';
import type { GroupRow } from '../../store/repos/identity/group-repo.ts';
import type { ProjectRow } from '../../store/repos/identity/project-repo.ts';
import type { RoleRow } from '../../store/repos/identity/role-repo.ts';
import type { UserRow } from '../../store/repos/identity/user-repo.ts';

/**
 * Rows → Keystone's JSON. `v3` is the versioned base URL
 * (`http://host/identity/v3`) that every `links.self` starts with.
 */
export function renderDomain(v3: string, d: DomainRow): Record<string, unknown> {
  return { id: d.id, name: d.name, description: d.description, enabled: d.enabled === 1, tags: [], options: {}, links: { self: `${v3}/domains/${d.id}` } };
}

export function renderProject(v3: string, p: ProjectRow): Record<string, unknown> {
  return {
    id: p.id, name: p.name, domain_id: p.domain_id, description: p.description, enabled: p.enabled === 1,
    // Keystone names the domain as the parent of a top-level project.
    parent_id: p.parent_id ?? p.domain_id, is_domain: false, tags: JSON.parse(p.tags) as string[], options: {},
    links: { self: `${v3}/projects/${p.id}` },
  };
}

export function renderUser(v3: string, u: UserRow): Record<string, unknown> {
  const extra = JSON.parse(u.extra) as Record<string, unknown>;
  return {
    ...extra,
    id: u.id, name: u.name, domain_id: u.domain_id, enabled: u.enabled === 1,
    password_expires_at: u.password_expires_at, options: JSON.parse(u.options) as Record<string, unknown>,
    ...(u.default_project_id !== null ? { default_project_id: u.default_project_id } : {}),
    links: { self: `${v3}/users/${u.id}` },
  };
}

export function renderGroup(v3: string, g: GroupRow): Record<string, unknown> {
  return { id: g.id, name: g.name, domain_id: g.domain_id, description: g.description, links: { self: `${v3}/groups/${g.id}` } };
}

export function renderRole(v3: string, r: RoleRow): Record<string, unknown> {
  return {
    id: r.id, name: r.name, domain_id: r.domain_id === '' ? null : r.domain_id, description: r.description,
    options: JSON.parse(r.options) as Record<string, unknown>, links: { self: `${v3}/roles/${r.id}` },
  };
}

/** The short role reference used inside inferences. */
export function roleRef(v3: string, r: RoleRow): Record<string, unknown> {
  return { id: r.id, name: r.name, links: { self: `${v3}/roles/${r.id}` } };
}

export function renderAppCredential(v3: string, a: AppCredentialRow, roles: readonly RoleRow[], secret?: string): Record<string, unknown> {
  return {
    id: a.id, name: a.name, description: a.description, user_id: a.user_id, project_id: a.project_id,
    expires_at: a.expires_at, unrestricted: a.unrestricted === 1, access_rules: [],
    roles: roles.map((r) => ({ id: r.id, name: r.name, domain_id: r.domain_id === '' ? null : r.domain_id })),
    ...(secret !== undefined ? { secret } : {}),
    links: { self: `${v3}/users/${a.user_id}/application_credentials/${a.id}` },
  };
}

/** A collection envelope with Keystone's collection links. */
export function collection(key: string, items: unknown[], selfUrl: string): Record<string, unknown> {
  return { [key]: items, links: { self: selfUrl, previous: null, next: null } };
}
