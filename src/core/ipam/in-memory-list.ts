import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ListQuery } from '../../store/repos/list-query.ts';

/**
 * Neutron's list semantics over records computed in memory (the IPAM
 * reports, which have no table): `in` conditions (OR within a filter, AND
 * across), sort keys with the record key as the last tie-breaker, marker,
 * limit and page_reverse — the same answers ResourceRepo gives from SQL.
 * Columns are attribute names here (report attributes have no ':').
 * Values compare as numbers when both are numbers, else as text; null sorts
 * first, as on PostgreSQL and SQLite in ascending order.
 */
export function applyListQuery(records: readonly ResourceRecord[], query: ListQuery, key: string): ResourceRecord[] {
  let rows = records.filter((record) => query.conditions.every((c) => c.kind === 'in' && c.values.some((v) => matches(record[c.column], v))));
  const sort = [...query.sort.filter((s) => s.column !== key), { column: key, direction: query.sort.find((s) => s.column === key)?.direction ?? 'asc' as const }];
  const order = (a: ResourceRecord, b: ResourceRecord) => {
    for (const { column, direction } of sort) {
      const c = compare(a[column], b[column]);
      if (c !== 0) return direction === 'asc' ? c : -c;
    }
    return 0;
  };
  rows.sort(order);
  if (query.limit === undefined) return rows;
  if (query.marker !== undefined) {
    const marker = rows.find((r) => String(r[key]) === query.marker);
    if (marker !== undefined) {
      rows = query.pageReverse ? rows.filter((r) => order(r, marker) < 0) : rows.filter((r) => order(r, marker) > 0);
    }
  }
  return query.pageReverse ? rows.slice(Math.max(0, rows.length - query.limit)) : rows.slice(0, query.limit);
}

/** Filter values arrive converted to their stored form: booleans as 0/1, integers as numbers. */
function matches(value: unknown, wanted: unknown): boolean {
  if (typeof value === 'boolean') return (value ? 1 : 0) === Number(wanted);
  if (typeof value === 'number') return value === Number(wanted);
  return value === wanted || (value === null && wanted === '');
}

function compare(a: unknown, b: unknown): number {
  if (a === b) return 0;
  if (a === null || a === undefined) return -1;
  if (b === null || b === undefined) return 1;
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (typeof a === 'boolean' || typeof b === 'boolean') return Number(a) - Number(b);
  return String(a) < String(b) ? -1 : 1;
}
