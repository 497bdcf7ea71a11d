import { TerminalError } from './driver.ts';

/**
 * A work queue in controller-runtime's manner: keys, not events. A key
 * added while queued is not added twice; a key added while being processed
 * runs again afterwards (the world may have moved meanwhile). One key at a
 * time, in order of arrival. A failure requeues the key after a per-key
 * exponential backoff (50 ms doubling to `maxBackoffMs`), except a
 * `TerminalError`, which is reported and dropped.
 *
 * @example
 *   const queue = new WorkQueue(async (key) => reconcile(key), (key, error) => log.warn({ key, err: error }));
 *   queue.add('network:…'); await queue.idle();
 */
export class WorkQueue {
  private readonly queued = new Set<string>();
  private readonly failures = new Map<string, number>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private running: string | undefined;
  private again = false;
  private stopped = false;
  private idleWaiters: Array<() => void> = [];

  constructor(
    private readonly work: (key: string) => Promise<void>,
    private readonly onError: (key: string, error: unknown, retryInMs: number | undefined) => void = () => {},
    private readonly maxBackoffMs = 5000,
  ) {}

  add(key: string): void {
    if (this.stopped) return;
    if (this.running === key) { this.again = true; return; }
    this.queued.add(key);
    if (this.running === undefined) void this.drain();
  }

  /** Keys waiting or running, plus those waiting out a backoff. */
  get size(): number {
    return this.queued.size + (this.running ? 1 : 0) + this.timers.size;
  }

  /** Resolves when nothing is queued, running or waiting for a retry. */
  idle(): Promise<void> {
    if (this.size === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  stop(): void {
    this.stopped = true;
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
    this.queued.clear();
  }

  private async drain(): Promise<void> {
    while (!this.stopped && this.queued.size > 0) {
      const key = this.queued.values().next().value as string;
      this.queued.delete(key);
      this.running = key;
      this.again = false;
      try {
        await this.work(key);
        this.failures.delete(key);
      } catch (error) {
        this.retry(key, error);
      }
      this.running = undefined;
      if (this.again) this.queued.add(key);
    }
    if (this.size === 0) for (const resolve of this.idleWaiters.splice(0)) resolve();
  }

  private retry(key: string, error: unknown): void {
    if (error instanceof TerminalError || this.stopped) {
      this.failures.delete(key);
      this.onError(key, error, undefined);
      return;
    }
    const attempt = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, attempt);
    const delay = Math.min(this.maxBackoffMs, 50 * 2 ** (attempt - 1));
    this.onError(key, error, delay);
    const timer = setTimeout(() => { this.timers.delete(timer); this.add(key); }, delay);
    this.timers.add(timer);
  }
}
