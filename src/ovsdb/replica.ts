import { columnType, datumEquals, decodeDatum, defaultDatum, shapeOf, wireElements, type ColumnType, type NativeAtom, type NativeDatum } from './datum.ts';
import type { DatabaseSchema, TableUpdates, TableUpdates2, WireAtom, WireDatum, WireRow } from './protocol.ts';

/** A row as the replica holds it: `_uuid` plus the monitored columns, natively typed. */
export type ReplicaRow = { _uuid: string } & Record<string, NativeDatum>;

/** One row that changed: `old` absent for an insert, `new` absent for a delete. */
export interface RowChange {
  readonly table: string;
  readonly uuid: string;
  readonly old?: ReplicaRow;
  readonly new?: ReplicaRow;
}

/**
 * The in-memory copy of the monitored tables, kept equal to the server's by
 * applying `monitor` results and update notifications (RFC 7047 `update`,
 * ovsdb-server(7) `update2`/`update3`). Not thread-safe in any sense that
 * matters to Node: each apply runs to completion and returns the changes it made.
 */
export class Replica {
  private readonly tables = new Map<string, Map<string, ReplicaRow>>();
  private readonly types = new Map<string, Map<string, ColumnType>>();

  /** `columns`: per monitored table, the monitored columns (all when undefined). */
  constructor(schema: DatabaseSchema, columns: Record<string, readonly string[] | undefined>) {
    for (const [table, wanted] of Object.entries(columns)) {
      const tableSchema = schema.tables[table];
      if (tableSchema === undefined) throw new Error(`table ${table} is not in schema ${schema.name}`);
      const types = new Map<string, ColumnType>();
      for (const name of wanted ?? Object.keys(tableSchema.columns)) {
        const column = tableSchema.columns[name];
        if (column === undefined) throw new Error(`column ${table}.${name} is not in schema ${schema.name}`);
        types.set(name, columnType(column.type));
      }
      this.types.set(table, types);
      this.tables.set(table, new Map());
    }
  }

  /** The rows of a table (live view: do not mutate). */
  rows(table: string): ReadonlyMap<string, ReplicaRow> {
    const rows = this.tables.get(table);
    if (rows === undefined) throw new Error(`table ${table} is not monitored`);
    return rows;
  }

  /** Applies `update` / `monitor` contents (old and new rows). */
  applyUpdates(updates: TableUpdates): RowChange[] {
    const changes: RowChange[] = [];
    for (const [table, rows] of Object.entries(updates)) {
      for (const [uuid, { new: next }] of Object.entries(rows)) {
        changes.push(next === undefined ? this.remove(table, uuid) : this.put(table, uuid, this.fullRow(table, uuid, next)));
      }
    }
    return changes.filter((c) => c.old !== undefined || c.new !== undefined);
  }

  /** Applies `update2` / `update3` / monitor_cond(_since) contents. */
  applyUpdates2(updates: TableUpdates2): RowChange[] {
    const changes: RowChange[] = [];
    for (const [table, rows] of Object.entries(updates)) {
      for (const [uuid, update] of Object.entries(rows)) {
        const full = update.initial ?? update.insert;
        if (full !== undefined) changes.push(this.put(table, uuid, this.fullRow(table, uuid, full)));
        else if (update.modify !== undefined) changes.push(this.modify(table, uuid, update.modify));
        else if ('delete' in update) changes.push(this.remove(table, uuid));
      }
    }
    return changes.filter((c) => c.old !== undefined || c.new !== undefined);
  }

  /**
   * Replaces the whole contents (a monitor answered with a fresh snapshot,
   * e.g. after a reconnect the server could not resume): returns only the
   * differences from what was held before, so watchers see real changes.
   */
  replaceAll(apply: (replica: Replica) => RowChange[]): RowChange[] {
    const before = new Map([...this.tables].map(([table, rows]) => [table, new Map(rows)]));
    for (const rows of this.tables.values()) rows.clear();
    apply(this);
    const changes: RowChange[] = [];
    for (const [table, rows] of this.tables) {
      const old = before.get(table)!;
      for (const [uuid, row] of rows) {
        const was = old.get(uuid);
        if (was === undefined || !rowEquals(was, row)) changes.push({ table, uuid, old: was, new: row });
      }
      for (const [uuid, was] of old) if (!rows.has(uuid)) changes.push({ table, uuid, old: was });
    }
    return changes;
  }

  private typesOf(table: string): Map<string, ColumnType> {
    const types = this.types.get(table);
    if (types === undefined) throw new Error(`update for unmonitored table ${table}`);
    return types;
  }

  /** A row from a full wire row: omitted columns take their defaults (update2 omits default-valued columns). */
  private fullRow(table: string, uuid: string, wire: WireRow): ReplicaRow {
    const row: ReplicaRow = { _uuid: uuid };
    for (const [name, type] of this.typesOf(table)) {
      row[name] = wire[name] === undefined ? defaultDatum(type) : decodeDatum(type, wire[name]);
    }
    return row;
  }

  private put(table: string, uuid: string, row: ReplicaRow): RowChange {
    const rows = this.tables.get(table)!;
    const old = rows.get(uuid);
    rows.set(uuid, row);
    return { table, uuid, old, new: row };
  }

  private remove(table: string, uuid: string): RowChange {
    const rows = this.typesOf(table) && this.tables.get(table)!;
    const old = rows.get(uuid);
    rows.delete(uuid);
    return { table, uuid, old };
  }

  /**
   * update2 `modify`: columns of at most one value carry the new value; sets
   * carry the symmetric difference (toggle each element); maps carry changed
   * pairs (a new key is added, a key with the same value is removed, a key
   * with another value is replaced).
   */
  private modify(table: string, uuid: string, diff: WireRow): RowChange {
    const rows = this.tables.get(table)!;
    const old = rows.get(uuid);
    if (old === undefined) throw new Error(`modify of unknown row ${table} ${uuid}`);
    const row: ReplicaRow = { ...old };
    const types = this.typesOf(table);
    for (const [name, datum] of Object.entries(diff)) {
      const type = types.get(name);
      if (type !== undefined) row[name] = applyDiff(type, old[name] ?? defaultDatum(type), datum);
    }
    rows.set(uuid, row);
    return { table, uuid, old, new: row };
  }
}

function applyDiff(type: ColumnType, current: NativeDatum, diff: WireDatum): NativeDatum {
  const shape = shapeOf(type);
  if (shape === 'scalar' || shape === 'optional') return decodeDatum(type, diff);
  if (shape === 'map') {
    const map = { ...(current as Record<string, NativeAtom>) };
    for (const [key, value] of Object.entries(decodeDatum(type, diff) as Record<string, NativeAtom>)) {
      if (map[key] === value) delete map[key];
      else map[key] = value;
    }
    return map;
  }
  const set = [...(current as NativeAtom[])];
  for (const atom of wireElements(diff).map((a: WireAtom) => (Array.isArray(a) ? a[1] : a))) {
    const at = set.indexOf(atom);
    if (at >= 0) set.splice(at, 1);
    else set.push(atom);
  }
  return set;
}

/** Column-by-column equality of two replica rows. */
export function rowEquals(a: ReplicaRow, b: ReplicaRow): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => k in b && datumEquals(a[k]!, b[k]!));
}
