/** An inclusive range of integer values, `first <= last`. */
export interface Range {
  first: bigint;
  last: bigint;
}

function checkRange(range: Range): void {
  if (range.first > range.last) throw new RangeError(`range ${range.first}..${range.last} is reversed`);
}

function copy(range: Range): Range {
  return { first: range.first, last: range.last };
}

/*
 * Why intervals: IPAM questions are "what is free?", and a subnet's free
 * space is a handful of runs even when millions of addresses are taken, so
 * answering from runs costs O(log n) in the number of runs, independent of
 * how full the subnet is. The runs are kept in one sorted array that is
 * always normalised (sorted, disjoint, and never adjacent: adjacent runs are
 * merged), which makes equality structural and lets every lookup be a binary
 * search. add/remove locate their span by binary search and then splice; the
 * splice shifts the array tail with a memmove, which is far cheaper than
 * visiting the ranges and is the price of not keeping a balanced tree.
 */

/**
 * A set of bigint values stored as normalised inclusive ranges.
 *
 * `add`/`remove` mutate in place and return `this`; `union`, `intersect` and
 * `subtract` return new sets and leave their inputs unchanged. Ranges handed
 * in or out are copied, so callers can never break the invariant.
 *
 * @example
 * const free = IntervalSet.of([{ first: 1n, last: 254n }]);
 * free.remove({ first: 1n, last: 1n }); // gateway
 * free.lowest(); // 2n
 */
export class IntervalSet {
  readonly #ranges: Range[];

  private constructor(normalised: Range[]) {
    this.#ranges = normalised;
  }

  /**
   * A set holding exactly the values of `ranges`, which may be unsorted,
   * overlapping or adjacent.
   *
   * @throws RangeError when a range has `first > last`.
   */
  static of(ranges: readonly Range[] = []): IntervalSet {
    ranges.forEach(checkRange);
    const sorted = ranges.map(copy).sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
    const merged: Range[] = [];
    for (const range of sorted) {
      const tail = merged.at(-1);
      if (tail !== undefined && range.first <= tail.last + 1n) {
        if (range.last > tail.last) tail.last = range.last;
      } else {
        merged.push(range);
      }
    }
    return new IntervalSet(merged);
  }

  /** Index of the first range with `last >= value` (length when none). */
  #firstEndingAtOrAfter(value: bigint): number {
    let low = 0;
    let high = this.#ranges.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#ranges[mid].last < value) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /** Index of the first range with `first > value` (length when none). */
  #firstStartingAfter(value: bigint): number {
    let low = 0;
    let high = this.#ranges.length;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if (this.#ranges[mid].first <= value) low = mid + 1;
      else high = mid;
    }
    return low;
  }

  /**
   * Adds every value of `range`, merging with overlapping or adjacent runs.
   *
   * @throws RangeError when `range.first > range.last`.
   */
  add(range: Range): this {
    checkRange(range);
    // Runs touching [first-1, last+1] are exactly those in [low, high).
    const low = this.#firstEndingAtOrAfter(range.first - 1n);
    const high = this.#firstStartingAfter(range.last + 1n);
    if (low >= high) {
      this.#ranges.splice(low, 0, copy(range));
      return this;
    }
    const first = range.first < this.#ranges[low].first ? range.first : this.#ranges[low].first;
    const last = range.last > this.#ranges[high - 1].last ? range.last : this.#ranges[high - 1].last;
    this.#ranges.splice(low, high - low, { first, last });
    return this;
  }

  /**
   * Removes every value of `range`, splitting a run that straddles it.
   *
   * @throws RangeError when `range.first > range.last`.
   */
  remove(range: Range): this {
    checkRange(range);
    const low = this.#firstEndingAtOrAfter(range.first);
    const high = this.#firstStartingAfter(range.last);
    if (low >= high) return this;
    const pieces: Range[] = [];
    const head = this.#ranges[low];
    const tail = this.#ranges[high - 1];
    if (head.first < range.first) pieces.push({ first: head.first, last: range.first - 1n });
    if (tail.last > range.last) pieces.push({ first: range.last + 1n, last: tail.last });
    this.#ranges.splice(low, high - low, ...pieces);
    return this;
  }

  /** Whether `value` is in the set. O(log n). */
  has(value: bigint): boolean {
    const index = this.#firstEndingAtOrAfter(value);
    return index < this.#ranges.length && this.#ranges[index].first <= value;
  }

  /** Whether every value of `range` is in the set. O(log n). */
  covers(range: Range): boolean {
    checkRange(range);
    const index = this.#firstEndingAtOrAfter(range.first);
    const run = this.#ranges[index];
    return run !== undefined && run.first <= range.first && run.last >= range.last;
  }

  /** Number of values in the set. O(n) in the number of runs. */
  size(): bigint {
    return this.#ranges.reduce((sum, range) => sum + (range.last - range.first + 1n), 0n);
  }

  /** Whether the set holds no value. */
  isEmpty(): boolean {
    return this.#ranges.length === 0;
  }

  /** Number of normalised runs. */
  get rangeCount(): number {
    return this.#ranges.length;
  }

  /** Copies of the normalised runs, ascending. */
  ranges(): Range[] {
    return this.#ranges.map(copy);
  }

  /** Smallest value in the set, or `undefined` when empty. */
  lowest(): bigint | undefined {
    return this.#ranges[0]?.first;
  }

  /** The run with the most values (the lowest one on ties), or `undefined` when empty. */
  largestRange(): Range | undefined {
    let best: Range | undefined;
    for (const range of this.#ranges) {
      if (best === undefined || range.last - range.first > best.last - best.first) best = range;
    }
    return best === undefined ? undefined : copy(best);
  }

  /** An independent copy. */
  clone(): IntervalSet {
    return new IntervalSet(this.ranges());
  }

  /** Whether both sets hold the same values (structural, thanks to normalisation). */
  equals(other: IntervalSet): boolean {
    const mine = this.#ranges;
    const theirs = other.#ranges;
    return mine.length === theirs.length && mine.every((r, i) => r.first === theirs[i].first && r.last === theirs[i].last);
  }

  /** Values in either set, as a new set. */
  union(other: IntervalSet): IntervalSet {
    return IntervalSet.of([...this.#ranges, ...other.#ranges]);
  }

  /** Values in both sets, as a new set. O(n + m) merge walk. */
  intersect(other: IntervalSet): IntervalSet {
    const a = this.#ranges;
    const b = other.#ranges;
    const result: Range[] = [];
    let i = 0;
    let j = 0;
    while (i < a.length && j < b.length) {
      const first = a[i].first > b[j].first ? a[i].first : b[j].first;
      const last = a[i].last < b[j].last ? a[i].last : b[j].last;
      if (first <= last) result.push({ first, last });
      // Drop whichever run ends first; the other may still meet later runs.
      if (a[i].last < b[j].last) i++;
      else j++;
    }
    // Pieces of normalised inputs cannot be adjacent, so no re-merge is needed.
    return new IntervalSet(result);
  }

  /** Values in this set but not in `other`, as a new set. O(n + m) merge walk. */
  subtract(other: IntervalSet): IntervalSet {
    const cuts = other.#ranges;
    const result: Range[] = [];
    let j = 0;
    for (const range of this.#ranges) {
      let cursor = range.first;
      while (j < cuts.length && cuts[j].last < cursor) j++;
      // A cut may extend past this run into the next one, so j is not advanced past it.
      for (let k = j; k < cuts.length && cuts[k].first <= range.last && cursor <= range.last; k++) {
        if (cuts[k].first > cursor) result.push({ first: cursor, last: cuts[k].first - 1n });
        cursor = cuts[k].last + 1n;
      }
      if (cursor <= range.last) result.push({ first: cursor, last: range.last });
    }
    return new IntervalSet(result);
  }
}
