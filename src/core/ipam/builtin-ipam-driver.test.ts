import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { IntervalSet } from '../../ipam/interval-set.ts';
import { valueToHex } from '../../ipam/ip-address.ts';
import { measureHexRuns, measureRuns } from './builtin-ipam-driver.ts';

/** Ascending, disjoint rows (possibly adjacent: released addresses come back as rows of their own). */
const rows = (max: bigint, base = 0n) => fc.array(fc.tuple(fc.bigInt({ min: 0n, max }), fc.bigInt({ min: 0n, max: 40n })), { maxLength: 20 }).map((pairs) => {
  const out: Array<{ first: bigint; last: bigint }> = [];
  let cursor = 0n;
  for (const [gap, size] of pairs) {
    const first = cursor + (gap % 3n === 0n ? 0n : gap % 1000n);
    out.push({ first, last: first + size });
    cursor = first + size + 1n;
  }
  return out.filter((r) => r.last <= max).map((r) => ({ first: r.first + base, last: r.last + base }));
});

test('measureRuns: free count and longest run, adjacent rows merged', () => {
  assert.deepEqual(measureRuns([{ first: 1n, last: 3n }, { first: 4n, last: 4n }, { first: 6n, last: 7n }]), { free: 6n, largest: 4n });
  assert.deepEqual(measureRuns([]), { free: 0n, largest: 0n });
  fc.assert(fc.property(rows(2n ** 40n), (r) => {
    const merged = IntervalSet.of(r);
    const longest = merged.ranges().reduce((m, x) => (x.last - x.first + 1n > m ? x.last - x.first + 1n : m), 0n);
    assert.deepEqual(measureRuns(r), { free: merged.size(), largest: longest });
  }));
});

test('measureHexRuns agrees with measureRuns for IPv4-sized and IPv6-sized values', () => {
  for (const [max, base] of [[2n ** 32n, 0n], [2n ** 44n - 1n, 0n], [2n ** 44n, 2n ** 44n - 100n], [2n ** 64n, 2n ** 100n]] as const) {
    fc.assert(fc.property(rows(max, base), (r) => {
      assert.deepEqual(measureHexRuns(r.flatMap((x) => [valueToHex(x.first), valueToHex(x.last)])), measureRuns(r));
    }));
  }
});
