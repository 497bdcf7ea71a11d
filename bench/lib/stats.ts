/**
 * Figures of a bench's samples. Pure: no I/O.
 *
 * `percentile` is the nearest-rank percentile (the smallest sample with at
 * least p % of the samples at or below it), the one every bench reports.
 */

/** The nearest-rank `p`th percentile (0–100) of `values` (any order; not modified); NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.max(0, Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1))] ?? NaN;
}

/** `x` rounded to `digits` decimals, as a number (for JSON results). */
export function round(x: number, digits = 3): number {
  const scale = 10 ** digits;
  return Math.round(x * scale) / scale;
}

/** p50, p99 and the maximum of millisecond samples, rounded to `digits` decimals. */
export function latency(ms: readonly number[], digits = 3): { p50_ms: number; p99_ms: number; max_ms: number } {
  return { p50_ms: round(percentile(ms, 50), digits), p99_ms: round(percentile(ms, 99), digits), max_ms: round(Math.max(...ms), digits) };
}
