import { cidrFirst, cidrLast, type Cidr } from '../../ipam/cidr.ts';
import { IntervalSet, type Range } from '../../ipam/interval-set.ts';
import { ADDRESS_BITS, formatIpAddress, valueToHex } from '../../ipam/ip-address.ts';
import { execute, inValueList, queryRows, ROWS_AS_ARRAYS, valueList } from '../../store/fast-sql.ts';
import type { FreeRangeRepo } from '../../store/repos/free-range-repo.ts';
import type { IpAllocationRepo } from '../../store/repos/ip-allocation-repo.ts';
import type { IpReservationRepo } from '../../store/repos/ip-reservation-repo.ts';
import type { Tx } from '../../store/store.ts';
import { IpAddressReservationConflict, IpAddressReserved, ReservationOutsidePools } from '../errors.ts';
import { AddressInFlux, type AddressUsage, type IpamDriver, type SpecificClaim } from './ipam-driver.ts';
import { prefixPool, subnetPool, type SubnetView } from './subnet-view.ts';

/**
 * The built-in IPAM driver, over this database: free space as intervals
 * (free_ranges, see its header), reservations as rows whose addresses are
 * not in those intervals, allocations as ip_allocations rows.
 *
 * Invariant, per subnet: the allocation pools are exactly the disjoint union
 * of the free intervals, the addresses of reservations not lent to a port,
 * and the pool addresses held by ports. Every operation below moves
 * addresses between those three sets inside one transaction, and the
 * allocation primary key makes a duplicate impossible whatever happens.
 *
 * Concurrency (PostgreSQL): allocations lock the free rows they shrink
 * (SKIP LOCKED spreads concurrent takers over chunks); a reservation locks
 * the free rows it carves; lending or returning an address to a reservation
 * share-locks the reservation row, so a reservation cannot end (delete,
 * expiry) between the check and the commit — its end then sees the port's
 * address as held and leaves it out of what it frees.
 */
export class BuiltinIpamDriver implements IpamDriver {
  readonly name = 'builtin';

  constructor(
    private readonly free: FreeRangeRepo,
    private readonly allocations: IpAllocationRepo,
    private readonly reservations: IpReservationRepo,
    /** Ends a subnet's expired reservations (lazily, when its pools look exhausted); returns how many. */
    private readonly expireReservations: (tx: Tx, subnetId: string) => Promise<number> = async () => 0,
  ) {}

  async addSubnet(tx: Tx, subnet: SubnetView): Promise<void> {
    await this.free.reset(tx, subnetPool(subnet.id), subnet.pools);
  }

  async changePools(tx: Tx, subnet: SubnetView, pools: readonly Range[]): Promise<void> {
    const inPools = IntervalSet.of(pools);
    const reserved = await this.reservations.ofSubnet(tx, subnet.id);
    for (const r of reserved) {
      const range = { first: BigInt(`0x${r.first_hex}`), last: BigInt(`0x${r.last_hex}`) };
      if (!inPools.covers(range)) throw new ReservationOutsidePools(r.id, subnet.id);
    }
    const taken = IntervalSet.of([
      ...(await this.allocations.allOfSubnet(tx, subnet.id)).map((a) => single(BigInt(`0x${a.ip_hex}`))),
      ...reserved.map((r) => ({ first: BigInt(`0x${r.first_hex}`), last: BigInt(`0x${r.last_hex}`) })),
    ]);
    await this.free.reset(tx, subnetPool(subnet.id), inPools.subtract(taken).ranges());
  }

  async removeSubnet(tx: Tx, subnet: SubnetView): Promise<void> {
    await this.free.drop(tx, subnetPool(subnet.id));
    if (subnet.subnetpoolId !== null) await this.releasePrefix(tx, subnet.subnetpoolId, subnet.cidr);
  }

  async addPoolSpace(tx: Tx, poolId: string, ranges: readonly Range[]): Promise<void> {
    // Not chunked: carving from a pool is serialized by its row lock, and aligned prefixes must not straddle rows needlessly.
    await this.free.add(tx, prefixPool(poolId), ranges, { chunked: false });
  }

  async removePool(tx: Tx, poolId: string): Promise<void> {
    await this.free.drop(tx, prefixPool(poolId));
  }

  /*
   * Lowest-fit aligned carving: walk the pool's free rows upwards, merging
   * adjacent ones into runs; the first run holding an aligned block of the
   * size wins. Blocks are handed out lowest first, so the rows below the
   * frontier are only the holes of given-back prefixes (and alignment gaps):
   * with 100,000 /29s given out the walk reads one or two rows.
   */
  async allocatePrefix(tx: Tx, poolId: string, version: 4 | 6, prefixLength: number): Promise<Cidr | undefined> {
    const size = 1n << BigInt(ADDRESS_BITS[version] - prefixLength);
    const fits = (run: Range) => {
      const aligned = ((run.first + size - 1n) / size) * size;
      return aligned + size - 1n <= run.last ? aligned : undefined;
    };
    let run: Range | undefined;
    let after = '';
    for (;;) {
      const rows = await this.free.after(tx, prefixPool(poolId), after, 256);
      for (const row of rows) {
        run = run !== undefined && row.first === run.last + 1n ? { first: run.first, last: row.last } : row;
        const start = fits(run);
        if (start !== undefined) {
          await this.free.takeRange(tx, prefixPool(poolId), start, start + size - 1n);
          return { version, network: start, prefixLength };
        }
      }
      if (rows.length < 256) return undefined;
      after = valueToHex(rows.at(-1)!.first);
    }
  }

  async takePrefix(tx: Tx, poolId: string, cidr: Cidr): Promise<boolean> {
    return this.free.takeRange(tx, prefixPool(poolId), cidrFirst(cidr), cidrLast(cidr));
  }

  async releasePrefix(tx: Tx, poolId: string, cidr: Cidr): Promise<void> {
    await this.free.add(tx, prefixPool(poolId), [{ first: cidrFirst(cidr), last: cidrLast(cidr) }], { chunked: false });
  }

  async poolFreeSpace(tx: Tx, poolIds: readonly string[]): Promise<Map<string, Range[]>> {
    const rows = await this.free.hexRangesOf(tx, poolIds.map(prefixPool), prefixPool(''));
    return new Map(poolIds.map((id) => {
      const hex = rows.get(prefixPool(id)) ?? [];
      const ranges: Range[] = [];
      for (let i = 0; i < hex.length; i += 2) ranges.push({ first: BigInt(`0x${hex[i]}`), last: BigInt(`0x${hex[i + 1]}`) });
      return [id, IntervalSet.of(ranges).ranges()];
    }));
  }

  async allocateAny(tx: Tx, subnet: SubnetView): Promise<bigint | undefined> {
    const value = await this.free.takeAny(tx, subnetPool(subnet.id));
    if (value !== undefined) return value;
    // Exhausted: reservations past their expiry give their addresses back first (the sweep may not have run yet).
    return (await this.expireReservations(tx, subnet.id)) > 0 ? this.free.takeAny(tx, subnetPool(subnet.id)) : undefined;
  }

  /*
   * Which of the three sets holds the address decides the answer, and on
   * PostgreSQL (READ COMMITTED: every statement has its own snapshot) that
   * can only be read *after* the statement that takes the free row's lock.
   * A concurrent transaction that is carving the address out of the free
   * rows (a reservation) holds those rows' locks until it commits, so
   * `takeSpecific` waits for it and fails; only a statement started after
   * that wait sees the reservation it committed. A first `takeSpecific` can
   * also fail without the address being taken (a concurrent commit split
   * the free row, the new row was not in its snapshot), so the take is tried
   * again — and then what was read before that second take is stale too:
   * a reservation may have locked the new row, made the take wait and
   * committed. Hence the loop: take, then look at reservations and
   * allocations, with nothing decided on a read that preceded the last take.
   * An address that is in none of the three sets, after a take that waited
   * for whoever was moving it, is still being moved: look again.
   */
  async allocateSpecific(tx: Tx, subnet: SubnetView, value: bigint, projectId: () => Promise<string>): Promise<SpecificClaim> {
    const pool = subnetPool(subnet.id);
    if (await this.free.takeSpecific(tx, pool, value)) return 'free';
    if (!inPools(subnet, value)) return 'unmanaged';
    const hex = valueToHex(value);
    for (let look = 1; ; look++) {
      const reservation = await this.reservations.covering(tx, subnet.id, hex);
      if (reservation !== undefined && (reservation.expires_at === null || reservation.expires_at > tx.now)) {
        return this.claimReserved(tx, subnet, value, reservation.project_id, projectId);
      }
      if (reservation !== undefined) await this.expireReservations(tx, subnet.id);
      else if (await this.allocations.exists(tx, subnet.id, hex)) return 'held'; // the caller's insert answers IpAddressAlreadyAllocated
      else if (tx.dialect === 'sqlite') return 'unmanaged'; // one writer at a time: the reads above are exact, nothing is moving
      if (await this.free.takeSpecific(tx, pool, value)) return 'free';
      if (look >= MAX_LOOKS) throw new AddressInFlux(formatIpAddress({ version: subnet.ipVersion, value }));
    }
  }

  /** An address inside a live reservation: lent to a port of its project; for another project, refused unless a port holds it already. */
  private async claimReserved(tx: Tx, subnet: SubnetView, value: bigint, owner: string, projectId: () => Promise<string>): Promise<SpecificClaim> {
    if (owner === await projectId()) return 'reserved';
    // Held by a port already: that is the answer (409 IpAddressAlreadyAllocated from the insert), not whose reservation it is.
    const hex = valueToHex(value);
    if ((await this.reservations.heldIn(tx, subnet.id, hex, hex)).length > 0) return 'held';
    throw new IpAddressReserved(formatIpAddress({ version: subnet.ipVersion, value }), subnet.id);
  }

  async release(tx: Tx, subnet: SubnetView, value: bigint): Promise<void> {
    if (!inPools(subnet, value)) return;
    const hex = valueToHex(value);
    // One statement: back to the free intervals unless a reservation holds the address (then it stays with it).
    const lock = tx.dialect === 'postgres' ? ' for share' : '';
    await execute(tx, `insert into "free_ranges" ("pool", "first_hex", "last_hex") select ?, ?, ?
      where not exists (select 1 from "ip_reservations" where "subnet_id" = ? and "first_hex" <= ? and "last_hex" >= ?${lock})
      on conflict do nothing`, [subnetPool(subnet.id), hex, hex, subnet.id, hex, hex]);
  }

  async reserve(tx: Tx, subnet: SubnetView, range: Range): Promise<void> {
    if (!IntervalSet.of(subnet.pools).covers(range)) {
      throw new IpAddressReservationConflict(describe(subnet, range), subnet.id, 'it is not inside the allocation pools');
    }
    if (await this.free.takeRange(tx, subnetPool(subnet.id), range.first, range.last)) return;
    if (await this.expireReservations(tx, subnet.id) > 0 && await this.free.takeRange(tx, subnetPool(subnet.id), range.first, range.last)) return;
    throw new IpAddressReservationConflict(describe(subnet, range), subnet.id, 'some of its addresses are held by ports or other reservations');
  }

  async unreserve(tx: Tx, subnet: SubnetView, range: Range): Promise<void> {
    const held = await this.reservations.heldIn(tx, subnet.id, valueToHex(range.first), valueToHex(range.last));
    const back = IntervalSet.of([range]).subtract(IntervalSet.of(held.map((hex) => single(BigInt(`0x${hex}`)))));
    await this.free.add(tx, subnetPool(subnet.id), back.ranges());
  }

  async usage(tx: Tx, subnets: ReadonlyArray<Pick<SubnetView, 'id' | 'pools'>>): Promise<Map<string, AddressUsage>> {
    const ids = subnets.map((s) => s.id);
    // Many subnets (a whole-cloud report): read every row and drop the others — cheaper than matching thousands of ids.
    const many = ids.length > 200;
    const [freeRuns, used, reserved, lent] = await Promise.all([
      this.free.hexRangesOf(tx, ids.map(subnetPool), subnetPool('')),
      many ? countsPerSubnet(tx, 'select "subnet_id", count(*) as n from "ip_allocations" group by "subnet_id"') : this.allocations.countBySubnet(tx, ids),
      this.reservations.rangesOf(tx, many ? undefined : ids),
      many ? countsPerSubnet(tx, `${LENT_SQL} group by r."subnet_id"`) : lentCounts(tx, ids),
    ]);
    const reservedSize = new Map<string, bigint>();
    for (const [subnetId, firstHex, lastHex] of reserved) {
      reservedSize.set(subnetId, (reservedSize.get(subnetId) ?? 0n) + BigInt(`0x${lastHex}`) - BigInt(`0x${firstHex}`) + 1n);
    }
    const out = new Map<string, AddressUsage>();
    for (const subnet of subnets) {
      const { free, largest } = measureHexRuns(freeRuns.get(subnetPool(subnet.id)) ?? []);
      out.set(subnet.id, {
        total: subnet.pools.reduce((sum, p) => sum + p.last - p.first + 1n, 0n),
        used: BigInt(used.get(subnet.id) ?? 0),
        reserved: (reservedSize.get(subnet.id) ?? 0n) - BigInt(lent.get(subnet.id) ?? 0),
        free,
        largestFreeBlock: largest,
      });
    }
    return out;
  }
}

/** Rounds of `allocateSpecific` before an address still moving between transactions fails the attempt. */
const MAX_LOOKS = 8;

/**
 * An address was in none of free, reserved and held in several looks, each
 * after waiting for the transactions moving it: the transaction is retried
 * from the start (serialization failure, as PostgreSQL reports a lost race).
 */
/** 21 leading zero digits leave 11 hex digits, 44 bits: the value and any sum of such fit a double exactly. */
const SMALL_HEX = '000000000000000000000';

/**
 * {@link measureRuns} over `[first, last, …]` 32-digit hex bounds. Reports
 * read tens of thousands of rows: values below 2^44 (every IPv4 address)
 * are added as doubles, without a bigint per row.
 */
export function measureHexRuns(hex: readonly string[]): { free: bigint; largest: bigint } {
  let small = true;
  for (let i = 0; i < hex.length && small; i++) small = hex[i]!.startsWith(SMALL_HEX);
  if (!small) {
    const rows: Range[] = [];
    for (let i = 0; i < hex.length; i += 2) rows.push({ first: BigInt(`0x${hex[i]}`), last: BigInt(`0x${hex[i + 1]}`) });
    return measureRuns(rows);
  }
  let free = 0;
  let largest = 0;
  let run = 0;
  let previousLast = -2;
  for (let i = 0; i < hex.length; i += 2) {
    const first = parseInt(hex[i]!.slice(21), 16);
    const last = parseInt(hex[i + 1]!.slice(21), 16);
    const size = last - first + 1;
    free += size;
    run = first === previousLast + 1 ? run + size : size;
    if (run > largest) largest = run;
    previousLast = last;
  }
  return { free: BigInt(free), largest: BigInt(largest) };
}

/** Free count and longest run of ascending, disjoint rows (adjacent rows form one run). */
export function measureRuns(rows: readonly Range[]): { free: bigint; largest: bigint } {
  let free = 0n;
  let largest = 0n;
  let run = 0n;
  let previousLast = -2n;
  for (const row of rows) {
    const size = row.last - row.first + 1n;
    free += size;
    run = row.first === previousLast + 1n ? run + size : size;
    if (run > largest) largest = run;
    previousLast = row.last;
  }
  return { free, largest };
}

const LENT_SQL = `select r."subnet_id", count(*) as n from "ip_reservations" r join "ip_allocations" a
  on a."subnet_id" = r."subnet_id" and a."ip_hex" >= r."first_hex" and a."ip_hex" <= r."last_hex"`;

/** Addresses held by ports inside reservations, per subnet (one statement). */
async function lentCounts(tx: Tx, subnetIds: readonly string[]): Promise<Map<string, number>> {
  if (subnetIds.length === 0) return new Map();
  return countsPerSubnet(tx, `${LENT_SQL} where ${inValueList(tx, 'r."subnet_id"')} group by r."subnet_id"`, [valueList(tx, subnetIds)]);
}

async function countsPerSubnet(tx: Tx, text: string, params: unknown[] = []): Promise<Map<string, number>> {
  const rows = await queryRows<[string, number | string]>(tx, `${ROWS_AS_ARRAYS}${text}`, params);
  return new Map(rows.map(([subnetId, n]) => [subnetId, Number(n)]));
}

function inPools(subnet: SubnetView, value: bigint): boolean {
  return subnet.pools.some((p) => value >= p.first && value <= p.last);
}

function single(value: bigint): Range {
  return { first: value, last: value };
}

function describe(subnet: SubnetView, range: Range): string {
  const first = formatIpAddress({ version: subnet.ipVersion, value: range.first });
  return range.first === range.last ? first : `${first}-${formatIpAddress({ version: subnet.ipVersion, value: range.last })}`;
}
