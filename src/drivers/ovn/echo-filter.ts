import { datumEquals } from '../../ovsdb/datum.ts';
import type { Operation, WireDatum } from '../../ovsdb/protocol.ts';
import type { RowChange } from '../../ovsdb/replica.ts';

/** What one of muon's transactions touches: the columns of rows by `Table:uuid` (`*` all: a delete; `*:uuid` a row it drops), and the atoms of the rows it inserts. */
interface Flight {
  readonly targets: Map<string, Set<string>>;
  readonly inserts: Array<{ readonly table: string; readonly atoms: Array<[string, string | number | boolean]> }>;
}

/*
 * Echo suppression
 * ----------------
 * Every row muon writes comes back through the monitor. Without a filter,
 * that echo requeues the key just reconciled, whose reconcile then reads
 * everything again to find nothing to do: twice the reads for every change.
 * ovsdb-server sends a transaction's monitor updates before its reply (so a
 * client sees its own changes before it learns they committed); so a change
 * that arrives while one of muon's transactions is in flight, and changes
 * only columns that transaction wrote of a row it named by uuid (or deletes
 * such a row, or inserts one with the same atoms), is muon's own. Changes by
 * anyone else in that window touch other rows or other columns, and still
 * requeue their keys; a change the
 * filter cannot attribute (a row removed by garbage collection, a weak
 * reference cleared) is let through, which costs a reconcile and nothing else.
 */
export class EchoFilter {
  private readonly inFlight = new Set<Flight>();

  /** Runs `send` (the transaction of `operations`) with its rows registered as muon's until it answers. */
  async track<T>(operations: readonly Operation[], send: () => Promise<T>): Promise<T> {
    const flight = flightOf(operations);
    this.inFlight.add(flight);
    try {
      return await send();
    } finally {
      this.inFlight.delete(flight);
    }
  }

  /** Whether `change` is the echo of a transaction of muon's now in flight. */
  isEcho(change: RowChange): boolean {
    return [...this.inFlight].some((flight) => explains(flight, change));
  }
}

function explains(flight: Flight, change: RowChange): boolean {
  const { old, new: row } = change;
  if (old === undefined) return row !== undefined && flight.inserts.some((insert) => insert.table === change.table && insert.atoms.every(([column, value]) => row[column] === value));
  const written = flight.targets.get(`${change.table}:${change.uuid}`);
  if (row === undefined) return written?.has('*') === true || flight.targets.has(`*:${change.uuid}`);
  if (written === undefined) return false;
  const changed = Object.keys(row).filter((column) => column !== '_uuid' && !datumEquals((old[column] ?? null) as never, (row[column] ?? null) as never));
  return changed.every((column) => written.has(column));
}

function flightOf(operations: readonly Operation[]): Flight {
  const flight: Flight = { targets: new Map(), inserts: [] };
  const target = (key: string, columns: readonly string[]) => {
    const set = flight.targets.get(key) ?? new Set<string>();
    for (const column of columns) set.add(column);
    flight.targets.set(key, set);
  };
  for (const op of operations) {
    if (op.op === 'insert') {
      flight.inserts.push({ table: op.table, atoms: Object.entries(op.row).filter((entry): entry is [string, string | number | boolean] => typeof entry[1] !== 'object') });
      continue;
    }
    if (!('where' in op) || op.op === 'select' || op.op === 'wait') continue;
    const columns = op.op === 'update' ? Object.keys(op.row) : op.op === 'mutate' ? op.mutations.map(([column]) => column) : ['*'];
    for (const [column, fn, value] of op.where) if (column === '_uuid' && fn === '==') target(`${op.table}:${uuidOf(value)}`, columns);
    // Rows dropped from a strong reference set go with it (garbage collection): their deletion is an echo too.
    if (op.op === 'mutate') for (const [, mutator, value] of op.mutations) if (mutator === 'delete') for (const uuid of uuidsIn(value)) target(`*:${uuid}`, ['*']);
  }
  return flight;
}

function uuidOf(datum: WireDatum): string | undefined {
  return Array.isArray(datum) && datum[0] === 'uuid' ? (datum[1] as string) : undefined;
}

function uuidsIn(datum: WireDatum): string[] {
  if (Array.isArray(datum) && datum[0] === 'set') return (datum[1] as WireDatum[]).flatMap((atom) => uuidOf(atom) ?? []);
  const one = uuidOf(datum);
  return one ? [one] : [];
}
