import { sql, type Kysely } from 'kysely';

/**
 * Expand 0019 (issue 4, auto-allocated-topology), additive only:
 *
 * - `networks.is_default` (0 for every existing network): the default
 *   external network that auto-allocation uplinks to; at most one, kept so
 *   by a partial unique index (the hook's 409 comes first, the index
 *   settles races between two admins);
 * - `auto_allocated_topologies`: one row per project (the primary key), so
 *   two concurrent first GETs build one topology — the second insert waits
 *   for the first transaction and then loses, and its retry finds the row.
 *   The network goes with its row (cascade); a router deleted by hand leaves
 *   the row without one (set null), as in Neutron's model.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('networks').addColumn('is_default', 'integer', (c) => c.notNull().defaultTo(0)).execute();
  await sql`create unique index if not exists "networks_one_default" on "networks" ("is_default") where "is_default" = 1`.execute(db);
  await db.schema.createTable('auto_allocated_topologies').ifNotExists()
    .addColumn('project_id', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('network_id', 'varchar(36)', (c) => c.references('networks.id').onDelete('cascade'))
    .addColumn('router_id', 'varchar(36)', (c) => c.references('routers.id').onDelete('set null'))
    .execute();
}
