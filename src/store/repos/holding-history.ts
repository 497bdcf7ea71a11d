import { inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/**
 * The time filters every holding history shares (addresses held by ports,
 * prefixes carved from pools): rows carry `held_from` and `held_until`
 * (null while still held). Times are ISO 8601 UTC with milliseconds.
 */
export interface HoldingTimeQuery {
  /** Holdings that covered this instant. */
  readonly at?: string;
  /** Holdings that overlap [since, until). */
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
}

/**
 * Lists a holding history table, oldest holding first: each named column
 * filters by a list of values (OR within a list, AND across lists and
 * with the time filters).
 */
export async function listHoldings<Row extends { id: number }, Column extends string>(
  tx: Tx, table: string, columns: readonly Column[],
  query: HoldingTimeQuery & { readonly [C in Column]?: readonly string[] }): Promise<Row[]> {
  const where: string[] = [];
  const params: unknown[] = [];
  for (const column of columns) {
    const values = query[column];
    if (values === undefined || values.length === 0) continue;
    where.push(inValueList(tx, `"${column}"`));
    params.push(valueList(tx, values));
  }
  if (query.at !== undefined) {
    where.push('"held_from" <= ? and ("held_until" is null or "held_until" > ?)');
    params.push(query.at, query.at);
  }
  if (query.until !== undefined) { where.push('"held_from" < ?'); params.push(query.until); }
  if (query.since !== undefined) { where.push('("held_until" is null or "held_until" > ?)'); params.push(query.since); }
  // The limit is a parameter too: statement texts stay few (each becomes a prepared statement on PostgreSQL).
  const limit = query.limit !== undefined ? ' limit ?' : '';
  if (query.limit !== undefined) params.push(Math.trunc(query.limit));
  const rows = await queryRows<Row>(tx,
    `select * from "${table}"${where.length ? ` where ${where.join(' and ')}` : ''} order by "held_from", "id"${limit}`, params);
  // PostgreSQL returns bigserial ids as strings.
  return rows.map((row) => ({ ...row, id: Number(row.id) }));
}
