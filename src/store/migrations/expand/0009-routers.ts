import type { CreateTableBuilder, Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0009 (routers and floating IPs):
 *
 * - `routers`: the router row with its SNAT flag, static routes (JSON, replaced as a whole), availability zone
 *   hints and the admin-only `ha` / `distributed` flags;
 * - `router_ports`: which ports are the router's (interfaces, gateway) —
 *   one router per port, the port's primary key says so;
 * - `floatingips`: the address (held by a `network:floatingip` port on the
 *   external network) and its association with a port's fixed IP; one
 *   floating IP per (external network, port, fixed IP), as Neutron's unique key;
 * - `port_forwardings`: a floating IP's ports forwarded to a port's fixed IP
 *   (ranges as "N:M"; Neutron's two unique keys, outside and inside).
 *
 * Additive only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('routers').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('admin_state_up', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('enable_snat', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('routes', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('availability_zone_hints', 'text', (c) => c.notNull().defaultTo('[]'))
    .addColumn('ha', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('distributed', 'integer', (c) => c.notNull().defaultTo(0))
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('routers_project_id').ifNotExists().on('routers').column('project_id').execute();

  await db.schema.createTable('router_ports').ifNotExists()
    .addColumn('port_id', 'varchar(36)', (c) => c.primaryKey().references('ports.id').onDelete('cascade'))
    .addColumn('router_id', 'varchar(36)', (c) => c.notNull().references('routers.id').onDelete('cascade'))
    .addColumn('port_type', 'varchar(255)', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('router_ports_router_id').ifNotExists().on('router_ports').column('router_id').execute();

  await db.schema.createTable('floatingips').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('floating_network_id', 'varchar(36)', (c) => c.notNull().references('networks.id'))
    .addColumn('floating_ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('floating_port_id', 'varchar(36)', (c) => c.notNull().references('ports.id'))
    .addColumn('port_id', 'varchar(36)', (c) => c.references('ports.id'))
    .addColumn('fixed_ip_address', 'varchar(64)')
    .addColumn('router_id', 'varchar(36)', (c) => c.references('routers.id'))
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('dns_name', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('dns_domain', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .$call(revisionColumns)
    .addUniqueConstraint('floatingips_association', ['floating_network_id', 'port_id', 'fixed_ip_address'])
    .execute();
  for (const column of ['project_id', 'port_id', 'router_id', 'floating_port_id']) {
    await db.schema.createIndex(`floatingips_${column}`).ifNotExists().on('floatingips').column(column).execute();
  }

  await db.schema.createTable('port_forwardings').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('floatingip_id', 'varchar(36)', (c) => c.notNull().references('floatingips.id'))
    .addColumn('internal_port_id', 'varchar(36)', (c) => c.notNull().references('ports.id'))
    .addColumn('protocol', 'varchar(40)', (c) => c.notNull())
    .addColumn('internal_ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('external_port', 'integer')
    .addColumn('internal_port', 'integer')
    .addColumn('external_port_range', 'varchar(16)', (c) => c.notNull())
    .addColumn('internal_port_range', 'varchar(16)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .$call(revisionColumns)
    .addUniqueConstraint('port_forwardings_external', ['floatingip_id', 'protocol', 'external_port_range'])
    .addUniqueConstraint('port_forwardings_internal', ['protocol', 'internal_port_id', 'internal_ip_address', 'internal_port_range'])
    .execute();
  await db.schema.createIndex('port_forwardings_internal_port_id').ifNotExists().on('port_forwardings').column('internal_port_id').execute();

  await logChangesOf(db, 'routers', 'router');
  await logChangesOf(db, 'floatingips', 'floatingip');
  await logChangesOf(db, 'port_forwardings', 'port_forwarding');
}

/** created_at, updated_at, revision_number (as the other resource tables). */
function revisionColumns<T extends CreateTableBuilder<string, never>>(table: T): T {
  return table
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull()) as T;
}
