/**
 * The timing loop of the benches: run an operation again and again and keep
 * the wall-clock milliseconds of each run (performance.now() around awaiting
 * the operation, nothing else: checks of the answers are not timed).
 */

export interface SampleOptions<T> {
  /** Untimed runs first, to heat the JIT and caches (default 0). */
  warmup?: number;
  /** Checks run i's answer outside the timed window; throws to reject it. */
  check?: (answer: T, i: number) => void;
}

/**
 * Runs `run(i)` for i = 0 … warmup + samples − 1, one at a time, checks each
 * answer, and returns the milliseconds of the last `samples` runs.
 */
export async function sampleMs<T>(samples: number, run: (i: number) => Promise<T>, options: SampleOptions<T> = {}): Promise<number[]> {
  const warmup = options.warmup ?? 0;
  const ms: number[] = [];
  for (let i = 0; i < warmup + samples; i++) {
    const t0 = performance.now();
    const answer = await run(i);
    const elapsed = performance.now() - t0;
    options.check?.(answer, i);
    if (i >= warmup) ms.push(elapsed);
  }
  return ms;
}
