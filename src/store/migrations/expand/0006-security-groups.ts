import { randomUUID } from 'node:crypto';
import type { CreateTableBuilder, Kysely } from 'kysely';
import { logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0006 (security groups): security groups and their rules, which
 * group is each project's default, the groups of each port, address groups
 * with their addresses, and the rule templates every new group starts from
 * (seeded with Neutron's four: egress IPv4 and IPv6 to anywhere in every
 * group; ingress IPv4 and IPv6 from the group itself in default groups).
 * Additive only.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema.createTable('security_groups').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('stateful', 'integer', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('security_groups_project_id').ifNotExists().on('security_groups').column('project_id').execute();

  // One row per project that has its default group: the primary key is what keeps it to one.
  await db.schema.createTable('default_security_groups').ifNotExists()
    .addColumn('project_id', 'varchar(255)', (c) => c.primaryKey())
    .addColumn('security_group_id', 'varchar(36)', (c) => c.notNull().references('security_groups.id').onDelete('cascade'))
    .execute();

  await db.schema.createTable('address_groups').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(1024)', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('address_groups_project_id').ifNotExists().on('address_groups').column('project_id').execute();

  await db.schema.createTable('address_group_addresses').ifNotExists()
    .addColumn('address_group_id', 'varchar(36)', (c) => c.notNull().references('address_groups.id').onDelete('cascade'))
    .addColumn('address', 'varchar(64)', (c) => c.notNull())
    .addPrimaryKeyConstraint('address_group_addresses_pk', ['address_group_id', 'address'])
    .execute();

  await db.schema.createTable('security_group_rules').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('security_group_id', 'varchar(36)', (c) => c.notNull().references('security_groups.id').onDelete('cascade'))
    // The group's project (immutable), so that rule reads need no join to decide who may see them.
    .addColumn('security_group_project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('remote_group_id', 'varchar(36)', (c) => c.references('security_groups.id').onDelete('cascade'))
    .addColumn('remote_address_group_id', 'varchar(36)', (c) => c.references('address_groups.id').onDelete('cascade'))
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('ethertype', 'varchar(40)', (c) => c.notNull())
    .addColumn('protocol', 'varchar(40)')
    .addColumn('port_range_min', 'integer')
    .addColumn('port_range_max', 'integer')
    .addColumn('remote_ip_prefix', 'varchar(255)')
    .addColumn('normalized_cidr', 'varchar(64)')
    // Null for the rules a group gets from the templates, as in Neutron.
    .addColumn('description', 'varchar(255)')
    .$call(revisionColumns)
    .execute();
  for (const column of ['security_group_id', 'project_id', 'security_group_project_id', 'remote_group_id', 'remote_address_group_id']) {
    await db.schema.createIndex(`security_group_rules_${column}`).ifNotExists().on('security_group_rules').column(column).execute();
  }

  await db.schema.createTable('security_group_port_bindings').ifNotExists()
    .addColumn('port_id', 'varchar(36)', (c) => c.notNull().references('ports.id').onDelete('cascade'))
    .addColumn('security_group_id', 'varchar(36)', (c) => c.notNull().references('security_groups.id').onDelete('cascade'))
    .addPrimaryKeyConstraint('security_group_port_bindings_pk', ['port_id', 'security_group_id'])
    .execute();
  await db.schema.createIndex('security_group_port_bindings_group').ifNotExists().on('security_group_port_bindings').column('security_group_id').execute();

  await db.schema.createTable('default_security_group_rules').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull().defaultTo(''))
    .addColumn('direction', 'varchar(16)', (c) => c.notNull())
    .addColumn('ethertype', 'varchar(40)', (c) => c.notNull())
    .addColumn('protocol', 'varchar(40)')
    .addColumn('port_range_min', 'integer')
    .addColumn('port_range_max', 'integer')
    .addColumn('remote_ip_prefix', 'varchar(255)')
    // A group id, or PARENT: the group the rule is copied into.
    .addColumn('remote_group_id', 'varchar(36)')
    .addColumn('remote_address_group_id', 'varchar(36)')
    .addColumn('description', 'varchar(1024)')
    .addColumn('used_in_default_sg', 'integer', (c) => c.notNull())
    .addColumn('used_in_non_default_sg', 'integer', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await seedTemplates(db);

  for (const [table, resourceType] of [
    ['security_groups', 'security_group'], ['security_group_rules', 'security_group_rule'],
    ['address_groups', 'address_group'], ['default_security_group_rules', 'default_security_group_rule'],
  ] as const) {
    await logChangesOf(db, table, resourceType);
  }
}

/** Neutron's shipped templates, once (a database that has any template keeps its own). */
async function seedTemplates(db: Kysely<unknown>): Promise<void> {
  const anyDb = db as Kysely<any>;
  const existing = await anyDb.selectFrom('default_security_group_rules').select('id').limit(1).execute();
  if (existing.length > 0) return;
  const now = new Date().toISOString().replace(/\.\d{3}Z$/, 'Z');
  const rule = (direction: string, ethertype: string, remoteGroup: string | null, inNonDefault: boolean) => ({
    id: randomUUID(), project_id: '', direction, ethertype, protocol: null, port_range_min: null, port_range_max: null,
    remote_ip_prefix: null, remote_group_id: remoteGroup, remote_address_group_id: null, description: '',
    used_in_default_sg: 1, used_in_non_default_sg: inNonDefault ? 1 : 0, created_at: now, updated_at: now, revision_number: 0,
  });
  await anyDb.insertInto('default_security_group_rules').values([
    rule('egress', 'IPv4', null, true), rule('egress', 'IPv6', null, true),
    rule('ingress', 'IPv4', 'PARENT', false), rule('ingress', 'IPv6', 'PARENT', false),
  ]).execute();
}

/** created_at, updated_at, revision_number (as 0001's resource tables). */
function revisionColumns<T extends CreateTableBuilder<string, never>>(table: T): T {
  return table
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull()) as T;
}
