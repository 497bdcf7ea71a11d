import { execute } from '../../store/fast-sql.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
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

/**
 * An update's own write: `columns` of the row and, in the same statement,
 * what `bumpRevision(tx, table, id, { force: true })` would do after it —
 * one statement (one round trip on PostgreSQL) instead of two. When the row
 * was already bumped in this transaction, only `columns` are written (none:
 * nothing is). Returns false, writing nothing, when `columns` name the
 * revision or timestamp themselves: the caller then writes in two steps.
 */
export async function updateAndBump(tx: Tx, table: string, id: string, columns: Row): Promise<boolean> {
  const names = Object.keys(columns);
  if (names.includes('revision_number') || names.includes('updated_at')) return false;
  const key = `${table}/${id}`;
  const values = names.map((c) => columns[c]);
  const assignments = names.map((c) => `"${c}" = ?`);
  if (tx.bumped.has(`${key}#updated`)) {
    if (names.length > 0) await execute(tx, `update "${table}" set ${assignments.join(', ')} where "id" = ?`, [...values, id]);
    return true;
  }
  tx.bumped.add(key);
  tx.bumped.add(`${key}#updated`);
  assignments.push('"revision_number" = "revision_number" + 1', '"updated_at" = ?');
  await execute(tx, `update "${table}" set ${assignments.join(', ')} where "id" = ?`, [...values, tx.now, id]);
  return true;
}
