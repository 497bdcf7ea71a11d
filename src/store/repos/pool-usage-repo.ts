import { queryRows } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/**
 * The prefixes a project holds from subnet pools: its subnets carved from a
 * pool and its IP blocks. Runs inside the given `Tx`; one statement.
 */
export class PoolUsageRepo {
  /** CIDRs (text) the project holds from pools, from `poolId` only when given. */
  async prefixesOf(tx: Tx, projectId: string, poolId?: string): Promise<string[]> {
    const pool = poolId === undefined ? '"subnetpool_id" is not null' : '"subnetpool_id" = ?';
    const params = poolId === undefined ? [projectId, projectId] : [projectId, poolId, projectId, poolId];
    const rows = await queryRows<{ cidr: string }>(tx,
      `select "cidr" from "subnets" where "project_id" = ? and ${pool} union all select "cidr" from "ip_blocks" where "project_id" = ? and ${pool}`, params);
    return rows.map((r) => r.cidr);
  }
}
