import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { IntervalSet, type Range } from './interval-set.ts';

// Small domain so that a Set<number> is a complete model.
const DOMAIN = 32;
const arbRange: fc.Arbitrary<Range> = fc.tuple(fc.nat(DOMAIN - 1), fc.nat(DOMAIN - 1))
  .map(([a, b]) => ({ first: BigInt(Math.min(a, b)), last: BigInt(Math.max(a, b)) }));
const arbRanges = fc.array(arbRange, { maxLength: 8 });

function model(ranges: readonly Range[]): Set<number> {
  const values = new Set<number>();
  for (const { first, last } of ranges) for (let v = Number(first); v <= Number(last); v++) values.add(v);
  return values;
}

function contents(set: IntervalSet): number[] {
  return [...model(set.ranges())].sort((a, b) => a - b);
}

function sorted(values: Set<number>): number[] {
  return [...values].sort((a, b) => a - b);
}

/** Sorted, disjoint, non-adjacent, non-empty runs. */
function assertNormalised(set: IntervalSet): void {
  const ranges = set.ranges();
  assert.equal(set.rangeCount, ranges.length);
  assert.equal(set.isEmpty(), ranges.length === 0);
  for (const [i, r] of ranges.entries()) {
    assert.ok(r.first <= r.last, 'run reversed');
    if (i > 0) assert.ok(ranges[i - 1].last + 1n < r.first, 'runs overlap or touch');
  }
}

function r(first: number, last: number): Range {
  return { first: BigInt(first), last: BigInt(last) };
}

test('of() sorts and merges overlapping and adjacent ranges', () => {
  assert.deepEqual(IntervalSet.of([r(4, 6), r(1, 3)]).ranges(), [r(1, 6)]);
  assert.deepEqual(IntervalSet.of([r(1, 5), r(2, 3), r(8, 9)]).ranges(), [r(1, 5), r(8, 9)]);
  assert.deepEqual(IntervalSet.of([r(1, 2), r(4, 5)]).ranges(), [r(1, 2), r(4, 5)]);
  assert.deepEqual(IntervalSet.of().ranges(), []);
  assert.throws(() => IntervalSet.of([r(3, 2)]), RangeError);
});

test('remove splits a run; add bridges runs', () => {
  const set = IntervalSet.of([r(1, 254)]);
  set.remove(r(100, 100));
  assert.deepEqual(set.ranges(), [r(1, 99), r(101, 254)]);
  set.remove(r(0, 1)).remove(r(254, 300));
  assert.deepEqual(set.ranges(), [r(2, 99), r(101, 253)]);
  set.add(r(100, 100));
  assert.deepEqual(set.ranges(), [r(2, 253)]);
  set.add(r(300, 310)).add(r(254, 299));
  assert.deepEqual(set.ranges(), [r(2, 310)]);
  set.remove(r(0, 1000));
  assert.ok(set.isEmpty());
  assert.throws(() => set.add(r(2, 1)), RangeError);
  assert.throws(() => set.remove(r(2, 1)), RangeError);
});

test('queries', () => {
  const set = IntervalSet.of([r(10, 12), r(20, 29), r(40, 49)]);
  assert.ok(set.has(10n) && set.has(12n) && set.has(25n));
  assert.ok(!set.has(9n) && !set.has(13n) && !set.has(50n));
  assert.ok(set.covers(r(20, 29)) && !set.covers(r(12, 20)) && !set.covers(r(50, 50)));
  assert.equal(set.size(), 23n);
  assert.equal(set.lowest(), 10n);
  assert.deepEqual(set.largestRange(), r(20, 29)); // lowest of the tied largest runs
  assert.equal(IntervalSet.of().lowest(), undefined);
  assert.equal(IntervalSet.of().largestRange(), undefined);
});

test('ranges handed out or in cannot alter the set', () => {
  const input = r(1, 5);
  const set = IntervalSet.of([input]);
  input.last = 100n;
  set.ranges()[0].last = 100n;
  set.largestRange()!.last = 100n;
  assert.deepEqual(set.ranges(), [r(1, 5)]);
  const copy = set.clone().add(r(6, 9));
  assert.deepEqual(set.ranges(), [r(1, 5)]);
  assert.deepEqual(copy.ranges(), [r(1, 9)]);
});

test('set operations on examples', () => {
  const a = IntervalSet.of([r(0, 9), r(20, 29)]);
  const b = IntervalSet.of([r(5, 24)]);
  assert.deepEqual(a.union(b).ranges(), [r(0, 29)]);
  assert.deepEqual(a.intersect(b).ranges(), [r(5, 9), r(20, 24)]);
  assert.deepEqual(a.subtract(b).ranges(), [r(0, 4), r(25, 29)]);
  assert.deepEqual(b.subtract(a).ranges(), [r(10, 19)]);
  assert.deepEqual(a.ranges(), [r(0, 9), r(20, 29)], 'inputs unchanged');
  // Boundaries: a cut ending exactly on a run's first value, or starting on its last.
  assert.deepEqual(IntervalSet.of([r(5, 10)]).subtract(IntervalSet.of([r(3, 5)])).ranges(), [r(6, 10)]);
  assert.deepEqual(IntervalSet.of([r(5, 10)]).subtract(IntervalSet.of([r(10, 12)])).ranges(), [r(5, 9)]);
  assert.deepEqual(IntervalSet.of([r(0, 3), r(5, 9)]).subtract(IntervalSet.of([r(3, 5)])).ranges(), [r(0, 2), r(6, 9)]);
  assert.deepEqual(IntervalSet.of([r(0, 3), r(5, 9)]).intersect(IntervalSet.of([r(3, 5)])).ranges(), [r(3, 3), r(5, 5)]);
});

test('property: of() normalises and matches the model', () => {
  fc.assert(fc.property(arbRanges, (ranges) => {
    const set = IntervalSet.of(ranges);
    assertNormalised(set);
    const expected = model(ranges);
    assert.deepEqual(contents(set), sorted(expected));
    assert.equal(set.size(), BigInt(expected.size));
    assert.equal(set.lowest(), expected.size ? BigInt(Math.min(...expected)) : undefined);
    for (let v = -1; v <= DOMAIN; v++) assert.equal(set.has(BigInt(v)), expected.has(v));
  }));
});

test('property: add and remove match the model', () => {
  const op = fc.tuple(fc.boolean(), arbRange);
  fc.assert(fc.property(arbRanges, fc.array(op, { maxLength: 12 }), (initial, ops) => {
    const set = IntervalSet.of(initial);
    const expected = model(initial);
    for (const [isAdd, range] of ops) {
      if (isAdd) set.add(range);
      else set.remove(range);
      for (const v of model([range])) {
        if (isAdd) expected.add(v);
        else expected.delete(v);
      }
      assertNormalised(set);
      assert.deepEqual(contents(set), sorted(expected));
    }
  }));
});

test('property: add then remove of a disjoint range restores the set', () => {
  fc.assert(fc.property(arbRanges, arbRange, (ranges, extra) => {
    const before = IntervalSet.of(ranges).remove(extra);
    const after = before.clone().add(extra).remove(extra);
    assert.ok(after.equals(before));
    // And remove then add of a covered range restores it too.
    const full = IntervalSet.of(ranges).add(extra);
    assert.ok(full.clone().remove(extra).add(extra).equals(full));
  }));
});

test('property: union, intersection and subtraction match the model', () => {
  fc.assert(fc.property(arbRanges, arbRanges, (ra, rb) => {
    const [a, b] = [IntervalSet.of(ra), IntervalSet.of(rb)];
    const [ma, mb] = [model(ra), model(rb)];
    const union = a.union(b);
    const intersection = a.intersect(b);
    const difference = a.subtract(b);
    for (const set of [union, intersection, difference]) assertNormalised(set);
    assert.deepEqual(contents(union), sorted(new Set([...ma, ...mb])));
    assert.deepEqual(contents(intersection), sorted(new Set([...ma].filter((v) => mb.has(v)))));
    assert.deepEqual(contents(difference), sorted(new Set([...ma].filter((v) => !mb.has(v)))));
    assert.ok(a.intersect(b).equals(b.intersect(a)));
  }), { numRuns: 1000 });
});

test('property: covers() and largestRange() match the model', () => {
  fc.assert(fc.property(arbRanges, arbRange, (ranges, probe) => {
    const set = IntervalSet.of(ranges);
    const expected = model(ranges);
    assert.equal(set.covers(probe), [...model([probe])].every((v) => expected.has(v)));
    const largest = set.largestRange();
    const longest = Math.max(0, ...set.ranges().map((x) => Number(x.last - x.first + 1n)));
    assert.equal(largest === undefined ? 0 : Number(largest.last - largest.first + 1n), longest);
  }));
});

test('large sets stay fast (binary search, not scans)', () => {
  const set = IntervalSet.of();
  // 100,000 isolated single values: every add inserts a new run.
  for (let i = 0; i < 100_000; i++) set.add({ first: BigInt(i * 2), last: BigInt(i * 2) });
  assert.equal(set.rangeCount, 100_000);
  const started = performance.now();
  for (let i = 0; i < 100_000; i++) assert.equal(set.has(BigInt(i * 2 + 1)), false);
  assert.ok(performance.now() - started < 2000, 'has() too slow');
  set.add({ first: 0n, last: 199_999n });
  assert.equal(set.rangeCount, 1);
});
