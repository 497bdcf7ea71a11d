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

  /** The highest visible revision (0 when the log is empty). */
  async head(tx: Tx): Promise<number> {
    const row = await tx.db.selectFrom('changes').select((eb) => eb.fn.max('revision').as('latest')).executeTakeFirst();
    return Number(row?.latest ?? 0);
  }

  /**
   * PostgreSQL: a transaction id newer than every transaction that has
   * started so far (it assigns one to this autocommit statement, so call it
   * outside a transaction). Undefined on SQLite, whose writers are serialised.
   *
   * Why not the in-progress list of `pg_current_snapshot()`: it omits running
   * transactions whose ids are at or above the snapshot's xmax (one past the
   * newest *completed* id), which can still hold revisions below the head.
   */
  async fence(tx: Tx): Promise<string | undefined> {
    if (tx.dialect !== 'postgres') return undefined;
    const { rows } = await sql<{ xid: string }>`select pg_current_xact_id()::text as xid`.execute(tx.db);
    return rows[0]!.xid;
  }

  /** PostgreSQL: true once every transaction with an id below `fence` has ended (committed or rolled back). */
  async endedBefore(tx: Tx, fence: string): Promise<boolean> {
    const { rows } = await sql<{ xmin: string }>`select pg_snapshot_xmin(pg_current_snapshot())::text as xmin`.execute(tx.db);
    return BigInt(rows[0]!.xmin) >= BigInt(fence);
  }
}
