import { sql, type CreateTableBuilder, type Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0012 (issue 4: QoS, agents), additive only:
 *
 * - `qos_policies`, with `is_default` kept to one per project by a partial
 *   unique index, and one table per rule type (their policy's project on
 *   each rule, so reads need no join); rules go with their policy;
 * - `qos_policy_id` on ports and networks (nullable: the previous release
 *   never writes it), indexed for the in-use check of a policy delete;
 * - `agents`: what agents report about themselves (the data-plane issue
 *   fills it), unique per (agent_type, host).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('qos_policies').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('qos_policies_project_id').ifNotExists().on('qos_policies').column('project_id').execute();
  await sql`create unique index if not exists "qos_policies_one_default" on "qos_policies" ("project_id") where "is_default" = 1`.execute(db);
  await logChangesOf(db, 'qos_policies', 'policy');

  const rule = (type: string, columns: (t: CreateTableBuilder<string, never>) => CreateTableBuilder<string, never>) => db.schema.createTable(`qos_${type}_rules`).ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('qos_policy_id', 'varchar(36)', (c) => c.notNull().references('qos_policies.id').onDelete('cascade'))
    .$call(columns)
    .addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .$call(revisionColumns);
  await rule('bandwidth_limit', (t) => t.addColumn('max_kbps', 'integer', (c) => c.notNull()).addColumn('max_burst_kbps', 'integer', (c) => c.notNull())
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())).execute();
  await rule('dscp_marking', (t) => t.addColumn('dscp_mark', 'integer', (c) => c.notNull())).execute();
  await rule('minimum_bandwidth', (t) => t.addColumn('min_kbps', 'integer', (c) => c.notNull()).addColumn('direction', 'varchar(16)', (c) => c.notNull())).execute();
  await rule('minimum_packet_rate', (t) => t.addColumn('min_kpps', 'integer', (c) => c.notNull()).addColumn('direction', 'varchar(16)', (c) => c.notNull())).execute();
  for (const type of ['bandwidth_limit', 'dscp_marking', 'minimum_bandwidth', 'minimum_packet_rate']) {
    await db.schema.createIndex(`qos_${type}_rules_policy`).ifNotExists().on(`qos_${type}_rules`).column('qos_policy_id').execute();
    await logChangesOf(db, `qos_${type}_rules`, `${type}_rule`);
  }

  for (const table of ['ports', 'networks']) {
    await db.schema.alterTable(table).addColumn('qos_policy_id', 'varchar(36)').execute();
    await db.schema.createIndex(`${table}_qos_policy_id`).ifNotExists().on(table).column('qos_policy_id').execute();
  }

  await db.schema.createTable('agents').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('agent_type', 'varchar(255)', (c) => c.notNull())
    .addColumn('binary', 'varchar(255)', (c) => c.notNull())
    .addColumn('topic', 'varchar(255)', (c) => c.notNull())
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('availability_zone', 'varchar(255)')
    .addColumn('admin_state_up', 'integer', (c) => c.notNull())
    .addColumn('started_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('heartbeat_timestamp', 'varchar(20)', (c) => c.notNull())
    .addColumn('configurations', 'text', (c) => c.notNull().defaultTo('{}'))
    .addColumn('resources_synced', 'integer')
    .addColumn('description', 'varchar(255)')
    .$call(revisionColumns)
    .addUniqueConstraint('agents_type_host', ['agent_type', 'host'])
    .execute();
  await logChangesOf(db, 'agents', 'agent');
}

function revisionColumns<T extends CreateTableBuilder<string, never>>(table: T): T {
  return table
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull()) as T;
}
