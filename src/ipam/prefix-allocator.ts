import { ADDRESS_BITS, type IpVersion } from './ip-address.ts';
import { cidrFirst, cidrLast, cidrsOverlap, type Cidr } from './cidr.ts';
import { IntervalSet, type Range } from './interval-set.ts';

/*
 * Subnet pools are answered from free intervals, never by enumerating
 * candidate prefixes: free = union(pool prefixes) − union(used prefixes), and
 * the lowest fitting prefix is found by rounding each free run's start up to
 * the prefix size. The cost is O(u log u) in the number of used prefixes and
 * does not depend on the pool size or the requested length (a /8 pool carving
 * /29s has two million candidates; we look at no more than the free runs).
 */

function toRange(c: Cidr): Range {
  return { first: cidrFirst(c), last: cidrLast(c) };
}

function versionOf(cidrs: readonly Cidr[]): IpVersion | undefined {
  const version = cidrs[0]?.version;
  if (cidrs.some((c) => c.version !== version)) throw new RangeError('prefixes of both IP versions in one list');
  return version;
}

/** Largest `k` (at most `bits`) such that 2**k divides `value`; `bits` for 0. */
function alignmentBits(value: bigint, bits: number): number {
  let k = 0;
  while (k < bits && ((value >> BigInt(k)) & 1n) === 0n) k++;
  return k;
}

/**
 * The minimal list of CIDRs covering exactly the values of `range`, ascending.
 * Greedy: each step takes the largest aligned block that starts at the cursor
 * and fits, which is optimal because an aligned block never straddles a
 * larger aligned boundary.
 *
 * @throws RangeError when the range is reversed or outside the family's values.
 * @example rangeToCidrs(4, 10.0.0.1–10.0.0.6) // 10.0.0.1/32, 10.0.0.2/31, 10.0.0.4/31, 10.0.0.6/32
 */
export function rangeToCidrs(version: IpVersion, range: Range): Cidr[] {
  const bits = ADDRESS_BITS[version];
  if (range.first < 0n || range.first > range.last || range.last >> BigInt(bits) !== 0n) {
    throw new RangeError(`range ${range.first}..${range.last} is not a valid IPv${version} range`);
  }
  const cidrs: Cidr[] = [];
  let cursor = range.first;
  while (cursor <= range.last) {
    let blockBits = alignmentBits(cursor, bits);
    while (cursor + (1n << BigInt(blockBits)) - 1n > range.last) blockBits--;
    cidrs.push({ version, network: cursor, prefixLength: bits - blockBits });
    cursor += 1n << BigInt(blockBits);
  }
  return cidrs;
}

/**
 * Rewrites a list of same-family CIDRs as the smallest list of CIDRs covering
 * the same addresses: contained prefixes disappear and adjacent siblings
 * merge, as Neutron compacts subnet pool prefixes on save. Ascending order.
 *
 * Pure.
 *
 * @throws RangeError when the list mixes IPv4 and IPv6.
 * @example compactCidrs([10.0.0.0/25, 10.0.0.128/25, 10.0.0.4/30]) // [10.0.0.0/24]
 */
export function compactCidrs(cidrs: Cidr[]): Cidr[] {
  const version = versionOf(cidrs);
  if (version === undefined) return [];
  return IntervalSet.of(cidrs.map(toRange)).ranges().flatMap((range) => rangeToCidrs(version, range));
}

/**
 * The lowest prefix of length `prefixLength` inside the union of
 * `poolPrefixes` that overlaps none of `used` — the same prefix Neutron's
 * subnet allocator picks for an "any subnet" request. `used` entries of the
 * other family are ignored (they cannot overlap).
 *
 * Pure; cost independent of pool size (see the rationale above).
 *
 * @returns the prefix, or `undefined` when the pool has no room (or is empty).
 * @throws RangeError when `poolPrefixes` mixes families or `prefixLength` is invalid for it.
 */
export function allocatePrefix(poolPrefixes: Cidr[], used: Cidr[], prefixLength: number): Cidr | undefined {
  const version = versionOf(poolPrefixes);
  if (version === undefined) return undefined;
  const bits = ADDRESS_BITS[version];
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > bits) {
    throw new RangeError(`prefix length ${prefixLength} is not valid for IPv${version}`);
  }
  const size = 1n << BigInt(bits - prefixLength);
  const taken = IntervalSet.of(used.filter((c) => c.version === version).map(toRange));
  const free = IntervalSet.of(poolPrefixes.map(toRange)).subtract(taken);
  for (const run of free.ranges()) {
    const aligned = ((run.first + size - 1n) / size) * size;
    if (aligned + size - 1n <= run.last) return { version, network: aligned, prefixLength };
  }
  return undefined;
}

/**
 * Whether `candidate` lies entirely inside the union of `poolPrefixes` (it may
 * span several adjacent pool prefixes) and overlaps none of `used`.
 *
 * Pure. False when `candidate` is of another family than the pool.
 */
export function isPrefixAvailable(poolPrefixes: Cidr[], used: Cidr[], candidate: Cidr): boolean {
  const inPool = poolPrefixes.filter((c) => c.version === candidate.version);
  if (!IntervalSet.of(inPool.map(toRange)).covers(toRange(candidate))) return false;
  return !used.some((c) => cidrsOverlap(c, candidate));
}
