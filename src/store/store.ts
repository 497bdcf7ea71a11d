import type { Kysely, Transaction } from 'kysely';
import { CommitSignal } from './commit-signal.ts';
import type { DialectName, StoreDatabase } from './db.ts';
import type { Database } from './schema.ts';

/**
 * One unit of work: the Kysely transaction plus what must happen exactly once
 * per transaction (revision bumps, change-log rows, the request's timestamp).
 */
export interface Tx {
  readonly db: Transaction<Database> | Kysely<Database>;
  readonly dialect: DialectName;
  /** The transaction's timestamp, Neutron format `YYYY-MM-DDTHH:MM:SSZ`. */
  readonly now: string;
  /** "table/id" of rows whose revision was already bumped in this transaction. */
  readonly bumped: Set<string>;
  /** Rows read for checks and reused within this transaction (e.g. "network/<id>": a port's network). */
  readonly memo: Map<string, unknown>;
}

const MAX_ATTEMPTS = 5;

/** Errors of a transaction that a fresh attempt may not hit again. */
export function isRetryable(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '40001' || code === '40P01' || isUniqueViolation(error);
}

/** A unique or primary key refused a row (PostgreSQL 23505, SQLite constraint codes). */
export function isUniqueViolation(error: unknown): boolean {
  const code = (error as { code?: string } | null)?.code;
  return code === '23505' || code === 'SQLITE_CONSTRAINT_UNIQUE' || code === 'SQLITE_CONSTRAINT_PRIMARYKEY';
}

let lastSequence = 0;

/**
 * A number that grows with every call in this process (microseconds since
 * the epoch, bumped on ties); across processes it orders by time to the
 * microsecond. Orders rows whose timestamps tie within a second.
 */
export function creationSequence(): number {
  const now = Math.floor(performance.timeOrigin * 1000 + performance.now() * 1000);
  lastSequence = now > lastSequence ? now : lastSequence + 1;
  return lastSequence;
}

/** Neutron's timestamp format: UTC, no fractional seconds. */
export function neutronTimestamp(date = new Date()): string {
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

/**
 * The store: transactions over the database. Every request that writes runs
 * in exactly one `transaction`; a throw rolls everything back.
 */
export class Store {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /** Notified after every commit of this store (and, once `watchOtherServers` ran, of other servers'). */
  readonly commits = new CommitSignal();

  constructor(private readonly database: StoreDatabase) {
    this.db = database.db;
    this.dialect = database.dialect;
  }

  /**
   * Makes commits of other servers sharing the database notify `commits`
   * too (PostgreSQL LISTEN/NOTIFY; nothing on SQLite). Idempotent.
   */
  watchOtherServers(onError?: (error: Error) => void): void {
    this.database.watchCommits?.(() => this.commits.notify(), onError);
  }

  /**
   * Runs `work` in one database transaction; commits when it resolves, rolls
   * back when it throws. A transaction that lost a race the database detected
   * (deadlock, serialization failure, a unique key taken by a concurrent
   * commit) is retried from the start, as Neutron's DB retry decorator does;
   * `work` must therefore not keep state across attempts. On SQLite, units
   * that arrive together may share one database transaction, each in its own
   * savepoint (sqlite-group-commit.ts): isolation and atomicity per unit stay
   * the same, the promise still settles only after the commit; `work` must not
   * wait for anything that happens only after another transaction settled.
   */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        const result = await this.runTransaction((db) => work({ db, dialect: this.dialect, now: neutronTimestamp(), bumped: new Set(), memo: new Map() }));
        this.commits.notify();
        return result;
      } catch (error) {
        if (attempt >= MAX_ATTEMPTS || !isRetryable(error)) throw error;
      }
    }
  }

  /** One attempt: on SQLite through the group commit (it resolves only after the commit), else a plain transaction. */
  private runTransaction<T>(work: (db: Transaction<Database>) => Promise<T>): Promise<T> {
    return this.database.groupCommit?.run(work) ?? this.db.transaction().execute(work);
  }

  /** Read-only work outside a transaction (single statements are atomic anyway). */
  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return work({ db: this.db, dialect: this.dialect, now: neutronTimestamp(), bumped: new Set(), memo: new Map() });
  }
}
