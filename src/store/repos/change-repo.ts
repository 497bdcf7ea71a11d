import { sql } from 'kysely';
import type { Tx } from '../store.ts';

/** A committed change, as the change feed serves it. */
export interface ChangeRecord {
  revision: number;
  resource_type: string;
  resource_id: string;
  action: string;
  project_id: string;
  changed_at: string;
}

/**
 * What a reader can see of the log's end: the highest visible revision and,
 * on PostgreSQL, the newest transaction that was still running at that moment
 * (its id as text; undefined when none was).
 */
export interface LogHead {
  latest: number;
  running?: string;
}

/**
 * The change log ("outbox"): one row per change, written by database
 * triggers in the same transaction as the change itself
 * (migrations/change-log-triggers.ts), so watchers never see a change that
 * was rolled back and never miss one that committed.
 */
export class ChangeRepo {
  /** Changes after `revision`, oldest first. */
  async since(tx: Tx, revision: number, limit = 1000): Promise<ChangeRecord[]> {
    return tx.db.selectFrom('changes').selectAll().where('revision', '>', revision).orderBy('revision').limit(limit).execute();
  }

  /** Changes with since < revision <= upTo, oldest first. */
  async range(tx: Tx, since: number, upTo: number, limit: number): Promise<ChangeRecord[]> {
    return tx.db.selectFrom('changes').selectAll().where('revision', '>', since).where('revision', '<=', upTo).orderBy('revision').limit(limit).execute();
  }

  /**
   * The highest visible revision and, on PostgreSQL, the newest transaction
   * id in progress in the same snapshot (one statement: the primary key's
   * last entry and the snapshot's in-progress list).
   */
  async head(tx: Tx): Promise<LogHead> {
    if (tx.dialect !== 'postgres') {
      const row = await tx.db.selectFrom('changes').select((eb) => eb.fn.max('revision').as('latest')).executeTakeFirst();
      return { latest: Number(row?.latest ?? 0) };
    }
    const { rows } = await sql<{ latest: number | null; running: string | null }>`
      select (select max(revision) from changes) as latest,
             (select max(x)::text from pg_snapshot_xip(pg_current_snapshot()) as x) as running`.execute(tx.db);
    return { latest: Number(rows[0]?.latest ?? 0), ...(rows[0]?.running ? { running: rows[0].running } : {}) };
  }

  /** PostgreSQL: true once every transaction with an id up to `xid` has ended (committed or rolled back). */
  async endedUpTo(tx: Tx, xid: string): Promise<boolean> {
    const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(tx.db);
    return BigInt(rows[0]!.xmin) > BigInt(xid);
  }
}
