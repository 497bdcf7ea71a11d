import type { Kysely } from 'kysely';

/**
 * Expand 0018 (issue "Service-provider-grade IPAM", delegation of a part of
 * a pool): a subnet pool may be made from an IP block of another pool
 * (`subnetpools.ip_block_id`), so a provider can delegate that part — and
 * only that part — to a customer through an RBAC policy on the new pool.
 * A block that a pool is made from cannot be deleted (the foreign key, and
 * a 409 before it). Additive: old servers never read the column.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('subnetpools').addColumn('ip_block_id', 'varchar(36)', (c) => c.references('ip_blocks.id')).execute();
  await db.schema.createIndex('subnetpools_ip_block').ifNotExists().on('subnetpools').column('ip_block_id').execute();
}
