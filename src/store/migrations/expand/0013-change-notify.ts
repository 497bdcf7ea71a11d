import { sql, type Kysely } from 'kysely';
import { dialectOf } from '../change-log-triggers.ts';

/**
 * Expand 0013: on PostgreSQL, a transaction that writes change-log rows
 * notifies channel `muon_changes` when it commits (a statement trigger with
 * an empty payload, which PostgreSQL folds into one notification per
 * transaction), so every API server sharing the database wakes its change-feed
 * long-polls (store/pg-commit-listener.ts). SQLite has no cross-process
 * notification: nothing to do (its feed wakes in-process and re-reads on a timer).
 * Additive: old servers ignore the notifications.
 */
export async function up(db: Kysely<unknown>): Promise<void> {
  if (dialectOf(db) !== 'postgres') return;
  await sql.raw(`create or replace function muon_notify_changes() returns trigger language plpgsql as $$
begin
  perform pg_notify('muon_changes', '');
  return null;
end
$$`).execute(db);
  await sql.raw('drop trigger if exists "changes_notify" on "changes"').execute(db);
  await sql.raw('create trigger "changes_notify" after insert on "changes" for each statement execute function muon_notify_changes()').execute(db);
}
