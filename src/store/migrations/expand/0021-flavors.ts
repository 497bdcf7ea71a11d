import type { CreateTableBuilder, Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0021 (issue 4: the flavors extension), additive only:
 *
 * - `flavors` and `service_profiles`, shaped as Neutron's (names and
 *   lengths), plus the columns every resource row of muon has (the project
 *   that made it, revision and timestamps), which the API never shows;
 * - `flavor_service_profile_bindings`: one row per flavor ↔ profile
 *   association, the pair its primary key, so a second association of the
 *   same pair loses on the key even in a race. A flavor's bindings go with
 *   it (cascade, as in Neutron); a profile with bindings is refused deletion
 *   by core (409 ServiceProfileInUse), the cascade only backs that up. The
 *   index on service_profile_id serves that in-use check.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('flavors').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)')
    .addColumn('service_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await logChangesOf(db, 'flavors', 'flavor');
  await db.schema.createTable('service_profiles').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('description', 'varchar(1024)')
    .addColumn('driver', 'varchar(1024)', (c) => c.notNull())
    .addColumn('metainfo', 'varchar(4096)')
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await logChangesOf(db, 'service_profiles', 'service_profile');
  await db.schema.createTable('flavor_service_profile_bindings').ifNotExists()
    .addColumn('flavor_id', 'varchar(36)', (c) => c.notNull().references('flavors.id').onDelete('cascade'))
    .addColumn('service_profile_id', 'varchar(36)', (c) => c.notNull().references('service_profiles.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('flavor_service_profile_bindings_pkey', ['flavor_id', 'service_profile_id'])
    .execute();
  await db.schema.createIndex('flavor_service_profile_bindings_profile').ifNotExists()
    .on('flavor_service_profile_bindings').column('service_profile_id').execute();
}

function revisionColumns<T extends CreateTableBuilder<string, never>>(table: T): T {
  return table
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull()) as T;
}
