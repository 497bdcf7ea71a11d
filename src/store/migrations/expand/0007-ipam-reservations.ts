import { sql, type Kysely } from 'kysely';
import { dialectOf, logChangesOf } from '../change-log-triggers.ts';

/**
 * Expand 0007 (issue "Service-provider-grade IPAM"), additive only:
 *
 * - `ip_reservations`: addresses of a subnet held for a project and a
 *   purpose without a port, optionally until a time. A reservation's
 *   addresses are removed from the subnet's free intervals (free_ranges), so
 *   no allocation can hand them out; ports of the reservation's project may
 *   still ask for them by address. Bounds are 32-char hex like free_ranges.
 * - `subnetpool_prefix_history`: every prefix carved from a subnet pool
 *   (a subnet created from it) and when it was given back, written by
 *   triggers on `subnets` like the address history (expand 0005).
 * - an index on `ip_address_history(held_until)` for retention pruning;
 * - `subnetpools.ip_usage_warning_percent` (extension ip-usage-reports).
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = dialectOf(db) === 'postgres';

  await db.schema.createTable('ip_reservations').ifNotExists()
    .addColumn('id', 'varchar(36)', (c) => c.primaryKey())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('name', 'varchar(255)', (c) => c.notNull())
    .addColumn('description', 'varchar(255)', (c) => c.notNull())
    .addColumn('subnet_id', 'varchar(36)', (c) => c.notNull().references('subnets.id').onDelete('cascade'))
    .addColumn('ip_version', 'integer', (c) => c.notNull())
    .addColumn('start_ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('end_ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('cidr', 'varchar(64)')
    .addColumn('first_hex', 'char(32)', (c) => c.notNull())
    .addColumn('last_hex', 'char(32)', (c) => c.notNull())
    .addColumn('purpose', 'varchar(255)', (c) => c.notNull())
    .addColumn('expires_at', 'varchar(32)')
    .addColumn('created_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('updated_at', 'varchar(20)', (c) => c.notNull())
    .addColumn('revision_number', 'integer', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('ip_reservations_subnet').ifNotExists().on('ip_reservations').columns(['subnet_id', 'first_hex']).execute();
  await db.schema.createIndex('ip_reservations_project').ifNotExists().on('ip_reservations').column('project_id').execute();
  await db.schema.createIndex('ip_reservations_expires').ifNotExists().on('ip_reservations').column('expires_at').execute();
  await logChangesOf(db, 'ip_reservations', 'ip_reservation');

  await db.schema.createTable('subnetpool_prefix_history').ifNotExists()
    .addColumn('id', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('prefix', 'varchar(64)', (c) => c.notNull())
    .addColumn('subnetpool_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('subnet_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('network_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('held_from', 'varchar(32)', (c) => c.notNull())
    .addColumn('held_until', 'varchar(32)')
    .execute();
  for (const column of ['prefix', 'subnetpool_id', 'subnet_id', 'project_id']) {
    await db.schema.createIndex(`subnetpool_prefix_history_${column}`).ifNotExists().on('subnetpool_prefix_history').columns([column, 'held_from']).execute();
  }
  await db.schema.createIndex('subnetpool_prefix_history_until').ifNotExists().on('subnetpool_prefix_history').column('held_until').execute();
  await db.schema.alterTable('subnetpools').addColumn('ip_usage_warning_percent', 'integer').execute();
  await db.schema.createIndex('ip_address_history_until').ifNotExists().on('ip_address_history').column('held_until').execute();

  if (isPostgres) {
    await sql.raw(`
create or replace function muon_prefix_history() returns trigger language plpgsql as $$
declare stamp text := to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
begin
  if TG_OP = 'INSERT' then
    insert into subnetpool_prefix_history (prefix, subnetpool_id, subnet_id, network_id, project_id, held_from)
      values (NEW.cidr, NEW.subnetpool_id, NEW.id, NEW.network_id, NEW.project_id, stamp);
    return NEW;
  end if;
  update subnetpool_prefix_history set held_until = stamp where subnet_id = OLD.id and held_until is null;
  return OLD;
end
$$`).execute(db);
    await sql.raw('drop trigger if exists subnets_prefix_history_insert on subnets').execute(db);
    await sql.raw(`create trigger subnets_prefix_history_insert after insert on subnets
      for each row when (NEW.subnetpool_id is not null) execute function muon_prefix_history()`).execute(db);
    await sql.raw('drop trigger if exists subnets_prefix_history_delete on subnets').execute(db);
    await sql.raw(`create trigger subnets_prefix_history_delete after delete on subnets
      for each row when (OLD.subnetpool_id is not null) execute function muon_prefix_history()`).execute(db);
    return;
  }
  const stamp = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  await sql.raw(`create trigger if not exists subnets_prefix_history_insert after insert on subnets
    when new.subnetpool_id is not null begin
    insert into subnetpool_prefix_history (prefix, subnetpool_id, subnet_id, network_id, project_id, held_from)
      values (new.cidr, new.subnetpool_id, new.id, new.network_id, new.project_id, ${stamp});
  end`).execute(db);
  await sql.raw(`create trigger if not exists subnets_prefix_history_delete after delete on subnets
    when old.subnetpool_id is not null begin
    update subnetpool_prefix_history set held_until = ${stamp} where subnet_id = old.id and held_until is null;
  end`).execute(db);
}
