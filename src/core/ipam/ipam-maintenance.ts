import { execute } from '../../store/fast-sql.ts';
import type { Store } from '../../store/store.ts';
import type { ReservationExpiry } from './reservation-expiry.ts';

export interface IpamMaintenanceSettings {
  /** Seconds between sweeps; 0 = no periodic sweep (reservations still expire lazily). */
  readonly intervalSeconds: number;
  /** Closed history records older than this many days are deleted; 0 = kept forever. */
  readonly historyRetentionDays: number;
}

/** What one sweep did. */
export interface SweepResult { expiredReservations: number; prunedHistory: number }

const BATCH = 5_000;

/**
 * The IPAM's periodic housekeeping, one short transaction per step so that
 * it never holds locks for long: expired reservations return their
 * addresses to the pools, and address and prefix history older than the
 * retention period is deleted (holdings still open are always kept). Safe
 * to run on every API server at once (expiry skips rows another server is
 * expiring; pruning deletes are idempotent).
 */
export class IpamMaintenance {
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly store: Store, private readonly expiry: ReservationExpiry, private readonly settings: IpamMaintenanceSettings) {}

  /** One sweep now. `now` (ms since the epoch) is for tests of retention. */
  async runOnce(now = Date.now()): Promise<SweepResult> {
    let expiredReservations = 0;
    for (;;) {
      const n = await this.store.transaction((tx) => this.expiry.expire(tx, { limit: 500 }));
      expiredReservations += n;
      if (n < 500) break;
    }
    let prunedHistory = 0;
    if (this.settings.historyRetentionDays > 0) {
      const cutoff = new Date(now - this.settings.historyRetentionDays * 86_400_000).toISOString();
      for (const table of ['ip_address_history', 'subnetpool_prefix_history']) {
        for (;;) {
          const n = await this.store.transaction((tx) => execute(tx,
            `delete from "${table}" where "id" in (select "id" from "${table}" where "held_until" is not null and "held_until" < ? limit ${BATCH})`, [cutoff]));
          prunedHistory += n;
          if (n < BATCH) break;
        }
      }
    }
    return { expiredReservations, prunedHistory };
  }

  /** Starts the periodic sweep (does not keep the process alive); `onError` hears failed sweeps. */
  start(onError: (error: unknown) => void): void {
    if (this.settings.intervalSeconds <= 0 || this.timer) return;
    this.timer = setInterval(() => { this.runOnce().catch(onError); }, this.settings.intervalSeconds * 1000);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
