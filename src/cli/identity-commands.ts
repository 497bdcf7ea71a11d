import type { Command } from 'commander';
import { loadConfig } from '../config/load.ts';
import type { Identity } from '../identity/identity.ts';
import { IdentityError } from '../identity/identity-errors.ts';
import { SYSTEM, type Target } from '../identity/role-resolver.ts';
import { migrate, openDatabase } from '../store/db.ts';
import { Store } from '../store/store.ts';
import { bootstrapAndWriteClouds, identityFor } from './identity-setup.ts';

interface DbOption { databaseUrl?: string }

/**
 * `muon identity …`: the admin tasks of the identity service, run directly
 * on the database (MUON_DATABASE_URL or --database-url), no server and no
 * token needed. Each command migrates forward first, like `muon serve`.
 */
export function addIdentityCommands(program: Command): void {
  const identity = program.command('identity').description('manage the built-in identity service directly in the database');
  const withDb = (cmd: Command) => cmd.option('--database-url <url>', 'sqlite:PATH or postgres://… (MUON_DATABASE_URL)');

  withDb(identity.command('bootstrap').description('create the admin user, project, roles and clouds.yaml if missing (as `muon serve` does)'))
    .option('--clouds-yaml <path>', 'where to write clouds.yaml (default: beside the SQLite file, or ./var)')
    .action((o: DbOption & { cloudsYaml?: string }) => run(o, async (id, config) => bootstrapAndWriteClouds(id, config, (line) => console.log(line), o.cloudsYaml)));

  const project = identity.command('project').description('projects');
  withDb(project.command('create <name>').description('create a project'))
    .option('--domain <id>', 'domain id', 'default').option('--description <text>', 'description', '')
    .action((name: string, o: DbOption & { domain: string; description: string }) => run(o, async (id) => {
      const row = await id.projects.create({ name, domain_id: o.domain, description: o.description });
      print([['id', 'name', 'domain_id'], [row.id, row.name, row.domain_id]]);
    }));
  withDb(project.command('list').description('list projects')).option('--domain <id>', 'domain id')
    .action((o: DbOption & { domain?: string }) => run(o, async (id) => {
      const rows = await id.projects.list(o.domain ? { domain_id: o.domain } : {});
      print([['id', 'name', 'domain_id', 'enabled'], ...rows.map((r) => [r.id, r.name, r.domain_id, String(r.enabled === 1)])]);
    }));

  const user = identity.command('user').description('users');
  withDb(user.command('create <name>').description('create a user'))
    .requiredOption('--password <password>', 'the password').option('--domain <id>', 'domain id', 'default')
    .option('--project <name-or-id>', 'default project').option('--email <email>', 'email')
    .action((name: string, o: DbOption & { password: string; domain: string; project?: string; email?: string }) => run(o, async (id) => {
      const project = o.project ? await requireFound(id.projects.find(o.project, o.domain), 'project', o.project) : undefined;
      const row = await id.users.create({ name, domain_id: o.domain, password: o.password, default_project_id: project?.id ?? null, ...(o.email ? { extra: { email: o.email } } : {}) });
      print([['id', 'name', 'domain_id'], [row.id, row.name, row.domain_id]]);
    }));
  withDb(user.command('list').description('list users')).option('--domain <id>', 'domain id')
    .action((o: DbOption & { domain?: string }) => run(o, async (id) => {
      const rows = await id.users.list(o.domain ? { domain_id: o.domain } : {});
      print([['id', 'name', 'domain_id', 'enabled'], ...rows.map((r) => [r.id, r.name, r.domain_id, String(r.enabled === 1)])]);
    }));
  withDb(user.command('set-password <name-or-id>').description("set a user's password (ends the user's tokens)"))
    .requiredOption('--password <password>', 'the new password').option('--domain <id>', 'domain id', 'default')
    .action((nameOrId: string, o: DbOption & { password: string; domain: string }) => run(o, async (id) => {
      const row = await requireFound(id.users.find(nameOrId, o.domain), 'user', nameOrId);
      await id.users.update(row.id, { password: o.password });
      console.log(`password of ${row.name} (${row.id}) changed`);
    }));

  const role = identity.command('role').description('roles and role assignments');
  withDb(role.command('create <name>').description('create a global role'))
    .action((name: string, o: DbOption) => run(o, async (id) => {
      const row = await id.roles.create({ name });
      print([['id', 'name'], [row.id, row.name]]);
    }));
  withDb(role.command('add <role>').description('assign a role to a user on a project (or the system)'))
    .requiredOption('--user <name-or-id>', 'the user').option('--project <name-or-id>', 'the project').option('--system', 'on the system scope')
    .option('--domain <id>', 'domain of the user and project names', 'default')
    .action((roleName: string, o: DbOption & { user: string; project?: string; system?: boolean; domain: string }) => run(o, async (id) => {
      const { userId, target, roleId } = await resolveGrant(id, roleName, o);
      await id.assignments.grant({ type: 'user', id: userId }, target, roleId);
      console.log(`role ${roleName} assigned`);
    }));
  withDb(role.command('list').description('list roles, or the roles of a user on a project'))
    .option('--user <name-or-id>', 'the user').option('--project <name-or-id>', 'the project').option('--domain <id>', 'domain of the names', 'default')
    .action((o: DbOption & { user?: string; project?: string; domain: string }) => run(o, async (id) => {
      if (o.user === undefined) {
        const rows = await id.roles.list();
        print([['id', 'name'], ...rows.map((r) => [r.id, r.name])]);
        return;
      }
      const user = await requireFound(id.users.find(o.user, o.domain), 'user', o.user);
      const { assignments, names } = await id.assignments.list({ userId: user.id, effective: true, includeNames: true,
        ...(o.project ? { projectId: (await requireFound(id.projects.find(o.project, o.domain), 'project', o.project)).id } : {}) });
      print([['role', 'scope', 'via'], ...assignments.map((a) => [
        names!.roles.get(a.role_id)?.name ?? a.role_id,
        a.target_type === 'system' ? 'system' : `${a.target_type} ${a.target_type === 'project' ? names!.projects.get(a.target_id)?.name ?? a.target_id : a.target_id}`,
        a.viaGroup ? `group ${names!.groups.get(a.viaGroup)?.name ?? a.viaGroup}` : a.priorRoleId ? `implied by ${names!.roles.get(a.priorRoleId)?.name ?? a.priorRoleId}` : '',
      ])]);
    }));
}

async function resolveGrant(id: Identity, roleName: string, o: { user: string; project?: string; system?: boolean; domain: string }): Promise<{ userId: string; target: Target; roleId: string }> {
  if ((o.project === undefined) === (o.system !== true)) throw new UsageError('give exactly one of --project or --system');
  const user = await requireFound(id.users.find(o.user, o.domain), 'user', o.user);
  const role = await requireFound(id.roles.find(roleName), 'role', roleName);
  const target: Target = o.project ? { type: 'project', id: (await requireFound(id.projects.find(o.project, o.domain), 'project', o.project)).id } : SYSTEM;
  return { userId: user.id, target, roleId: role.id };
}

class UsageError extends Error {}

async function requireFound<T>(found: Promise<T | undefined>, kind: string, name: string): Promise<T> {
  const row = await found;
  if (row === undefined) throw new UsageError(`no ${kind} named ${name}`);
  return row;
}

/** Opens the database, migrates, runs `work`, closes; identity errors become a message and exit code 1. */
async function run(options: DbOption, work: (identity: Identity, config: ReturnType<typeof loadConfig>) => Promise<void>): Promise<void> {
  const config = loadConfig({ databaseUrl: options.databaseUrl });
  const database = openDatabase(config.databaseUrl);
  try {
    await migrate(database.db, 'expand');
    await work(identityFor(new Store(database), config), config);
  } catch (error) {
    if (error instanceof IdentityError || error instanceof UsageError) {
      console.error(`muon: ${error.message}`);
      process.exitCode = 1;
      return;
    }
    throw error;
  } finally {
    await database.close();
  }
}

/** Aligned columns. */
function print(rows: string[][]): void {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => (r[i] ?? '').length)));
  for (const row of rows) console.log(row.map((cell, i) => cell.padEnd(widths[i]!)).join('  ').trimEnd());
}
