import { inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** One prefix carved from a subnet pool (a subnet made from it), written by the subnets triggers (expand 0007). */
export interface PrefixHoldingRow {
  id: number;
  prefix: string; subnetpool_id: string; subnet_id: string; network_id: string; project_id: string;
  held_from: string; held_until: string | null;
}

/** What a prefix history query may ask: lists are OR within, AND across; times ISO 8601 UTC with milliseconds. */
export interface PrefixHistoryQuery {
  readonly prefix?: readonly string[];
  readonly subnetpool_id?: readonly string[];
  readonly subnet_id?: readonly string[];
  readonly network_id?: readonly string[];
  readonly project_id?: readonly string[];
  readonly at?: string;
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
}

const LIST_COLUMNS = ['prefix', 'subnetpool_id', 'subnet_id', 'network_id', 'project_id'] as const;

/** The subnet-pool prefix history, oldest holding first. */
export class PrefixHistoryRepo {
  async list(tx: Tx, query: PrefixHistoryQuery): Promise<PrefixHoldingRow[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const column of LIST_COLUMNS) {
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
    const limit = query.limit !== undefined ? ' limit ?' : '';
    if (query.limit !== undefined) params.push(Math.trunc(query.limit));
    const rows = await queryRows<PrefixHoldingRow>(tx,
      `select * from "subnetpool_prefix_history"${where.length ? ` where ${where.join(' and ')}` : ''} order by "held_from", "id"${limit}`, params);
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }
}
