import { execute } from '../../store/fast-sql.ts';
import type { Tx } from '../../store/store.ts';

/**
 * revision_number + 1 and updated_at = now for a row, at most once per
 * transaction (Neutron bumps a resource once per commit, also when only its
 * children changed: a port's addresses, a network's subnets).
 * `force` bumps even a row created in this same transaction (an update).
 */
export async function bumpRevision(tx: Tx, table: string, id: string, options: { force?: boolean } = {}): Promise<void> {
  const key = `${table}/${id}`;
  if (tx.bumped.has(key) && !options.force) return;
  if (tx.bumped.has(`${key}#updated`)) return;
  tx.bumped.add(key);
  tx.bumped.add(`${key}#updated`);
  await execute(tx, `update "${table}" set "revision_number" = "revision_number" + 1, "updated_at" = ? where "id" = ?`, [tx.now, id]);
}
