import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { cidrFirst, cidrLast, cidrSize, cidrsOverlap, formatCidr, parseCidr, type Cidr } from './cidr.ts';
import { IntervalSet, type Range } from './interval-set.ts';
import { allocatePrefix, compactCidrs, isPrefixAvailable, rangeToCidrs } from './prefix-allocator.ts';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  assert.ok(parsed, text);
  return parsed;
}

const cidrs = (...texts: string[]): Cidr[] => texts.map(cidr);
const texts = (list: Cidr[]): string[] => list.map(formatCidr);
const toRange = (c: Cidr): Range => ({ first: cidrFirst(c), last: cidrLast(c) });

/** IPv4 prefixes inside 10.0.0.0/24 (values 0x0a000000..0x0a0000ff), /24–/32. */
const BASE = 0x0a000000n;
const smallCidr = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 24, max: 32 }))
  .map(([offset, length]): Cidr => {
    const size = 1n << BigInt(32 - length);
    return { version: 4, network: BASE + (BigInt(offset) / size) * size, prefixLength: length };
  });

test('rangeToCidrs examples', () => {
  const v = (text: string): bigint => cidrFirst(cidr(`${text}/32`));
  assert.deepEqual(texts(rangeToCidrs(4, { first: v('10.0.0.1'), last: v('10.0.0.6') })),
    ['10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/31', '10.0.0.6/32']);
  assert.deepEqual(texts(rangeToCidrs(4, { first: v('10.0.0.0'), last: v('10.0.0.255') })), ['10.0.0.0/24']);
  assert.deepEqual(texts(rangeToCidrs(4, { first: 0n, last: (1n << 32n) - 1n })), ['0.0.0.0/0']);
  assert.deepEqual(texts(rangeToCidrs(6, { first: 0n, last: (1n << 128n) - 1n })), ['::/0']);
  assert.deepEqual(texts(rangeToCidrs(4, { first: 5n, last: 5n })), ['0.0.0.5/32']);
  assert.deepEqual(texts(rangeToCidrs(4, { first: v('10.0.0.1'), last: v('10.0.0.254') })), [
    '10.0.0.1/32', '10.0.0.2/31', '10.0.0.4/30', '10.0.0.8/29', '10.0.0.16/28', '10.0.0.32/27', '10.0.0.64/26',
    '10.0.0.128/26', '10.0.0.192/27', '10.0.0.224/28', '10.0.0.240/29', '10.0.0.248/30', '10.0.0.252/31',
    '10.0.0.254/32',
  ]);
  assert.throws(() => rangeToCidrs(4, { first: 2n, last: 1n }), RangeError);
  assert.throws(() => rangeToCidrs(4, { first: 0n, last: 1n << 32n }), RangeError);
  assert.throws(() => rangeToCidrs(4, { first: -1n, last: 1n }), RangeError);
});

test('property: rangeToCidrs covers exactly the range with maximal blocks', () => {
  const range = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }))
    .map(([a, b]): Range => (a <= b ? { first: a, last: b } : { first: b, last: a }));
  fc.assert(fc.property(range, (r) => {
    const list = rangeToCidrs(4, r);
    assert.equal(list[0].network, r.first);
    assert.equal(cidrLast(list.at(-1)!), r.last);
    for (let i = 1; i < list.length; i++) {
      assert.equal(cidrLast(list[i - 1]) + 1n, list[i].network, 'contiguous');
      // Minimal: two neighbours that are siblings could have been one block.
      const [a, b] = [list[i - 1], list[i]];
      const siblings = a.prefixLength === b.prefixLength && a.prefixLength > 0
        && a.network % (2n * cidrSize(a)) === 0n;
      assert.ok(!siblings, `${formatCidr(a)} and ${formatCidr(b)} should have merged`);
    }
    assert.ok(list.length <= 62);
  }));
});

test('compactCidrs examples', () => {
  assert.deepEqual(texts(compactCidrs(cidrs('10.0.0.128/25', '10.0.0.0/25'))), ['10.0.0.0/24']);
  assert.deepEqual(texts(compactCidrs(cidrs('10.0.0.0/24', '10.0.0.4/30', '10.0.0.0/24'))), ['10.0.0.0/24']);
  // Adjacent but not siblings: cannot become one prefix.
  assert.deepEqual(texts(compactCidrs(cidrs('10.0.0.128/25', '10.0.1.0/25'))), ['10.0.0.128/25', '10.0.1.0/25']);
  assert.deepEqual(texts(compactCidrs(cidrs('10.0.3.0/24', '10.0.0.0/24', '10.0.1.0/24', '10.0.2.0/24'))), ['10.0.0.0/22']);
  assert.deepEqual(texts(compactCidrs(cidrs('fd00:0:0:1::/64', 'fd00::/64'))), ['fd00::/63']);
  assert.deepEqual(compactCidrs([]), []);
  assert.throws(() => compactCidrs(cidrs('10.0.0.0/24', 'fd00::/64')), RangeError);
});

test('property: compactCidrs preserves coverage, is minimal and idempotent', () => {
  fc.assert(fc.property(fc.array(smallCidr, { maxLength: 10 }), (list) => {
    const compacted = compactCidrs(list);
    const before = IntervalSet.of(list.map(toRange));
    assert.ok(IntervalSet.of(compacted.map(toRange)).equals(before));
    for (let i = 1; i < compacted.length; i++) assert.ok(compacted[i - 1].network < compacted[i].network, 'ascending');
    for (const [i, a] of compacted.entries()) {
      for (const b of compacted.slice(i + 1)) assert.ok(!cidrsOverlap(a, b), 'disjoint');
    }
    assert.equal(compacted.length, before.ranges().flatMap((r) => rangeToCidrs(4, r)).length);
    assert.deepEqual(compactCidrs(compacted), compacted);
  }));
});

test('allocatePrefix examples', () => {
  const pool = cidrs('10.0.0.0/24');
  assert.equal(formatCidr(allocatePrefix(pool, [], 26)!), '10.0.0.0/26');
  assert.equal(formatCidr(allocatePrefix(pool, cidrs('10.0.0.0/26'), 26)!), '10.0.0.64/26');
  // A small used prefix blocks its whole aligned /26, but not the next one.
  assert.equal(formatCidr(allocatePrefix(pool, cidrs('10.0.0.1/32'), 26)!), '10.0.0.64/26');
  assert.equal(formatCidr(allocatePrefix(pool, cidrs('10.0.0.1/32'), 31)!), '10.0.0.2/31');
  assert.equal(allocatePrefix(pool, cidrs('10.0.0.0/25', '10.0.0.192/26'), 25), undefined);
  assert.equal(formatCidr(allocatePrefix(pool, cidrs('10.0.0.0/25', '10.0.0.192/26'), 26)!), '10.0.0.128/26');
  assert.equal(allocatePrefix(pool, cidrs('10.0.0.0/24'), 32), undefined);
  assert.equal(allocatePrefix(pool, [], 23), undefined);
  assert.equal(allocatePrefix([], [], 24), undefined);
  // Two sibling pool prefixes together can hold a larger prefix.
  assert.equal(formatCidr(allocatePrefix(cidrs('10.0.1.0/25', '10.0.1.128/25'), [], 24)!), '10.0.1.0/24');
  // Used prefixes of the other family are irrelevant.
  assert.equal(formatCidr(allocatePrefix(pool, cidrs('::/0'), 24)!), '10.0.0.0/24');
  assert.equal(formatCidr(allocatePrefix(cidrs('fd00::/48'), cidrs('fd00::/64'), 64)!), 'fd00:0:0:1::/64');
  assert.throws(() => allocatePrefix(pool, [], 33), RangeError);
  assert.throws(() => allocatePrefix(cidrs('10.0.0.0/24', 'fd00::/48'), [], 24), RangeError);
});

test('property: allocatePrefix returns the lowest free aligned prefix (brute-force oracle)', () => {
  const input = fc.record({
    pool: fc.array(smallCidr, { minLength: 1, maxLength: 4 }),
    used: fc.array(smallCidr, { maxLength: 8 }),
    length: fc.integer({ min: 24, max: 32 }),
  });
  fc.assert(fc.property(input, ({ pool, used, length }) => {
    // Independent model: which of the 256 addresses are in the pool and not used.
    const offsets = (list: Cidr[]): Set<number> => new Set(list.flatMap((c) =>
      Array.from({ length: Number(cidrSize(c)) }, (_, i) => Number(c.network - BASE) + i)));
    const [inPool, inUse] = [offsets(pool), offsets(used)];
    const size = 2 ** (32 - length);
    let expected: Cidr | undefined;
    for (let start = 0; start < 256 && !expected; start += size) {
      const block = Array.from({ length: size }, (_, i) => start + i);
      if (block.every((o) => inPool.has(o) && !inUse.has(o))) {
        expected = { version: 4, network: BASE + BigInt(start), prefixLength: length };
      }
    }
    if (expected) assert.ok(isPrefixAvailable(pool, used, expected));
    const got = allocatePrefix(pool, used, length);
    assert.deepEqual(got, expected);
    if (got) {
      assert.ok(!used.some((u) => cidrsOverlap(u, got)));
      assert.ok(IntervalSet.of(pool.map(toRange)).covers(toRange(got)));
    }
  }));
});

test('isPrefixAvailable examples', () => {
  const pool = cidrs('10.0.0.0/25', '10.0.0.128/25');
  assert.ok(isPrefixAvailable(pool, [], cidr('10.0.0.0/24')), 'may span adjacent pool prefixes');
  assert.ok(!isPrefixAvailable(pool, [], cidr('10.0.0.0/23')));
  assert.ok(!isPrefixAvailable(pool, cidrs('10.0.0.5/32'), cidr('10.0.0.0/29')));
  assert.ok(isPrefixAvailable(pool, cidrs('10.0.0.5/32'), cidr('10.0.0.8/29')));
  assert.ok(!isPrefixAvailable(pool, cidrs('10.0.0.0/16'), cidr('10.0.0.8/29')), 'inside a used supernet');
  assert.ok(!isPrefixAvailable(cidrs('10.0.0.0/24', '10.0.2.0/24'), [], cidr('10.0.0.0/22')), 'hole in the pool');
  assert.ok(!isPrefixAvailable(pool, [], cidr('fd00::/64')));
});

test('property: isPrefixAvailable agrees with an address-set model', () => {
  fc.assert(fc.property(fc.array(smallCidr, { maxLength: 4 }), fc.array(smallCidr, { maxLength: 6 }), smallCidr,
    (pool, used, candidate) => {
      const covered = (list: Cidr[], v: bigint): boolean => list.some((c) => v >= cidrFirst(c) && v <= cidrLast(c));
      let expected = true;
      for (let v = cidrFirst(candidate); v <= cidrLast(candidate); v++) {
        if (!covered(pool, v) || covered(used, v)) expected = false;
      }
      assert.equal(isPrefixAvailable(pool, used, candidate), expected);
    }));
});

test('a /8 pool carving /29s with 100,000 used allocates quickly', () => {
  const pool = cidrs('10.0.0.0/8');
  const used: Cidr[] = [];
  for (let i = 0; i < 100_000; i++) used.push({ version: 4, network: 0x0a000000n + BigInt(i) * 8n, prefixLength: 29 });
  // Shuffle deterministically: the allocator must not rely on sorted input.
  for (let i = used.length - 1; i > 0; i--) {
    const j = (i * 7919) % (i + 1);
    [used[i], used[j]] = [used[j], used[i]];
  }
  const started = performance.now();
  const got = allocatePrefix(pool, used, 29);
  const elapsed = performance.now() - started;
  assert.equal(formatCidr(got!), '10.12.53.0/29'); // 100,000 × 8 = 800,000 = 0x0c3500
  assert.ok(elapsed < 1500, `allocation took ${elapsed.toFixed(0)} ms`);
});
