import type { Tx } from '../store.ts';
import { listHoldings, type HoldingTimeQuery } from './holding-history.ts';

/** One holding of an address by a port (written by the ip_allocations triggers, expand 0005). */
export interface IpHoldingRow {
  id: number;
  ip_address: string; subnet_id: string; network_id: string; project_id: string;
  port_id: string; device_id: string; device_owner: string; mac_address: string;
  held_from: string; held_until: string | null;
}

/** What a history query may ask; every list is OR within, AND across. Times are ISO 8601 UTC with milliseconds. */
export interface IpHistoryQuery extends HoldingTimeQuery {
  readonly ip_address?: readonly string[];
  readonly subnet_id?: readonly string[];
  readonly network_id?: readonly string[];
  readonly project_id?: readonly string[];
  readonly port_id?: readonly string[];
  readonly device_id?: readonly string[];
}

const LIST_COLUMNS = ['ip_address', 'subnet_id', 'network_id', 'project_id', 'port_id', 'device_id'] as const;

/** The address history, oldest holding first. */
export class IpHistoryRepo {
  list(tx: Tx, query: IpHistoryQuery): Promise<IpHoldingRow[]> {
    return listHoldings<IpHoldingRow, (typeof LIST_COLUMNS)[number]>(tx, 'ip_address_history', LIST_COLUMNS, query);
  }
}
