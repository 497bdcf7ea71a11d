import { sql, type Kysely } from 'kysely';
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
}
