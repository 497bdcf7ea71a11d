import { hexToValue, valueToHex } from '../../ipam/ip-address.ts';
import type { Range } from '../../ipam/interval-set.ts';
import { execute, inValueList, queryRow, queryRows, ROWS_AS_ARRAYS, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/**
 * Free space of allocation pools kept as intervals in the `free_ranges`
 * table — IP addresses of a subnet (pool `subnet:<id>`) and segmentation ids
 * of a network type (pool `vxlan`, `vlan:physnet1`).
 *
 * Why intervals: taking a value reads one interval row and shrinks it, so the
 * cost is the same in an empty pool and in a 99.9 % full one — no scan of
 * what is used. Why chunks: a pool is seeded as up to CHUNKS intervals so
 * that concurrent transactions on PostgreSQL lock different rows (`FOR UPDATE
 * SKIP LOCKED`) instead of queueing on one. Chunks hold at least
 * MIN_CHUNK_SIZE values: a /24 is one row, a /16 64 rows. Small pools gain
 * little from parallel takers (a few ports at a time), and utilisation
 * reports read every row of every pool — 10,000 tenant /24s are 10,000 rows,
 * not 640,000. Released values come back as single-value rows; nothing needs
 * merging for correctness.
 *
 * Exactness does not rest on this table alone: the tables that hold
 * allocations (ip_allocations, network_segments) have unique keys, so a value
 * can never be handed out twice even if this table were wrong.
 */
export class FreeRangeRepo {
  static readonly CHUNKS = 64;
  static readonly MIN_CHUNK_SIZE = 128n;

  /** Replaces the free space of `pool` (create, or pool edits). */
  async reset(tx: Tx, pool: string, ranges: readonly Range[]): Promise<void> {
    await this.drop(tx, pool);
    await this.add(tx, pool, ranges);
  }

  /**
   * Adds values that are in no row yet (chunked like a fresh pool): a
   * reservation's addresses coming back. A row starting where one already
   * starts is skipped, as `release` does.
   */
  async add(tx: Tx, pool: string, ranges: readonly Range[], options: { chunked?: boolean } = {}): Promise<void> {
    const pieces = options.chunked === false ? ranges : ranges.flatMap(chunks);
    const rows = pieces.map((r) => ({ pool, first_hex: valueToHex(r.first), last_hex: valueToHex(r.last) }));
    for (let i = 0; i < rows.length; i += 500) {
      await tx.db.insertInto('free_ranges').values(rows.slice(i, i + 500)).onConflict((oc) => oc.doNothing()).execute();
    }
  }

  async drop(tx: Tx, pool: string): Promise<void> {
    await tx.db.deleteFrom('free_ranges').where('pool', '=', pool).execute();
  }

  /**
   * Takes a free value from the lowest chunk not being taken by a concurrent transaction.
   * Returns undefined only when the pool is really empty (it waits for rows
   * locked by others before concluding that).
   */
  async takeAny(tx: Tx, pool: string): Promise<bigint | undefined> {
    if (tx.dialect === 'postgres') {
      // The common case in one statement: the top value of the first unlocked chunk holding two or more.
      const shrunk = await queryRow<RangeRow>(tx, `update "free_ranges" set "last_hex" = muon_hex_pred("last_hex")
        where "pool" = ? and "first_hex" = (select "first_hex" from "free_ranges" where "pool" = ? order by "first_hex" limit 1 for update skip locked)
          and "first_hex" < "last_hex"
        returning "first_hex", "last_hex"`, [pool, pool]);
      if (shrunk) return hexToValue(shrunk.last_hex) + 1n;
    }
    for (let attempt = 0; attempt < 100; attempt++) {
      const row = await this.lockFirst(tx, pool, true) ?? await this.lockFirst(tx, pool, false);
      // The high end of the chunk: only the unindexed last_hex changes, so PostgreSQL can update
      // the row in place (HOT) instead of leaving a dead index entry per allocation.
      if (row) return this.takeFromRow(tx, pool, row, hexToValue(row.last_hex));
      const anyLeft = await queryRow(tx, 'select "first_hex" from "free_ranges" where "pool" = ? limit 1', [pool]);
      if (!anyLeft) return undefined;
    }
    return undefined;
  }

  /** Takes `value` if it is free; false when it is taken or outside the pool's ranges. */
  async takeSpecific(tx: Tx, pool: string, value: bigint): Promise<boolean> {
    const hex = valueToHex(value);
    const lock = tx.dialect === 'postgres' ? ' for update' : '';
    const row = await queryRow<RangeRow>(tx,
      `select "first_hex", "last_hex" from "free_ranges" where "pool" = ? and "first_hex" <= ? order by "first_hex" desc limit 1${lock}`, [pool, hex]);
    if (!row || row.last_hex < hex) return false;
    await this.takeFromRow(tx, pool, row, value);
    return true;
  }

  /** Returns a value to the pool (idempotent). */
  async release(tx: Tx, pool: string, value: bigint): Promise<void> {
    const hex = valueToHex(value);
    await execute(tx, 'insert into "free_ranges" ("pool", "first_hex", "last_hex") values (?, ?, ?) on conflict do nothing', [pool, hex, hex]);
  }

  /**
   * Takes every value of [first, last] if all of them are free (a
   * reservation); false, changing nothing, when any is not. Locks the rows
   * it carves on PostgreSQL; rows a concurrent transaction split meanwhile
   * are looked for once more with a fresh snapshot before answering false.
   */
  async takeRange(tx: Tx, pool: string, first: bigint, last: bigint): Promise<boolean> {
    let rows = await this.overlapping(tx, pool, first, last);
    if (!covers(rows, first, last) && tx.dialect === 'postgres') rows = await this.overlapping(tx, pool, first, last);
    if (!covers(rows, first, last)) return false;
    for (const row of rows) {
      const rowFirst = hexToValue(row.first_hex);
      const rowLast = hexToValue(row.last_hex);
      if (rowFirst < first) await execute(tx, 'update "free_ranges" set "last_hex" = ? where "pool" = ? and "first_hex" = ?', [valueToHex(first - 1n), pool, row.first_hex]);
      else await execute(tx, 'delete from "free_ranges" where "pool" = ? and "first_hex" = ?', [pool, row.first_hex]);
      if (rowLast > last) await execute(tx, 'insert into "free_ranges" ("pool", "first_hex", "last_hex") values (?, ?, ?)', [pool, valueToHex(last + 1n), row.last_hex]);
    }
    return true;
  }

  /**
   * Rows of many pools as hex bounds, ascending within each pool: a flat
   * list `[first, last, first, last, …]` per pool (reports: one statement for
   * any number of pools, no object per row). For many pools, every pool
   * whose name starts with `scanPrefix` is read by a primary-key range scan
   * and the others dropped: cheaper than matching thousands of names.
   */
  async hexRangesOf(tx: Tx, pools: readonly string[], scanPrefix?: string): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (pools.length === 0) return out;
    const scan = scanPrefix !== undefined && pools.length > 200;
    const rows = scan
      ? await queryRows<[string, string, string]>(tx, `${ROWS_AS_ARRAYS}select "pool", "first_hex", "last_hex" from "free_ranges" where "pool" >= ? and "pool" < ? order by "pool", "first_hex"`,
        [scanPrefix, scanPrefix.slice(0, -1) + String.fromCharCode(scanPrefix.charCodeAt(scanPrefix.length - 1) + 1)])
      : await queryRows<[string, string, string]>(tx, `${ROWS_AS_ARRAYS}select "pool", "first_hex", "last_hex" from "free_ranges" where ${inValueList(tx, '"pool"')} order by "pool", "first_hex"`, [valueList(tx, pools)]);
    const wanted = scan ? new Set(pools) : undefined;
    for (const [pool, firstHex, lastHex] of rows) {
      if (wanted !== undefined && !wanted.has(pool)) continue;
      const list = out.get(pool);
      if (list === undefined) out.set(pool, [firstHex, lastHex]);
      else list.push(firstHex, lastHex);
    }
    return out;
  }

  /** Up to `limit` rows of a pool starting after `afterHex` ('' = from the lowest), ascending: a walk over the free space. */
  async after(tx: Tx, pool: string, afterHex: string, limit: number): Promise<Range[]> {
    const rows = await queryRows<[string, string]>(tx,
      `${ROWS_AS_ARRAYS}select "first_hex", "last_hex" from "free_ranges" where "pool" = ? and "first_hex" > ? order by "first_hex" limit ?`, [pool, afterHex, limit]);
    return rows.map(([first, last]) => ({ first: hexToValue(first), last: hexToValue(last) }));
  }

  private async overlapping(tx: Tx, pool: string, first: bigint, last: bigint): Promise<RangeRow[]> {
    const lock = tx.dialect === 'postgres' ? ' for update' : '';
    // A row overlaps when it starts at or before `last` and ends at or after `first`; rows never overlap each other.
    return queryRows<RangeRow>(tx, `select "first_hex", "last_hex" from "free_ranges" where "pool" = ? and "first_hex" <= ? and "last_hex" >= ? order by "first_hex"${lock}`,
      [pool, valueToHex(last), valueToHex(first)]);
  }

  /** All free intervals of a pool, ascending (reports; not on the allocation path). */
  async ranges(tx: Tx, pool: string): Promise<Range[]> {
    const rows = await tx.db.selectFrom('free_ranges').select(['first_hex', 'last_hex']).where('pool', '=', pool).orderBy('first_hex').execute();
    return rows.map((r) => ({ first: hexToValue(r.first_hex), last: hexToValue(r.last_hex) }));
  }

  private async lockFirst(tx: Tx, pool: string, skipLocked: boolean): Promise<RangeRow | undefined> {
    if (tx.dialect === 'sqlite' && skipLocked) return undefined; // SQLite: one writer at a time, nothing to skip
    const lock = tx.dialect === 'sqlite' ? '' : skipLocked ? ' for update skip locked' : ' for update';
    return queryRow<RangeRow>(tx, `select "first_hex", "last_hex" from "free_ranges" where "pool" = ? order by "first_hex" limit 1${lock}`, [pool]);
  }

  /** Removes `value` from the locked row, splitting it when the value is inside. */
  private async takeFromRow(tx: Tx, pool: string, row: RangeRow, value: bigint): Promise<bigint> {
    const first = hexToValue(row.first_hex);
    const last = hexToValue(row.last_hex);
    if (value === first && value === last) {
      await execute(tx, 'delete from "free_ranges" where "pool" = ? and "first_hex" = ?', [pool, row.first_hex]);
    } else if (value === first) {
      await execute(tx, 'update "free_ranges" set "first_hex" = ? where "pool" = ? and "first_hex" = ?', [valueToHex(first + 1n), pool, row.first_hex]);
    } else if (value === last) {
      await execute(tx, 'update "free_ranges" set "last_hex" = ? where "pool" = ? and "first_hex" = ?', [valueToHex(last - 1n), pool, row.first_hex]);
    } else {
      await execute(tx, 'update "free_ranges" set "last_hex" = ? where "pool" = ? and "first_hex" = ?', [valueToHex(value - 1n), pool, row.first_hex]);
      await execute(tx, 'insert into "free_ranges" ("pool", "first_hex", "last_hex") values (?, ?, ?)', [pool, valueToHex(value + 1n), valueToHex(last)]);
    }
    return value;
  }
}

type RangeRow = { first_hex: string; last_hex: string };

/** True when the ascending, disjoint rows hold every value of [first, last]. */
function covers(rows: readonly RangeRow[], first: bigint, last: bigint): boolean {
  let next = first;
  for (const row of rows) {
    if (hexToValue(row.first_hex) > next) return false;
    const rowLast = hexToValue(row.last_hex);
    if (rowLast >= last) return true;
    next = rowLast + 1n;
  }
  return false;
}

/** A range as seeded rows: at most CHUNKS pieces of at least MIN_CHUNK_SIZE values. */
function chunks(range: Range): Range[] {
  const wanted = (range.last - range.first + 1n) / FreeRangeRepo.MIN_CHUNK_SIZE;
  const parts = wanted < 1n ? 1 : wanted > BigInt(FreeRangeRepo.CHUNKS) ? FreeRangeRepo.CHUNKS : Number(wanted);
  return split(range, parts);
}

/** Splits a range into at most `parts` contiguous pieces of near-equal size. */
function split(range: Range, parts: number): Range[] {
  const size = range.last - range.first + 1n;
  const count = size < BigInt(parts) ? size : BigInt(parts);
  const step = size / count;
  const out: Range[] = [];
  let first = range.first;
  for (let i = 0n; i < count; i++) {
    const last = i === count - 1n ? range.last : first + step - 1n;
    out.push({ first, last });
    first = last + 1n;
  }
  return out;
}
