import { randomBytes } from 'node:crypto';
import type { Tx } from '../store/store.ts';
import type { Identity } from './identity.ts';
import { newId } from './new-id.ts';
import { hashPassword } from './password-hash.ts';

/** The well-known names of the bootstrap (DESIGN.md §1). */
export const BOOTSTRAP = {
  domainId: 'default',
  domainName: 'Default',
  project: 'admin',
  user: 'admin',
  roles: ['admin', 'member', 'reader', 'service', 'manager'],
  /** prior ⇒ implied, as `keystone-manage bootstrap` since the "manager" persona: admin ⇒ manager ⇒ member ⇒ reader. */
  implied: [['admin', 'manager'], ['manager', 'member'], ['member', 'reader']] as ReadonlyArray<readonly [string, string]>,
} as const;

export interface BootstrapResult {
  /** True when this call created the admin user. */
  readonly createdAdmin: boolean;
  /** The admin's password when this call set it (generated or given); undefined when the admin already existed. */
  readonly password?: string;
  /** True when the password was generated (print it once). */
  readonly generated: boolean;
}

/**
 * Makes sure the bootstrap entities exist: domain Default (id `default`),
 * project admin, the roles admin, member, reader, service and manager with
 * admin ⇒ manager ⇒ member ⇒ reader (Keystone's bootstrap), user admin with the admin
 * role on project admin and on the system. Idempotent and safe when several
 * servers start at once (one transaction; a lost race is retried and then
 * finds everything in place). An existing admin keeps its password.
 */
export async function bootstrapIdentity(identity: Identity, adminPassword?: string): Promise<BootstrapResult> {
  const generated = adminPassword === undefined || adminPassword === '';
  const password = generated ? randomBytes(18).toString('base64url') : adminPassword;
  const hash = await hashPassword(password);
  return identity.store.transaction(async (tx) => {
    const { repos } = identity;
    if (!await repos.domains.get(tx, BOOTSTRAP.domainId)) {
      await repos.domains.insert(tx, { id: BOOTSTRAP.domainId, name: BOOTSTRAP.domainName, description: 'The default domain', enabled: 1, created_at: tx.now });
    }
    const project = await repos.projects.getByName(tx, BOOTSTRAP.domainId, BOOTSTRAP.project) ?? await insertProject(identity, tx);
    const roleIds = new Map<string, string>();
    for (const name of BOOTSTRAP.roles) {
      const role = await repos.roles.getByName(tx, name) ?? await identity.roles.createIn(tx, { name });
      roleIds.set(name, role.id);
    }
    for (const [prior, implied] of BOOTSTRAP.implied) await repos.roles.addImplied(tx, roleIds.get(prior)!, roleIds.get(implied)!);
    let user = await repos.users.getByName(tx, BOOTSTRAP.domainId, BOOTSTRAP.user);
    const createdAdmin = user === undefined;
    if (user === undefined) {
      user = {
        id: newId(), domain_id: BOOTSTRAP.domainId, name: BOOTSTRAP.user, password_hash: hash, enabled: 1,
        default_project_id: project.id, options: '{}', extra: '{}', password_expires_at: null, created_at: tx.now,
      };
      await repos.users.insert(tx, user);
    }
    const admin = roleIds.get('admin')!;
    await repos.assignments.grant(tx, { actor_type: 'user', actor_id: user.id, target_type: 'project', target_id: project.id, role_id: admin });
    await repos.assignments.grant(tx, { actor_type: 'user', actor_id: user.id, target_type: 'system', target_id: 'all', role_id: admin });
    return createdAdmin ? { createdAdmin, password, generated } : { createdAdmin, generated: false };
  });
}

async function insertProject(identity: Identity, tx: Tx) {
  const row = {
    id: newId(), domain_id: BOOTSTRAP.domainId, parent_id: null, name: BOOTSTRAP.project,
    description: 'Bootstrap project for initializing the cloud.', enabled: 1, tags: '[]', created_at: tx.now,
  };
  await identity.repos.projects.insert(tx, row);
  return row;
}
