import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../change-log-triggers.ts';

/**
 * Expand 0005: the history of IP addresses (issue "Service-provider-grade
 * IPAM"): one row per holding of an address by a port — who (project, port,
 * device, MAC) held which address of which subnet from when until when.
 *
 * Written by triggers on ip_allocations, like the change log: an allocation
 * opens a row, a release closes it (held_until), in the same transaction and
 * without a round trip of its own, whatever code path allocates or releases.
 * Times are UTC ISO 8601 with milliseconds, so they sort as text and "who
 * had X at T" is a range test on the (ip_address, held_from) index.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  const isPostgres = dialectOf(db) === 'postgres';
  await db.schema.createTable('ip_address_history').ifNotExists()
    .addColumn('id', isPostgres ? 'bigserial' : 'integer', (c) => (isPostgres ? c.primaryKey() : c.primaryKey().autoIncrement()))
    .addColumn('ip_address', 'varchar(64)', (c) => c.notNull())
    .addColumn('subnet_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('network_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('project_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('port_id', 'varchar(36)', (c) => c.notNull())
    .addColumn('device_id', 'varchar(255)', (c) => c.notNull())
    .addColumn('device_owner', 'varchar(255)', (c) => c.notNull())
    .addColumn('mac_address', 'varchar(32)', (c) => c.notNull())
    .addColumn('held_from', 'varchar(32)', (c) => c.notNull())
    .addColumn('held_until', 'varchar(32)')
    .execute();
  await db.schema.createIndex('ip_address_history_address').ifNotExists().on('ip_address_history').columns(['ip_address', 'held_from']).execute();
  await db.schema.createIndex('ip_address_history_port').ifNotExists().on('ip_address_history').columns(['port_id', 'held_from']).execute();
  await db.schema.createIndex('ip_address_history_project').ifNotExists().on('ip_address_history').columns(['project_id', 'held_from']).execute();
  await db.schema.createIndex('ip_address_history_subnet').ifNotExists().on('ip_address_history').columns(['subnet_id', 'held_from']).execute();

  if (isPostgres) {
    await sql.raw(`
create or replace function muon_ip_history() returns trigger language plpgsql as $$
declare stamp text := to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"');
begin
  if TG_OP = 'INSERT' then
    insert into ip_address_history (ip_address, subnet_id, network_id, project_id, port_id, device_id, device_owner, mac_address, held_from)
      select NEW.ip_address, NEW.subnet_id, NEW.network_id, p.project_id, NEW.port_id, p.device_id, p.device_owner, p.mac_address, stamp
      from ports p where p.id = NEW.port_id;
    return NEW;
  end if;
  update ip_address_history set held_until = stamp
    where ip_address = OLD.ip_address and port_id = OLD.port_id and subnet_id = OLD.subnet_id and held_until is null;
  return OLD;
end
$$`).execute(db);
    await sql.raw('drop trigger if exists ip_allocations_history on ip_allocations').execute(db);
    await sql.raw('create trigger ip_allocations_history after insert or delete on ip_allocations for each row execute function muon_ip_history()').execute(db);
    return;
  }
  const stamp = `strftime('%Y-%m-%dT%H:%M:%fZ', 'now')`;
  await sql.raw(`create trigger if not exists ip_allocations_history_insert after insert on ip_allocations begin
    insert into ip_address_history (ip_address, subnet_id, network_id, project_id, port_id, device_id, device_owner, mac_address, held_from)
      select new.ip_address, new.subnet_id, new.network_id, p.project_id, new.port_id, p.device_id, p.device_owner, p.mac_address, ${stamp}
      from ports p where p.id = new.port_id;
  end`).execute(db);
  await sql.raw(`create trigger if not exists ip_allocations_history_delete after delete on ip_allocations begin
    update ip_address_history set held_until = ${stamp}
      where ip_address = old.ip_address and port_id = old.port_id and subnet_id = old.subnet_id and held_until is null;
  end`).execute(db);
}
