import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { dialectOf, logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0011 (issue 4: segments, network segment ranges, trunks), additive only:
 *
 * - `network_segments` become a resource of their own (`/v2.0/segments`):
 *   name, description, timestamps, revision, and the network's project (for
 *   the change log). Every new column has a default, so servers of the
 *   previous release keep inserting segments with networks; existing rows
 *   take their network's project and creation time.
 * - `network_segment_ranges`: the ranges tenant segmentation ids come from
 *   (the configured defaults, read-only, plus shared and per-project ones).
 * - `trunks` and `trunk_subports`: a parent port and its VLAN subports; the
 *   primary key on the subport's port is what keeps a port in one trunk, the
 *   unique key what keeps a segmentation id once per trunk.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const now = dialectOf(db) === 'postgres'
    ? sql`to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"')`
    : sql`(strftime('%Y-%m-%dT%H:%M:%SZ', 'now'))`;
  await db.schema.alterTable('network_segments').addColumn('project_id', 'varchar(255)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('network_segments').addColumn('name', 'varchar(255)').execute();
  await db.schema.alterTable('network_segments').addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo('')).execute();
  await db.schema.alterTable('network_segments').addColumn('created_at', 'varchar(20)', (c) => c.notNull().defaultTo(now)).execute();
  await db.schema.alterTable('network_segments').addColumn('updated_at', 'varchar(20)', (c) => c.notNull().defaultTo(now)).execute();
  await db.schema.alterTable('network_segments').addColumn('revision_number', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`update "network_segments" set
    "project_id" = (select "project_id" from "networks" where "networks"."id" = "network_segments"."network_id"),
    "created_at" = (select "created_at" from "networks" where "networks"."id" = "network_segments"."network_id"),
    "updated_at" = (select "created_at" from "networks" where "networks"."id" = "network_segments"."network_id")`.execute(db);
  await logChangesOf(db, 'network_segments', 'segment');

  await db.schema.createTable('network_segment_ranges').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('network_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('physical_network', 'varchar(64)', (c) => c.notNull())
    .addColumn('minimum', 'bigint', (c) => c.notNull())
    .addColumn('maximum', 'bigint', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('network_segment_ranges_kind').ifNotExists().on('network_segment_ranges')
    .columns(['network_type', 'physical_network', 'minimum']).execute();
  await logChangesOf(db, 'network_segment_ranges', 'network_segment_range');

  await db.schema.createTable('trunks').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('admin_state_up', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('port_id', 'varchar(36)', (c) => c.notNull().unique().references('ports.id'))
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('trunks_project_id').ifNotExists().on('trunks').column('project_id').execute();
  await logChangesOf(db, 'trunks', 'trunk');

  await db.schema.createTable('trunk_subports').ifNotExists()
    .addColumn('port_id', 'varchar(36)', (c) => c.primaryKey().references('ports.id'))
    .addColumn('trunk_id', 'varchar(36)', (c) => c.notNull().references('trunks.id').onDelete('cascade'))
    .addColumn('segmentation_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('segmentation_id', 'integer', (c) => c.notNull())
    .addUniqueConstraint('trunk_subports_segmentation', ['trunk_id', 'segmentation_type', 'segmentation_id'])
    .execute();
}

function revisionColumns<T extends CreateTableBuilder<string, never>>(table: T): T {
  return table
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull()) as T;
}
