import type { Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0022 (issue 4: the logging extension), additive only: `logs`, one
 * row per network log. Its security group and its target port are foreign
 * keys that cascade: a log goes with what it logs, however that goes (a
 * group's delete, a port's, a network's ports going with the network), as
 * Neutron's logging plugin deletes them on those events; the change-log
 * trigger sees the cascaded delete too, so drivers hear of it.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('logs').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('resource_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('resource_id', 'varchar(36)', (c) => c.references('security_groups.id').onDelete('cascade'))
    .addColumn('target_id', 'varchar(36)', (c) => c.references('ports.id').onDelete('cascade'))
    .addColumn('event', 'varchar(16)', (c) => c.notNull())
    .addColumn('enabled', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('logs_project_id').ifNotExists().on('logs').column('project_id').execute();
  await db.schema.createIndex('logs_resource_id').ifNotExists().on('logs').column('resource_id').execute();
  await db.schema.createIndex('logs_target_id').ifNotExists().on('logs').column('target_id').execute();
  await logChangesOf(db, 'logs', 'log');
}
