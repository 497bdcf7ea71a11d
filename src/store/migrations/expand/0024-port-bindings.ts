import type { Kysely } from 'kysely';

/**
 * Expand 0024 (issue 4: binding-extended, live migration), additive only:
 * `port_bindings`, a port's INACTIVE bindings (Nova's binding on the
 * destination host of a live migration). The ACTIVE binding is not here: it
 * stays the port's own `binding_*` columns, the one truth the drivers and
 * agents already read, so servers of the previous release keep working on
 * the same ports. At most one binding per (port, host); a port's delete
 * takes its bindings along. No change-log triggers: the rows have no id of
 * their own; every change bumps the port's revision instead.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('port_bindings').ifNotExists()
    .addColumn('port_id', 'varchar(36)', (c) => c.notNull().references('ports.id').onDelete('cascade'))
    .addColumn('host', 'varchar(255)', (c) => c.notNull())
    .addColumn('vnic_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('profile', 'text', (c) => c.notNull())
    .addColumn('vif_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('vif_details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addPrimaryKeyConstraint('port_bindings_pkey', ['port_id', 'host'])
    .execute();
}
