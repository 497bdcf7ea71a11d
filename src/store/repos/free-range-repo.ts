import { hexToValue, valueToHex } from '../../ipam/ip-address.ts';
import type { Range } from '../../ipam/interval-set.ts';
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
 * SKIP LOCKED`) instead of queueing on one. Released values come back as
 * single-value rows; nothing needs merging for correctness.
 *
 * Exactness does not rest on this table alone: the tables that hold
 * allocations (ip_allocations, network_segments) have unique keys, so a value
 * can never be handed out twice even if this table were wrong.
 */
export class FreeRangeRepo {
  static readonly CHUNKS = 64;

  /** Replaces the free space of `pool` (create, or pool edits). */
  async reset(tx: Tx, pool: string, ranges: readonly Range[]): Promise<void> {
    await this.drop(tx, pool);
    const rows = ranges.flatMap((r) => split(r, FreeRangeRepo.CHUNKS)).map((r) => ({ pool, first_hex: valueToHex(r.first), last_hex: valueToHex(r.last) }));
    for (let i = 0; i < rows.length; i += 500) await tx.db.insertInto('free_ranges').values(rows.slice(i, i + 500)).execute();
  }

  async drop(tx: Tx, pool: string): Promise<void> {
    await tx.db.deleteFrom('free_ranges').where('pool', '=', pool).execute();
  }

  /**
   * Takes the lowest free value not being taken by a concurrent transaction.
   * Returns undefined only when the pool is really empty (it waits for rows
   * locked by others before concluding that).
   */
  async takeAny(tx: Tx, pool: string): Promise<bigint | undefined> {
    for (let attempt = 0; attempt < 100; attempt++) {
      const row = await this.lockFirst(tx, pool, true) ?? await this.lockFirst(tx, pool, false);
      if (row) return this.takeFromRow(tx, pool, row, hexToValue(row.first_hex));
      const anyLeft = await tx.db.selectFrom('free_ranges').select('first_hex').where('pool', '=', pool).limit(1).executeTakeFirst();
      if (!anyLeft) return undefined;
    }
    return undefined;
  }

  /** Takes `value` if it is free; false when it is taken or outside the pool's ranges. */
  async takeSpecific(tx: Tx, pool: string, value: bigint): Promise<boolean> {
    const hex = valueToHex(value);
    let query = tx.db.selectFrom('free_ranges').select(['first_hex', 'last_hex'])
      .where('pool', '=', pool).where('first_hex', '<=', hex).orderBy('first_hex', 'desc').limit(1);
    if (tx.dialect === 'postgres') query = query.forUpdate();
    const row = await query.executeTakeFirst();
    if (!row || row.last_hex < hex) return false;
    await this.takeFromRow(tx, pool, row, value);
    return true;
  }

  /** Returns a value to the pool (idempotent). */
  async release(tx: Tx, pool: string, value: bigint): Promise<void> {
    const hex = valueToHex(value);
    await tx.db.insertInto('free_ranges').values({ pool, first_hex: hex, last_hex: hex }).onConflict((oc) => oc.doNothing()).execute();
  }

  /** All free intervals of a pool, ascending (reports; not on the allocation path). */
  async ranges(tx: Tx, pool: string): Promise<Range[]> {
    const rows = await tx.db.selectFrom('free_ranges').select(['first_hex', 'last_hex']).where('pool', '=', pool).orderBy('first_hex').execute();
    return rows.map((r) => ({ first: hexToValue(r.first_hex), last: hexToValue(r.last_hex) }));
  }

  private async lockFirst(tx: Tx, pool: string, skipLocked: boolean): Promise<{ first_hex: string; last_hex: string } | undefined> {
    let query = tx.db.selectFrom('free_ranges').select(['first_hex', 'last_hex']).where('pool', '=', pool).orderBy('first_hex').limit(1);
    if (tx.dialect === 'postgres') query = skipLocked ? query.forUpdate().skipLocked() : query.forUpdate();
    else if (skipLocked) return undefined; // SQLite: one writer at a time, nothing to skip
    return query.executeTakeFirst();
  }

  /** Removes `value` from the locked row, splitting it when the value is inside. */
  private async takeFromRow(tx: Tx, pool: string, row: { first_hex: string; last_hex: string }, value: bigint): Promise<bigint> {
    const first = hexToValue(row.first_hex);
    const last = hexToValue(row.last_hex);
    const key = tx.db.updateTable('free_ranges').where('pool', '=', pool).where('first_hex', '=', row.first_hex);
    if (value === first && value === last) {
      await tx.db.deleteFrom('free_ranges').where('pool', '=', pool).where('first_hex', '=', row.first_hex).execute();
    } else if (value === first) {
      await key.set({ first_hex: valueToHex(first + 1n) }).execute();
    } else if (value === last) {
      await key.set({ last_hex: valueToHex(last - 1n) }).execute();
    } else {
      await key.set({ last_hex: valueToHex(value - 1n) }).execute();
      await tx.db.insertInto('free_ranges').values({ pool, first_hex: valueToHex(value + 1n), last_hex: valueToHex(last) }).execute();
    }
    return value;
  }
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
