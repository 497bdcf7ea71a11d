import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, Migrator, type LogEvent, PostgresDialect, type Migration, type MigrationResultSet } from 'kysely';
import pg from 'pg';
import { CONTRACT_MIGRATIONS, EXPAND_MIGRATIONS } from './migrations/index.ts';
import type { Database } from './schema.ts';
import { PREPARABLE, ROWS_AS_ARRAYS } from './fast-sql.ts';
import { PgCommitListener } from './pg-commit-listener.ts';
import { holdUnansweredStatements } from './pg-round-trips.ts';
import { CHECKPOINT_DEFAULTS, SqliteCheckpointer, type CheckpointSettings } from './sqlite-checkpointer.ts';
import { GROUP_COMMIT_DEFAULTS, SqliteGroupCommit, type GroupCommitLimits } from './sqlite-group-commit.ts';
import { WaiterCountingSqliteDialect } from './waiter-counting-sqlite-dialect.ts';

export type DialectName = 'sqlite' | 'postgres';

/** An open database: the Kysely instance and which dialect it speaks. */
export interface StoreDatabase {
  readonly db: Kysely<Database>;
  readonly dialect: DialectName;
  /**
   * PostgreSQL only: calls `onCommit` whenever any server sharing the
   * database commits change-log rows (LISTEN/NOTIFY on one extra connection,
   * opened at the first call; later calls are ignored). Stopped by `close`.
   */
  watchCommits?(onCommit: () => void, onError?: (error: Error) => void): void;
  /** SQLite only (unless turned off): runs write transactions, several per database transaction under load. */
  readonly groupCommit?: SqliteGroupCommit;
  close(): Promise<void>;
}

/** How `openDatabase` opens a database. */
export interface OpenOptions {
  /** PostgreSQL: connections in the pool (default 8). */
  poolSize?: number;
  /** Called with the text of every statement executed (tests pin statement counts with it). */
  onQuery?: (sql: string) => void;
  /** PostgreSQL: an idle pooled connection failed (it is replaced on demand). */
  onIdleError?: (error: Error) => void;
  /** SQLite: the group commit's limits (sqlite-group-commit.ts), or false for one database transaction per unit. */
  groupCommit?: GroupCommitLimits | false;
  /** SQLite files: WAL checkpoints on a worker thread (sqlite-checkpointer.ts), or false for SQLite's own, in the committing call. */
  checkpoints?: CheckpointSettings | false;
}

/**
 * Opens `sqlite:PATH` (WAL mode, creating the directory) or `postgres://…`.
 * Does not migrate: call `migrate` for that.
 */
export function openDatabase(url: string, options: OpenOptions = {}): StoreDatabase {
  const log = options.onQuery ? (event: LogEvent) => options.onQuery!(event.query.sql) : undefined;
  if (url.startsWith('postgres://') || url.startsWith('postgresql://')) {
    // Keep BIGINT/NUMERIC values as numbers: counts and segmentation ids fit.
    pg.types.setTypeParser(20, (v) => Number(v));
    const pool = new pg.Pool({ connectionString: url, max: options.poolSize ?? 8 });
    pool.on('connect', (client) => {
      prepareFixedStatements(client);
      holdUnansweredStatements(client, (text) => (PREPARABLE.has(text) ? statementName(text) : undefined));
    });
    // An idle connection that the server closes (restart, failover, DROP
    // DATABASE … FORCE) emits 'error' on the pool; unhandled, that would end
    // the process. The pool drops such a client and opens a fresh one on demand.
    pool.on('error', (error) => options.onIdleError?.(error));
    const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }), log });
    let listener: PgCommitListener | undefined;
    return {
      db,
      dialect: 'postgres',
      watchCommits(onCommit, onError) {
        listener ??= new PgCommitListener(url, onCommit, onError);
        listener.start();
      },
      close: async () => { await listener?.stop(); await db.destroy(); },
    };
  }
  if (!url.startsWith('sqlite:')) throw new Error(`unsupported database URL ${url}: use sqlite:PATH or postgres://…`);
  return openSqlite(url.slice('sqlite:'.length), options, log);
}

function openSqlite(path: string, options: OpenOptions, log: ((event: LogEvent) => void) | undefined): StoreDatabase {
  if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
  const sqlite = new SQLite(path);
  sqlite.pragma('journal_mode = WAL');
  // NORMAL is durable across application crashes in WAL mode; only an OS
  // crash can lose the last transactions. That is the embedded default.
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  // Savepoints (group commit) keep their undo pages in memory instead of spilling them to a temporary file.
  sqlite.pragma('temp_store = MEMORY');
  const checkpointing = path === ':memory:' ? false : options.checkpoints ?? CHECKPOINT_DEFAULTS;
  const checkpointer = checkpointing === false ? undefined : new SqliteCheckpointer(path, checkpointing, () => { if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000'); });
  if (checkpointing !== false) sqlite.pragma(`wal_autocheckpoint = ${checkpointing.safetyPages}`);
  const dialect = new WaiterCountingSqliteDialect({ database: withStatementCache(sqlite) });
  const db = new Kysely<Database>({ dialect, log });
  const limits = options.groupCommit ?? GROUP_COMMIT_DEFAULTS;
  // The checkpointer starts with the first commit (no thread for a process that only reads or migrates).
  const groupCommit = limits === false ? undefined : new SqliteGroupCommit(db, () => dialect.waiting > 0, limits, () => checkpointer?.start());
  if (groupCommit === undefined) checkpointer?.start();
  return { db, dialect: 'sqlite', groupCommit, close: async () => { await checkpointer?.stop(); await db.destroy(); } };
}

/**
 * better-sqlite3 compiles a statement on every `prepare`; the same texts
 * come back on every request, so compiled statements are kept (bounded).
 * Safe because Kysely runs each statement to completion before the next.
 */
function withStatementCache(sqlite: SQLite.Database): { prepare: SQLite.Database['prepare']; close: () => void } {
  const cache = new Map<string, SQLite.Statement>();
  return {
    prepare(text: string) {
      let statement = cache.get(text);
      if (statement === undefined) {
        if (cache.size >= 1000) cache.clear();
        statement = sqlite.prepare(text);
        if (text.startsWith(ROWS_AS_ARRAYS)) statement.raw(true);
        cache.set(text, statement);
      }
      return statement;
    },
    close: () => sqlite.close(),
  } as { prepare: SQLite.Database['prepare']; close: () => void };
}

/**
 * Fixed statement texts (store/fast-sql.ts) become named prepared statements
 * on each PostgreSQL connection: parsed and planned once, not per request;
 * ROWS_AS_ARRAYS statements return arrays (pg's rowMode 'array').
 */
function prepareFixedStatements(client: pg.PoolClient): void {
  const query = client.query.bind(client) as (...args: unknown[]) => unknown;
  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text === 'string') {
      const rowMode = text.startsWith(ROWS_AS_ARRAYS) ? 'array' : undefined;
      if (Array.isArray(values) && PREPARABLE.has(text)) return query({ name: statementName(text), text, values, rowMode }, ...rest);
      if (rowMode) return query({ text, values, rowMode }, ...rest);
    }
    return query(text, values, ...rest);
  };
}

const statementNames = new Map<string, string>();
function statementName(text: string): string {
  let name = statementNames.get(text);
  if (name === undefined) {
    name = `muon_${statementNames.size}`;
    statementNames.set(text, name);
  }
  return name;
}

/** Runs pending migrations of a phase. Idempotent; safe to call at every start. */
export async function migrate(db: Kysely<Database>, phase: 'expand' | 'contract' = 'expand'): Promise<MigrationResultSet> {
  const migrations = phase === 'expand' ? EXPAND_MIGRATIONS : CONTRACT_MIGRATIONS;
  return runMigrations(db, migrations, `muon_migrations_${phase}`);
}

/** Applies `migrations` recorded in their own ledger table; throws on the first failure. */
export async function runMigrations(db: Kysely<Database>, migrations: Record<string, Migration>, table: string): Promise<MigrationResultSet> {
  const migrator = new Migrator({
    db,
    provider: { getMigrations: async () => migrations },
    migrationTableName: table,
    migrationLockTableName: `${table}_lock`,
  });
  const result = await migrator.migrateToLatest();
  if (result.error) throw result.error;
  return result;
}
