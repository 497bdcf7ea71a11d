import type { Tx } from '../store.ts';
import { listHoldings, type HoldingTimeQuery } from './holding-history.ts';

/** One prefix carved from a subnet pool (a subnet made from it), written by the subnets triggers (expand 0007). */
export interface PrefixHoldingRow {
  id: number;
  prefix: string; subnetpool_id: string; subnet_id: string; network_id: string; project_id: string;
  held_from: string; held_until: string | null;
}

/** What a prefix history query may ask: lists are OR within, AND across; times ISO 8601 UTC with milliseconds. */
export interface PrefixHistoryQuery extends HoldingTimeQuery {
  readonly prefix?: readonly string[];
  readonly subnetpool_id?: readonly string[];
  readonly subnet_id?: readonly string[];
  readonly network_id?: readonly string[];
  readonly project_id?: readonly string[];
}

const LIST_COLUMNS = ['prefix', 'subnetpool_id', 'subnet_id', 'network_id', 'project_id'] as const;

/** The subnet-pool prefix history, oldest holding first. */
export class PrefixHistoryRepo {
  list(tx: Tx, query: PrefixHistoryQuery): Promise<PrefixHoldingRow[]> {
    return listHoldings<PrefixHoldingRow, (typeof LIST_COLUMNS)[number]>(tx, 'subnetpool_prefix_history', LIST_COLUMNS, query);
  }
}
