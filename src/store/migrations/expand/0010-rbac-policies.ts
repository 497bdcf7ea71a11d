import { sql, type Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0010 (issues "The rest of the Networking API", RBAC, and
 * "Service-provider-grade IPAM", delegation):
 *
 * - `rbac_policies`: who shares which object with which project (Neutron's
 *   network/security-group/address-scope/subnetpool/address-group RBAC
 *   tables in one), one row per (object_type, object_id, action,
 *   target_tenant). `target_tenant` '*' shares with every project. The
 *   `shared` columns of networks, subnet pools and address scopes stay, as
 *   the mirror of "an access_as_shared policy to '*' exists".
 * - every object shared or external before this migration gets the wildcard
 *   policy Neutron would have made for it, owned by the object's project.
 *
 * Additive only: servers of the previous release ignore the new table.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('rbac_policies').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('object_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('object_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('action', 'varchar(255)', (c) => c.notNull())
    .addColumn('target_tenant', 'varchar(255)', (c) => c.notNull())
    // Not part of Neutron's RBAC API: kept for the change log and the generic engine.
    .addColumn('description', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull().defaultTo(0))
    .addUniqueConstraint('rbac_policies_unique', ['object_type', 'object_id', 'action', 'target_tenant'])
    .execute();
  // Reads ask "what is shared with project P" (visibility, the shared attribute) and "who may use object O" (in-use checks).
  await db.schema.createIndex('rbac_policies_target').ifNotExists().on('rbac_policies').columns(['target_tenant', 'object_type', 'action']).execute();
  await db.schema.createIndex('rbac_policies_project').ifNotExists().on('rbac_policies').column('project_id').execute();
  await logChangesOf(db, 'rbac_policies', 'rbac_policy');

  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const backfill = async (table: string, type: string, column: string, action: string) => {
    const rows = await sql<{ id: string; project_id: string }>`select "id", "project_id" from ${sql.table(table)} where ${sql.ref(column)} = 1`.execute(db);
    for (const row of rows.rows) {
      await sql`insert into "rbac_policies" ("id", "project_id", "object_type", "object_id", "action", "target_tenant", "description", "created_at", "updated_at", "revision_number")
        select ${crypto.randomUUID()}, ${row.project_id}, ${type}, ${row.id}, ${action}, '*', '', ${now}, ${now}, 0
        where not exists (select 1 from "rbac_policies" where "object_type" = ${type} and "object_id" = ${row.id} and "action" = ${action} and "target_tenant" = '*')`.execute(db);
    }
  };
  await backfill('networks', 'network', 'shared', 'access_as_shared');
  await backfill('networks', 'network', 'router_external', 'access_as_external');
  await backfill('subnetpools', 'subnetpool', 'shared', 'access_as_shared');
  await backfill('address_scopes', 'address_scope', 'shared', 'access_as_shared');
}
