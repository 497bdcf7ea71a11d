import { CompiledQuery, sql, type Expression, type SqlBool } from 'kysely';
import type { DialectName } from './db.ts';
import type { Tx } from './store.ts';

/**
 * Hand-written SQL for the statements every request runs (get by id, insert,
 * the IPAM interval operations …). Kysely's builder allocates and freezes a
 * query tree and compiles it on every call, which profiling showed to be the
 * largest single cost of a port create; these statements are fixed text, so
 * they are translated once per dialect and, on PostgreSQL, prepared once per
 * connection (SQLite statements are cached by the connection wrapper in db.ts).
 *
 * Write them with `?` placeholders in portable SQL; `$n` is produced for PostgreSQL.
 */
const translated = new Map<string, string>();

/**
 * A statement whose text begins with this comment returns each row as an
 * array of column values instead of an object (db.ts sets the drivers up so):
 * lists of thousands of rows then allocate no object per row.
 */
export const ROWS_AS_ARRAYS = '/* rows as arrays */ ';

/**
 * A statement whose text begins with this comment is a write whose result
 * nobody reads: on PostgreSQL, inside a transaction, it travels with the
 * next statement instead of costing a round trip of its own (pg-round-trips.ts).
 */
export const DEFERRED = '/* deferred */ ';

/** Texts that may become named prepared statements on PostgreSQL (bounded: only fixed texts). */
export const PREPARABLE = new Set<string>();

function textFor(dialect: DialectName, text: string): string {
  if (dialect === 'sqlite') return text;
  let out = translated.get(text);
  if (out === undefined) {
    let n = 0;
    out = text.replace(/\?/g, () => `$${++n}`);
    translated.set(text, out);
    if (PREPARABLE.size < 2000) PREPARABLE.add(out);
  }
  return out;
}

/** Rows of a statement. */
export async function queryRows<T = Record<string, unknown>>(tx: Tx, text: string, params: readonly unknown[] = []): Promise<T[]> {
  const result = await tx.db.executeQuery<T>(CompiledQuery.raw(textFor(tx.dialect, text), params as unknown[]));
  return result.rows;
}

/** The first row, or undefined. */
export async function queryRow<T = Record<string, unknown>>(tx: Tx, text: string, params: readonly unknown[] = []): Promise<T | undefined> {
  return (await queryRows<T>(tx, text, params))[0];
}

/** Runs a write; returns the number of rows it touched. */
export async function execute(tx: Tx, text: string, params: readonly unknown[] = []): Promise<number> {
  const result = await tx.db.executeQuery(CompiledQuery.raw(textFor(tx.dialect, text), params as unknown[]));
  return Number(result.numAffectedRows ?? 0n);
}

/**
 * Runs a write whose result the caller does not need. On PostgreSQL, inside a
 * transaction, it is sent with the transaction's next statement (or its
 * commit): its error — a key refusing the row — is raised there, and fails
 * the transaction all the same. Use it only for writes that no later step of
 * the transaction needs to have seen fail at once.
 */
export async function executeDeferred(tx: Tx, text: string, params: readonly unknown[] = []): Promise<void> {
  await tx.db.executeQuery(CompiledQuery.raw(textFor(tx.dialect, tx.dialect === 'postgres' ? DEFERRED + text : text), params as unknown[]));
}

/**
 * `column` is one of a list of values bound to a single placeholder; bind
 * `valueList(tx, values)` to it. One parameter for any number of values:
 * no parameter limits to chunk around, and one fixed text to prepare.
 */
export function inValueList(tx: Tx, column: string): string {
  return tx.dialect === 'postgres' ? `${column} = any(?)` : `${column} in (select value from json_each(?))`;
}

/** The parameter for `inValueList`: an array on PostgreSQL, a JSON array text on SQLite. */
export function valueList(tx: Tx, values: readonly unknown[]): unknown {
  return tx.dialect === 'postgres' ? values : JSON.stringify(values);
}

/**
 * The query-builder form of `inValueList`: `.where(inValues(tx, 'port_id', ids))`.
 * Kysely's `where(column, 'in', values)` binds one parameter per value, and a
 * list of ports can be longer than SQLite's 32,766 (PostgreSQL's 65,535)
 * parameters: this binds one, whatever the length.
 */
export function inValues(tx: Tx, column: string, values: readonly unknown[]): Expression<SqlBool> {
  return tx.dialect === 'postgres'
    ? sql<SqlBool>`${sql.ref(column)} = any(${values})`
    : sql<SqlBool>`${sql.ref(column)} in (select value from json_each(${JSON.stringify(values)}))`;
}

/** `?, ?, ?` for n values. */
export function placeholders(n: number): string {
  return n === 0 ? '' : '?' + ', ?'.repeat(n - 1);
}
