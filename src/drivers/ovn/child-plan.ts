import { datumEquals, type NativeDatum } from '../../ovsdb/datum.ts';
import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { Transaction } from '../../ovsdb/transaction.ts';

/*
 * Planning the child rows of a set column (a router's ports, routes and NAT,
 * a router port's gateway chassis, a switch's QoS rows): rows that are not
 * root rows live exactly as long as something references them, so the
 * parent's column is the whole truth and a row left out of it goes. Pure
 * given the rows.
 */

type Txn = Transaction<OvnNorthbound>;
type ChildTable = 'Logical_Router_Port' | 'Logical_Router_Static_Route' | 'NAT' | 'Gateway_Chassis' | 'QoS';

/** The columns of `row` that differ from `wanted` (undefined when none do). */
export function changes(row: ReplicaRow, wanted: Record<string, unknown>): Record<string, unknown> | undefined {
  const diff: Record<string, unknown> = {};
  for (const [column, value] of Object.entries(wanted)) {
    if (!datumEquals(row[column] ?? null, value as NativeDatum)) diff[column] = value;
  }
  return Object.keys(diff).length > 0 ? diff : undefined;
}

/**
 * Child rows of a set column (router ports, routes, NAT, gateway chassis):
 * existing rows are matched to desired ones by `key`; a match is updated in
 * place if it differs, an unmatched desired row is inserted under a fresh
 * uuid-name, an unmatched existing row is left out. Returns the column's new
 * value (uuids and uuid-names). Rows left out go with the reference (they
 * are not root rows).
 */
export function planChildren<S>(
  txn: Txn, rows: { row(table: string, uuid: string): ReplicaRow | undefined }, table: ChildTable, current: readonly string[], desired: readonly S[],
  key: (row: Record<string, unknown>) => string, columns: (spec: S, row: ReplicaRow | undefined) => Record<string, unknown>, uuidName: string,
): string[] {
  const existing = new Map<string, ReplicaRow>();
  for (const uuid of current) {
    const row = rows.row(table, uuid);
    if (row && !existing.has(key(row))) existing.set(key(row), row);
  }
  return desired.map((spec, i) => {
    const wanted = columns(spec, undefined);
    const row = existing.get(key(wanted));
    if (row === undefined) {
      txn.insert(table, columns(spec, undefined) as never, `${uuidName}_${i}`);
      return `${uuidName}_${i}`;
    }
    existing.delete(key(wanted));
    const update = changes(row, columns(spec, row));
    if (update) txn.update(table, [['_uuid', '==', row._uuid]], update as never);
    return row._uuid;
  });
}

