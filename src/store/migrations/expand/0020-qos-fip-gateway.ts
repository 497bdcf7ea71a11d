import type { Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0020 (issue 4: QoS on floating IPs and router gateways), additive
 * only: `floatingips.qos_policy_id` and `routers.gateway_qos_policy_id`
 * (the policy inside `external_gateway_info`), nullable because servers of
 * the previous release never write them, and indexed for the in-use check
 * of a policy delete. No foreign key: ports' and networks' columns have none
 * either, the in-use check guards the delete. And (qos-pps) the packet rate
 * limit rules' table, shaped as the other rule tables of expand 0012.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('floatingips').addColumn('qos_policy_id', 'varchar(36)').execute();
  await db.schema.createIndex('floatingips_qos_policy_id').ifNotExists().on('floatingips').column('qos_policy_id').execute();
  await db.schema.alterTable('routers').addColumn('gateway_qos_policy_id', 'varchar(36)').execute();
  await db.schema.createIndex('routers_gateway_qos_policy_id').ifNotExists().on('routers').column('gateway_qos_policy_id').execute();
  await db.schema.createTable('qos_packet_rate_limit_rules').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('qos_policy_id', 'varchar(36)', (c) => c.notNull().references('qos_policies.id').onDelete('cascade'))
    .addColumn('max_kpps', 'integer', (c) => c.notNull())
    .addColumn('max_burst_kpps', 'integer', (c) => c.notNull())
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('qos_packet_rate_limit_rules_policy').ifNotExists().on('qos_packet_rate_limit_rules').column('qos_policy_id').execute();
  await logChangesOf(db, 'qos_packet_rate_limit_rules', 'packet_rate_limit_rule');
}
