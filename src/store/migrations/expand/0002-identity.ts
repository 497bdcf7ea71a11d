import type { Kysely } from 'kysely';

/**
 * Expand 0002: the built-in identity service (a Keystone v3 subset).
 * Additive only: new tables, nothing existing changes.
 *
 * Conventions as in 0001: booleans are 0/1 integers, JSON is text, and
 * "no value" inside a unique key is '' rather than NULL (NULLs are distinct
 * in SQL, so a NULL domain would let two global roles share a name).
 * Instants used for comparisons (revocations, expiry) are milliseconds since
 * the epoch in bigint columns; instants only shown to clients are ISO text.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('identity_domains').ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(255)', (c) => c.notNull().unique())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();

  await db.schema.createTable('identity_projects').ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('domain_id', 'varchar(64)', (c) => c.notNull().references('identity_domains.id'))
    .addColumn('parent_id', 'varchar(64)')
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('tags', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('identity_projects_domain_name', ['domain_id', 'name'])
    .execute();

  await db.schema.createTable('identity_users').ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('domain_id', 'varchar(64)', (c) => c.notNull().references('identity_domains.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('password_hash', 'text')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('default_project_id', 'varchar(64)')
    .addColumn('options', 'text', (c) => c.notNull())
    .addColumn('extra', 'text', (c) => c.notNull())
    .addColumn('password_expires_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('identity_users_domain_name', ['domain_id', 'name'])
    .execute();

  await db.schema.createTable('identity_groups').ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('domain_id', 'varchar(64)', (c) => c.notNull().references('identity_domains.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addUniqueConstraint('identity_groups_domain_name', ['domain_id', 'name'])
    .execute();

  await db.schema.createTable('identity_group_members').ifNotExists()
    .addColumn('group_id', 'varchar(64)', (c) => c.notNull().references('identity_groups.id').onDelete('cascade'))
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('identity_users.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('identity_group_members_pk', ['group_id', 'user_id'])
    .execute();
  await db.schema.createIndex('identity_group_members_user').ifNotExists().on('identity_group_members').column('user_id').execute();

  await db.schema.createTable('identity_roles').ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    /** '' for a global role. */
    .addColumn('domain_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('options', 'text', (c) => c.notNull())
    .addUniqueConstraint('identity_roles_domain_name', ['domain_id', 'name'])
    .execute();

  await db.schema.createTable('identity_implied_roles').ifNotExists()
    .addColumn('prior_role_id', 'varchar(64)', (c) => c.notNull().references('identity_roles.id').onDelete('cascade'))
    .addColumn('implied_role_id', 'varchar(64)', (c) => c.notNull().references('identity_roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('identity_implied_roles_pk', ['prior_role_id', 'implied_role_id'])
    .execute();

  // actor: user or group; target: project, domain or system ('all').
  await db.schema.createTable('identity_assignments').ifNotExists()
    .addColumn('actor_type', 'varchar(8)', (c) => c.notNull())
    .addColumn('actor_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('target_type', 'varchar(8)', (c) => c.notNull())
    .addColumn('target_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('role_id', 'varchar(64)', (c) => c.notNull().references('identity_roles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('identity_assignments_pk', ['actor_type', 'actor_id', 'target_type', 'target_id', 'role_id'])
    .execute();
  await db.schema.createIndex('identity_assignments_target').ifNotExists().on('identity_assignments').columns(['target_type', 'target_id']).execute();

  await db.schema.createTable('identity_app_credentials').ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('user_id', 'varchar(64)', (c) => c.notNull().references('identity_users.id').onDelete('cascade'))
    .addColumn('project_id', 'varchar(64)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'text', (c) => c.notNull())
    .addColumn('secret_hash', 'text', (c) => c.notNull())
    .addColumn('roles', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)')
    .addColumn('unrestricted', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .addUniqueConstraint('identity_app_credentials_user_name', ['user_id', 'name'])
    .execute();

  // Revocation events: tokens whose audit id, user, project or application
  // credential matches and that were issued at or before revoked_at are
  // invalid. A row is useless once expires_at (the latest expiry of any token
  // it could match) has passed, so the table can be pruned.
  await db.schema.createTable('identity_revocations').ifNotExists()
    .addColumn('kind', 'varchar(16)', (c) => c.notNull())
    .addColumn('value', 'varchar(64)', (c) => c.notNull())
    .addColumn('revoked_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('identity_revocations_pk', ['kind', 'value'])
    .execute();

  // Secrets shared by every API server (the token signing key).
  await db.schema.createTable('identity_keys').ifNotExists()
    .addColumn('id', 'varchar(64)', (c) => c.primaryKey())
    .addColumn('secret', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

export async function down(): Promise<void> {
  throw new Error('expand migrations are not reverted; a contract migration removes what is no longer used');
}
