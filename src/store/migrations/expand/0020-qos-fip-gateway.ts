import type { Kysely } from 'kysely';

/**
 * Expand 0020 (issue 4: QoS on floating IPs and router gateways), additive
 * only: `floatingips.qos_policy_id` and `routers.gateway_qos_policy_id`
 * (the policy inside `external_gateway_info`), nullable because servers of
 * the previous release never write them, and indexed for the in-use check
 * of a policy delete. No foreign key: ports' and networks' columns have none
 * either, the in-use check guards the delete.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('floatingips').addColumn('qos_policy_id', 'varchar(36)').execute();
  await db.schema.createIndex('floatingips_qos_policy_id').ifNotExists().on('floatingips').column('qos_policy_id').execute();
  await db.schema.alterTable('routers').addColumn('gateway_qos_policy_id', 'varchar(36)').execute();
  await db.schema.createIndex('routers_gateway_qos_policy_id').ifNotExists().on('routers').column('gateway_qos_policy_id').execute();
}
