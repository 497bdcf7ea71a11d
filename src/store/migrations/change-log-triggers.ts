import { sql, type Kysely } from 'kysely';

/**
 * The change log written by the database itself: one `changes` row when a
 * resource row is inserted, when its revision_number moves (every change to
 * a resource bumps it: attributes, tags, child rows such as fixed IPs), and
 * when it is deleted. Why triggers: the row costs no round trip of its own
 * (a write request is one statement shorter on PostgreSQL), and no code path
 * can change a resource and forget to log it.
 *
 * Every migration that adds a resource table calls `logChangesOf` for it.
 */
export async function logChangesOf(db: Kysely<unknown>, table: string, resourceType: string): Promise<void> {
  if (dialectOf(db) === 'postgres') {
    await sql.raw(CHANGE_FUNCTION_PG).execute(db);
    await sql.raw(`drop trigger if exists "${table}_changes" on "${table}"`).execute(db);
    await sql.raw(`create trigger "${table}_changes" after insert or delete on "${table}"
      for each row execute function muon_log_change('${resourceType}')`).execute(db);
    await sql.raw(`drop trigger if exists "${table}_changes_revision" on "${table}"`).execute(db);
    await sql.raw(`create trigger "${table}_changes_revision" after update of revision_number on "${table}"
      for each row when (old.revision_number is distinct from new.revision_number) execute function muon_log_change('${resourceType}')`).execute(db);
    return;
  }
  const insert = (action: string, row: 'new' | 'old', at: string) =>
    `insert into "changes" ("resource_type", "resource_id", "action", "project_id", "changed_at") values ('${resourceType}', ${row}."id", '${action}', ${row}."project_id", ${at});`;
  await sql.raw(`create trigger if not exists "${table}_changes_insert" after insert on "${table}"
    begin ${insert('create', 'new', 'new."updated_at"')} end`).execute(db);
  await sql.raw(`create trigger if not exists "${table}_changes_revision" after update of "revision_number" on "${table}"
    when old."revision_number" is not new."revision_number"
    begin ${insert('update', 'new', 'new."updated_at"')} end`).execute(db);
  await sql.raw(`create trigger if not exists "${table}_changes_delete" after delete on "${table}"
    begin ${insert('delete', 'old', `strftime('%Y-%m-%dT%H:%M:%SZ', 'now')`)} end`).execute(db);
}

/** One function for every table: the resource type is the trigger's argument, the action its operation. */
const CHANGE_FUNCTION_PG = `
create or replace function muon_log_change() returns trigger language plpgsql as $$
begin
  if TG_OP = 'DELETE' then
    insert into changes (resource_type, resource_id, action, project_id, changed_at)
      values (TG_ARGV[0], OLD.id, 'delete', OLD.project_id, to_char(now() at time zone 'utc', 'YYYY-MM-DD"T"HH24:MI:SS"Z"'));
    return OLD;
  end if;
  insert into changes (resource_type, resource_id, action, project_id, changed_at)
    values (TG_ARGV[0], NEW.id, case TG_OP when 'INSERT' then 'create' else 'update' end, NEW.project_id, NEW.updated_at);
  return NEW;
end
$$`;

export function dialectOf(db: Kysely<unknown>): 'postgres' | 'sqlite' {
  const adapter = db.getExecutor().adapter.constructor.name;
  return adapter.startsWith('Postgres') ? 'postgres' : 'sqlite';
}
