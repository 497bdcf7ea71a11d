import type { CreateTableBuilder, Kysely } from 'kysely';

/**
 * Expand 0001: the initial schema. Expand migrations only add (tables,
 * nullable columns, indexes), so servers of the previous release keep working
 * while they run; removals wait for a contract migration.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = dialectOf(db) === 'postgres';

  await db.schema.createTable('networks').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('admin_state_up', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('router_external', 'integer', (c) => c.notNull())
    .addColumn('mtu', 'integer', (c) => c.notNull())
    .addColumn('port_security_enabled', 'integer', (c) => c.notNull())
    .addColumn('dns_domain', 'varchar(255)', (c) => c.notNull())
    .addColumn('availability_zone_hints', 'text', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('networks_project_id').ifNotExists().on('networks').column('project_id').execute();

  await db.schema.createTable('network_segments').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('network_id', 'varchar(36)', (c) => c.notNull().references('networks.id').onDelete('cascade'))
    .addColumn('network_type', 'varchar(32)', (c) => c.notNull())
    .addColumn('physical_network', 'varchar(64)', (c) => c.notNull())
    .addColumn('segmentation_id', 'bigint', (c) => c.notNull())
    .addColumn('segment_index', 'integer', (c) => c.notNull())
    .addUniqueConstraint('network_segments_unique_id', ['network_type', 'physical_network', 'segmentation_id'])
    .execute();
  await db.schema.createIndex('network_segments_network_id').ifNotExists().on('network_segments').column('network_id').execute();

  await db.schema.createTable('address_scopes').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('ip_version', 'integer', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .$call(revisionColumns)
    .execute();

  await db.schema.createTable('subnetpools').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('ip_version', 'integer', (c) => c.notNull())
    .addColumn('prefixes', 'text', (c) => c.notNull())
    .addColumn('default_quota', 'integer')
    .addColumn('default_prefixlen', 'integer', (c) => c.notNull())
    .addColumn('min_prefixlen', 'integer', (c) => c.notNull())
    .addColumn('max_prefixlen', 'integer', (c) => c.notNull())
    .addColumn('is_default', 'integer', (c) => c.notNull())
    .addColumn('shared', 'integer', (c) => c.notNull())
    .addColumn('address_scope_id', 'varchar(36)', (c) => c.references('address_scopes.id'))
    .$call(revisionColumns)
    .execute();

  await db.schema.createTable('subnets').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('network_id', 'varchar(36)', (c) => c.notNull().references('networks.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('ip_version', 'integer', (c) => c.notNull())
    .addColumn('cidr', 'varchar(64)', (c) => c.notNull())
    .addColumn('gateway_ip', 'varchar(64)')
    .addColumn('allocation_pools', 'text', (c) => c.notNull())
    .addColumn('dns_nameservers', 'text', (c) => c.notNull())
    .addColumn('host_routes', 'text', (c) => c.notNull())
    .addColumn('enable_dhcp', 'integer', (c) => c.notNull())
    .addColumn('ipv6_ra_mode', 'varchar(32)')
    .addColumn('ipv6_address_mode', 'varchar(32)')
    .addColumn('subnetpool_id', 'varchar(36)', (c) => c.references('subnetpools.id'))
    .addColumn('segment_id', 'varchar(36)')
    .addColumn('service_types', 'text', (c) => c.notNull())
    // Creation order: timestamps have one-second resolution, and Neutron picks
    // addresses from the first-created subnet with room.
    .addColumn('created_seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .$call(revisionColumns)
    .execute();
  await db.schema.createIndex('subnets_network_id').ifNotExists().on('subnets').column('network_id').execute();
  await db.schema.createIndex('subnets_subnetpool_id').ifNotExists().on('subnets').column('subnetpool_id').execute();

  await db.schema.createTable('ports').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('network_id', 'varchar(36)', (c) => c.notNull().references('networks.id'))
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('mac_address', 'varchar(32)', (c) => c.notNull())
    .addColumn('admin_state_up', 'integer', (c) => c.notNull())
    .addColumn('status', 'varchar(16)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('device_owner', 'varchar(255)', (c) => c.notNull())
    .addColumn('port_security_enabled', 'integer', (c) => c.notNull())
    .addColumn('binding_host_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('binding_vnic_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('binding_profile', 'text', (c) => c.notNull())
    .addColumn('binding_vif_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('binding_vif_details', 'text', (c) => c.notNull())
    .addColumn('allowed_address_pairs', 'text', (c) => c.notNull())
    .addColumn('dns_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('dns_domain', 'varchar(255)', (c) => c.notNull())
    .addColumn('ip_allocation', 'varchar(16)', (c) => c.notNull())
    .$call(revisionColumns)
    .addUniqueConstraint('ports_network_mac', ['network_id', 'mac_address'])
    .execute();
  await db.schema.createIndex('ports_project_id').ifNotExists().on('ports').column('project_id').execute();
  await db.schema.createIndex('ports_device_id').ifNotExists().on('ports').column('device_id').execute();

  await db.schema.createTable('extra_dhcp_opts').ifNotExists()
    .addColumn('port_id', 'varchar(36)', (c) => c.notNull().references('ports.id').onDelete('cascade'))
    .addColumn('opt_name', 'varchar(255)', (c) => c.notNull())
    .addColumn('opt_value', 'varchar(255)', (c) => c.notNull())
    .addColumn('ip_version', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('extra_dhcp_opts_pk', ['port_id', 'opt_name', 'ip_version'])
    .execute();

  await db.schema.createTable('ip_allocations').ifNotExists()
    .addColumn('subnet_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('ip_hex', 'char(32)', (c) => c.notNull())
    .addColumn('ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('port_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('network_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('ordinal', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('ip_allocations_pk', ['subnet_id', 'ip_hex'])
    .execute();
  await db.schema.createIndex('ip_allocations_port_id').ifNotExists().on('ip_allocations').column('port_id').execute();
  await db.schema.createIndex('ip_allocations_ip_address').ifNotExists().on('ip_allocations').column('ip_address').execute();

  await db.schema.createTable('free_ranges').ifNotExists()
    .addColumn('pool', 'varchar(80)', (c) => c.notNull())
    .addColumn('first_hex', 'char(32)', (c) => c.notNull())
    .addColumn('last_hex', 'char(32)', (c) => c.notNull())
    .addPrimaryKeyConstraint('free_ranges_pk', ['pool', 'first_hex'])
    .execute();

  await db.schema.createTable('tags').ifNotExists()
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('resource_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('tag', 'varchar(255)', (c) => c.notNull())
    .addPrimaryKeyConstraint('tags_pk', ['resource_id', 'tag'])
    .execute();
  await db.schema.createIndex('tags_tag').ifNotExists().on('tags').column('tag').execute();

  await db.schema.createTable('quotas').ifNotExists()
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('resource', 'varchar(64)', (c) => c.notNull())
    .addColumn('limit', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('quotas_pk', ['project_id', 'resource'])
    .execute();

  await db.schema.createTable('changes').ifNotExists()
    .addColumn('revision', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('resource_type', 'varchar(64)', (c) => c.notNull())
    .addColumn('resource_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('action', 'varchar(16)', (c) => c.notNull())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('changed_at', 'varchar(32)', (c) => c.notNull())
    .execute();
}

/** created_at, updated_at, revision_number: the standard-attribute columns every resource table has. */
function revisionColumns<T extends CreateTableBuilder<string, never>>(table: T): T {
  return table
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull()) as T;
}

export async function down(): Promise<void> {
  throw new Error('the initial schema cannot be migrated down');
}

function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}
