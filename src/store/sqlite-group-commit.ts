import { CompiledQuery, type ControlledTransaction, type Kysely, type Transaction } from 'kysely';
import type { Database } from './schema.ts';

/*
 * Group commit (SQLite)
 * ---------------------
 * SQLite has one connection and one writer, so write transactions run one
 * after another anyway. What each one pays on its own is the COMMIT: the
 * dirty B-tree pages (the same ports, indexes, free-range and change-log
 * pages, again and again) appended to the WAL. Under load, the requests
 * that reach their transaction in the same turn of the event loop are run
 * one after another inside ONE database transaction instead, each unit in
 * its own SAVEPOINT, and committed once.
 *
 * Why "the same turn" and not "while others wait for the connection": a
 * unit's statements are synchronous in better-sqlite3, so a unit runs to its
 * end in one chain of microtasks and no other request ever waits for the
 * connection. The batch therefore waits one turn (`setImmediate`) after its
 * last unit: requests that arrived on other sockets in this turn's poll phase
 * join it. With nothing else arriving (concurrency 1), that turn is the only
 * cost, and the statements are exactly those of a plain transaction
 * (begin, the unit's statements, commit: the first unit of a batch needs no
 * savepoint, since rolling it back is rolling the transaction back).
 *
 * Rules that keep every unit as isolated as its own transaction was:
 *  - a unit's promise settles only after the COMMIT (or the unit's own
 *    rollback); a failed COMMIT fails every unit of the batch with its error;
 *  - a failing unit is rolled back to its savepoint and rejected: its
 *    neighbours commit, it leaves no trace; when SQLite itself ended the
 *    transaction (disk full, I/O error) the finished units fail too;
 *  - a unit that is retried (Store.transaction) is queued again and runs in
 *    a fresh savepoint, after its rolled-back attempt;
 *  - the batch admits no more units once `maxUnits` ran, it has been open
 *    `maxMs`, or anything else (a read, a migration) waits for the connection,
 *    and it lets such waiters take the connection before the next batch.
 */

/** When a batch stops admitting units. */
export interface GroupCommitLimits {
  /** Most units committed together. */
  readonly maxUnits: number;
  /** A batch open this long (milliseconds) admits no more units. */
  readonly maxMs: number;
}

export const GROUP_COMMIT_DEFAULTS: GroupCommitLimits = { maxUnits: 64, maxMs: 5 };

/** Batches and units committed so far (a unit that failed is not counted). */
export interface GroupCommitStats { batches: number; units: number }

interface Unit {
  readonly work: (db: Transaction<Database>) => Promise<unknown>;
  readonly resolve: (value: unknown) => void;
  readonly reject: (error: unknown) => void;
}

interface Finished { readonly unit: Unit; readonly value: unknown }

const SAVEPOINT = CompiledQuery.raw('savepoint muon_unit');
const RELEASE = CompiledQuery.raw('release muon_unit');
const ROLLBACK_TO = CompiledQuery.raw('rollback to muon_unit');

/**
 * Runs write units on SQLite's one connection, several per database
 * transaction under load (see above). `othersWaiting` tells whether anything
 * besides this batcher waits for the connection; `afterCommit` runs after each
 * successful COMMIT, before the units hear of it.
 *
 * Contract for `work` (as for a plain transaction, plus one rule): it uses only
 * the `db` it is given, and it never waits for something that happens only
 * after another unit's promise settles (a unit does not settle before the
 * batch, so that wait would never end).
 *
 * @example
 *   const id = await groupCommit.run(async (db) => (await db.insertInto('networks').values(row).execute(), row.id));
 */
export class SqliteGroupCommit {
  private readonly queue: Unit[] = [];
  private draining = false;
  private readonly counts: GroupCommitStats = { batches: 0, units: 0 };

  constructor(
    private readonly db: Kysely<Database>,
    private readonly othersWaiting: () => boolean,
    private readonly limits: GroupCommitLimits = GROUP_COMMIT_DEFAULTS,
    private readonly afterCommit: () => void = () => undefined,
  ) {}

  /** Runs `work` in a transaction (possibly shared, in its own savepoint); resolves after the commit. */
  run<T>(work: (db: Transaction<Database>) => Promise<T>): Promise<T> {
    return new Promise<T>((resolve, reject) => {
      this.queue.push({ work, resolve: resolve as (value: unknown) => void, reject });
      if (!this.draining) void this.drain();
    });
  }

  /** Batches and units committed so far. */
  stats(): GroupCommitStats {
    return { ...this.counts };
  }

  private async drain(): Promise<void> {
    this.draining = true;
    try {
      while (this.queue.length > 0) {
        await this.runBatch();
        // kysely's connection lock is not fair: without this, the next batch would take it again first.
        if (this.queue.length > 0 && this.othersWaiting()) await nextTurn();
      }
    } finally {
      this.draining = false;
    }
  }

  /** One database transaction: units while admitted, then COMMIT and settle them. Never throws. */
  private async runBatch(): Promise<void> {
    let trx: ControlledTransaction<Database>;
    try {
      trx = await this.db.startTransaction().execute();
    } catch (error) {
      this.queue.shift()?.reject(error);
      return;
    }
    const opened = performance.now();
    const finished: Finished[] = [];
    while (await this.admits(finished.length, opened)) {
      const unit = this.queue.shift()!;
      const alive = finished.length === 0 ? await this.runFirst(trx, unit, finished) : await this.runNested(trx, unit, finished);
      if (!alive) return;
    }
    await this.commit(trx, finished);
  }

  /**
   * Whether the batch takes another unit; with none queued, waits one turn of
   * the event loop for units of requests that arrive meanwhile.
   */
  private async admits(count: number, opened: number): Promise<boolean> {
    if (count === 0) return this.queue.length > 0;
    if (this.full(count, opened)) return false;
    if (this.queue.length === 0) {
      await nextTurn();
      if (this.full(count, opened)) return false;
    }
    return this.queue.length > 0;
  }

  private full(count: number, opened: number): boolean {
    return count >= this.limits.maxUnits || performance.now() - opened >= this.limits.maxMs || this.othersWaiting();
  }

  /** The batch's first unit, without a savepoint: if it fails, the whole (so far empty) transaction rolls back. */
  private async runFirst(trx: ControlledTransaction<Database>, unit: Unit, finished: Finished[]): Promise<boolean> {
    try {
      finished.push({ unit, value: await unit.work(trx) });
      return true;
    } catch (error) {
      await trx.rollback().execute().catch(() => undefined);
      unit.reject(error);
      return false;
    }
  }

  /** A later unit in its own savepoint; false when SQLite ended the whole transaction (the batch then failed). */
  private async runNested(trx: ControlledTransaction<Database>, unit: Unit, finished: Finished[]): Promise<boolean> {
    try {
      await trx.executeQuery(SAVEPOINT);
    } catch (error) {
      return this.abandon(trx, [{ unit, value: undefined }, ...finished], error);
    }
    try {
      const value = await unit.work(trx);
      await trx.executeQuery(RELEASE);
      finished.push({ unit, value });
      return true;
    } catch (error) {
      try {
        await trx.executeQuery(ROLLBACK_TO);
        await trx.executeQuery(RELEASE);
      } catch {
        // Some errors (SQLITE_FULL, SQLITE_IOERR, …) end the transaction: the finished units are gone too.
        return this.abandon(trx, [{ unit, value: undefined }, ...finished], error);
      }
      unit.reject(error);
      return true;
    }
  }

  private async commit(trx: ControlledTransaction<Database>, finished: Finished[]): Promise<void> {
    try {
      await trx.commit().execute();
    } catch (error) {
      await this.abandon(trx, finished, error);
      return;
    }
    this.counts.batches++;
    this.counts.units += finished.length;
    try {
      this.afterCommit();
    } finally {
      for (const { unit, value } of finished) unit.resolve(value);
    }
  }

  /** Rolls back what is left of the transaction (releasing the connection) and fails `units` with `error`. */
  private async abandon(trx: ControlledTransaction<Database>, units: Finished[], error: unknown): Promise<false> {
    await trx.rollback().execute().catch(() => undefined);
    for (const { unit } of units) unit.reject(error);
    return false;
  }
}

function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
