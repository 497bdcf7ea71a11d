import type { IpReservationRepo } from '../../store/repos/ip-reservation-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { CoreRepos } from '../repos.ts';
import type { IpamDriver } from './ipam-driver.ts';
import { rangeOf } from './ip-reservation-hooks.ts';
import { subnetViewOf } from './subnet-view.ts';

/**
 * Ends reservations whose `expires_at` has passed: the addresses no port
 * borrowed go back to the free pool, the row (and its tags) go. Called by
 * the periodic sweep (ipam-maintenance.ts) and lazily by the built-in driver
 * when a subnet looks exhausted or a requested address sits in an expired
 * reservation, so expiry is exact at the moment it matters, whenever the
 * sweep last ran. Idempotent; runs inside the caller's transaction; on
 * PostgreSQL rows another transaction is expiring are skipped.
 */
export class ReservationExpiry {
  constructor(private readonly repos: CoreRepos, private readonly reservations: IpReservationRepo, private readonly ipam: IpamDriver) {}

  /** Expires up to `limit` reservations (of one subnet, when given); returns how many. */
  async expire(tx: Tx, options: { subnetId?: string; limit?: number } = {}): Promise<number> {
    const rows = await this.reservations.expired(tx, tx.now, options.limit ?? 500, options.subnetId);
    for (const row of rows) {
      const subnet = await this.repos.subnets.get(tx, row.subnet_id);
      if (subnet) await this.ipam.unreserve(tx, subnetViewOf(subnet), rangeOf(row));
      await this.repos.tags.removeAll(tx, row.id);
      await this.reservations.delete(tx, row.id);
    }
    return rows.length;
  }
}
