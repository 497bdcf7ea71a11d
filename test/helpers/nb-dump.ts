import { OvsdbClient } from '../../src/ovsdb/ovsdb-client.ts';
import type { ReplicaRow } from '../../src/ovsdb/replica.ts';

/** The tables the switch-level tests compare (rows of other tables are not muon's concern there). */
export const SWITCH_TABLES = ['Logical_Switch', 'Logical_Switch_Port', 'DHCP_Options', 'Port_Group', 'ACL', 'Address_Set', 'DNS'] as const;

/**
 * The rows of `tables` of a northbound DB without uuids, in a stable order:
 * a reference to another row is replaced by that row's label (its name, or
 * for nameless rows — DHCP_Options, ACL, DNS — the row's own columns), so two
 * databases written independently compare equal when they hold the same.
 */
export async function dumpNb(remote: string, tables: readonly string[] = SWITCH_TABLES): Promise<Record<string, unknown[]>> {
  const client = new OvsdbClient({ remote, database: 'OVN_Northbound' });
  await client.start();
  try {
    const monitor = await client.monitor(Object.fromEntries(tables.map((t) => [t, {}])));
    const byUuid = new Map<string, ReplicaRow>();
    for (const table of tables) for (const row of monitor.replica.rows(table).values()) byUuid.set(row._uuid, row);
    const labels = new Map<string, string>();
    const label = (uuid: string): string => {
      const cached = labels.get(uuid);
      if (cached !== undefined) return cached;
      const row = byUuid.get(uuid);
      if (row === undefined) return uuid;
      labels.set(uuid, '(cycle)');
      const text = typeof row.name === 'string' && row.name !== '' ? row.name : JSON.stringify(normal(row));
      labels.set(uuid, text);
      return text;
    };
    const value = (v: unknown): unknown => {
      if (typeof v === 'string' && byUuid.has(v)) return label(v);
      if (Array.isArray(v)) return v.map(value).sort();
      return v;
    };
    const normal = (row: ReplicaRow) => Object.fromEntries(Object.entries(row).filter(([k]) => k !== '_uuid').sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => [k, value(v)]));
    const dump: Record<string, unknown[]> = {};
    for (const table of tables) {
      dump[table] = [...monitor.replica.rows(table).values()].map(normal).sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
    }
    return dump;
  } finally {
    await client.stop();
  }
}

/**
 * Fails unless two dumps are equal, naming the rows present in one only
 * (assert.deepEqual's diff of two large dumps can take minutes to compute).
 */
export function assertSameNb(actual: Record<string, unknown[]>, expected: Record<string, unknown[]>): void {
  const differences: string[] = [];
  for (const table of new Set([...Object.keys(actual), ...Object.keys(expected)])) {
    const [a, e] = [new Set((actual[table] ?? []).map((r) => JSON.stringify(r))), new Set((expected[table] ?? []).map((r) => JSON.stringify(r)))];
    for (const row of a) if (!e.has(row)) differences.push(`${table} only in the first: ${row}`);
    for (const row of e) if (!a.has(row)) differences.push(`${table} only in the second: ${row}`);
    if ((actual[table] ?? []).length !== (expected[table] ?? []).length) differences.push(`${table}: ${(actual[table] ?? []).length} rows vs ${(expected[table] ?? []).length}`);
  }
  if (differences.length > 0) throw new Error(`the northbound databases differ:\n${differences.join('\n')}`);
}
