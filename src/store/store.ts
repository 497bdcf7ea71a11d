import type { Kysely, Transaction } from 'kysely';
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

  constructor(database: StoreDatabase) {
    this.db = database.db;
    this.dialect = database.dialect;
  }

  /** Runs `work` in one database transaction; commits when it resolves, rolls back when it throws. */
  async transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.db.transaction().execute((db) => work({ db, dialect: this.dialect, now: neutronTimestamp(), bumped: new Set() }));
  }

  /** Read-only work outside a transaction (single statements are atomic anyway). */
  async read<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return work({ db: this.db, dialect: this.dialect, now: neutronTimestamp(), bumped: new Set() });
  }
}
