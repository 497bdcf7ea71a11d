import { inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** One holding of an address by a port (written by the ip_allocations triggers, expand 0005). */
export interface IpHoldingRow {
  id: number;
  ip_address: string; subnet_id: string; network_id: string; project_id: string;
  port_id: string; device_id: string; device_owner: string; mac_address: string;
  held_from: string; held_until: string | null;
}

/** What a history query may ask; every list is OR within, AND across. Times are ISO 8601 UTC with milliseconds. */
export interface IpHistoryQuery {
  readonly ip_address?: readonly string[];
  readonly subnet_id?: readonly string[];
  readonly network_id?: readonly string[];
  readonly project_id?: readonly string[];
  readonly port_id?: readonly string[];
  readonly device_id?: readonly string[];
  /** Holdings that covered this instant. */
  readonly at?: string;
  /** Holdings that overlap [since, until). */
  readonly since?: string;
  readonly until?: string;
  readonly limit?: number;
}

const LIST_COLUMNS = ['ip_address', 'subnet_id', 'network_id', 'project_id', 'port_id', 'device_id'] as const;

/** The address history, oldest holding first. */
export class IpHistoryRepo {
  async list(tx: Tx, query: IpHistoryQuery): Promise<IpHoldingRow[]> {
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
    // The limit is a parameter too: statement texts stay few (each becomes a prepared statement on PostgreSQL).
    const limit = query.limit !== undefined ? ' limit ?' : '';
    if (query.limit !== undefined) params.push(Math.trunc(query.limit));
    const rows = await queryRows<IpHoldingRow>(tx,
      `select * from "ip_address_history"${where.length ? ` where ${where.join(' and ')}` : ''} order by "held_from", "id"${limit}`, params);
    return rows.map((row) => ({ ...row, id: Number(row.id) }));
  }
}
