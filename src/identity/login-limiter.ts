import type { Clock } from './clock.ts';

/**
 * Slows password guessing, per (account, source address).
 *
 * The first `freeFailures` failures cost nothing; after that each further
 * attempt must wait `baseDelayMs · 2^(failures − freeFailures)` since the last
 * failure, capped at `maxDelayMs`. A success clears the key; a key with no
 * failure for `forgetAfterMs` is forgotten. So a guesser is held to about one
 * try per `maxDelayMs`, while the real owner (the admin included) is never
 * locked out for longer than `maxDelayMs` after the last bad try.
 *
 * In memory, per process: several API servers each keep their own count
 * (bounded by `maxKeys`, oldest forgotten first). Not a transaction; no I/O.
 *
 * @example
 *   if (!limiter.allowed(key)) throw new Unauthorized();
 *   ok ? limiter.succeeded(key) : limiter.failed(key);
 */
export interface LoginLimiterOptions {
  readonly freeFailures: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly forgetAfterMs: number;
  readonly maxKeys: number;
}

export const DEFAULT_LIMITER: LoginLimiterOptions = {
  freeFailures: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 15 * 60_000,
  maxKeys: 10_000,
};

interface Entry { failures: number; lastFailure: number }

export class LoginLimiter {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly clock: Clock, private readonly options: LoginLimiterOptions = DEFAULT_LIMITER) {}

  /** The key for an account (as the client named it) and a source address. */
  static key(account: string, source: string): string {
    return `${account.toLowerCase()}\u0000${source}`;
  }

  /** Milliseconds until `key` may try again (0: now). */
  waitFor(key: string): number {
    const entry = this.current(key);
    if (entry === undefined || entry.failures < this.options.freeFailures) return 0;
    const exponent = Math.min(entry.failures - this.options.freeFailures, 30);
    const delay = Math.min(this.options.baseDelayMs * 2 ** exponent, this.options.maxDelayMs);
    return Math.max(0, entry.lastFailure + delay - this.clock());
  }

  allowed(key: string): boolean {
    return this.waitFor(key) === 0;
  }

  failed(key: string): void {
    const now = this.clock();
    const entry = this.current(key) ?? { failures: 0, lastFailure: now };
    entry.failures += 1;
    entry.lastFailure = now;
    this.entries.delete(key);
    this.entries.set(key, entry);
    if (this.entries.size > this.options.maxKeys) this.entries.delete(this.entries.keys().next().value!);
  }

  succeeded(key: string): void {
    this.entries.delete(key);
  }

  private current(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry !== undefined && this.clock() - entry.lastFailure >= this.options.forgetAfterMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry;
  }
}
