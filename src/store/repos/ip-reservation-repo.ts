import { execute, inValueList, queryRow, queryRows, ROWS_AS_ARRAYS, valueList } from '../fast-sql.ts';
import type { IpReservationTable } from '../schema.ts';
import type { Tx } from '../store.ts';

/** The part of a reservation the IPAM bookkeeping needs. */
export interface ReservedRange {
  readonly id: string;
  readonly subnet_id: string;
  readonly project_id: string;
  readonly first_hex: string;
  readonly last_hex: string;
  readonly expires_at: string | null;
}

/**
 * Reservation rows as IPAM reads them (the resource engine writes them
 * through ResourceRepo). Reservations of one subnet never overlap: each one
 * took its addresses out of the free intervals when it was made.
 */
export class IpReservationRepo {
  /**
   * The reservation holding `hex` in a subnet, if any. On PostgreSQL the row
   * is share-locked, so it cannot end (delete, expiry) before the caller
   * commits: an address is lent from, or given back to, a reservation that
   * still exists.
   */
  async covering(tx: Tx, subnetId: string, hex: string): Promise<ReservedRange | undefined> {
    const lock = tx.dialect === 'postgres' ? ' for share' : '';
    return queryRow<ReservedRange>(tx,
      `select "id", "subnet_id", "project_id", "first_hex", "last_hex", "expires_at" from "ip_reservations"
        where "subnet_id" = ? and "first_hex" <= ? and "last_hex" >= ? order by "first_hex" desc limit 1${lock}`, [subnetId, hex, hex]);
  }

  /** Reservations of a subnet, ascending. */
  async ofSubnet(tx: Tx, subnetId: string): Promise<ReservedRange[]> {
    return queryRows<ReservedRange>(tx,
      'select "id", "subnet_id", "project_id", "first_hex", "last_hex", "expires_at" from "ip_reservations" where "subnet_id" = ? order by "first_hex"', [subnetId]);
  }

  /** [subnet_id, first_hex, last_hex, project_id] of the reservations of many subnets, or of all (reports). */
  async rangesOf(tx: Tx, subnetIds: readonly string[] | undefined): Promise<Array<[string, string, string, string]>> {
    if (subnetIds === undefined) return queryRows(tx, `${ROWS_AS_ARRAYS}select "subnet_id", "first_hex", "last_hex", "project_id" from "ip_reservations"`);
    if (subnetIds.length === 0) return [];
    return queryRows<[string, string, string, string]>(tx,
      `${ROWS_AS_ARRAYS}select "subnet_id", "first_hex", "last_hex", "project_id" from "ip_reservations" where ${inValueList(tx, '"subnet_id"')}`, [valueList(tx, subnetIds)]);
  }

  /**
   * Up to `limit` reservations whose expiry is at or before `now`, locked
   * (on PostgreSQL rows another transaction is expiring are skipped).
   */
  async expired(tx: Tx, now: string, limit: number, subnetId?: string): Promise<IpReservationTable[]> {
    const lock = tx.dialect === 'postgres' ? ' for update skip locked' : '';
    const bySubnet = subnetId === undefined ? '' : ' and "subnet_id" = ?';
    return queryRows<IpReservationTable>(tx,
      `select * from "ip_reservations" where "expires_at" is not null and "expires_at" <= ?${bySubnet} order by "expires_at" limit ?${lock}`,
      subnetId === undefined ? [now, limit] : [now, subnetId, limit]);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await execute(tx, 'delete from "ip_reservations" where "id" = ?', [id]);
  }

  /** Hex keys of the addresses held by ports in [firstHex, lastHex] of a subnet, ascending. */
  async heldIn(tx: Tx, subnetId: string, firstHex: string, lastHex: string): Promise<string[]> {
    const rows = await queryRows<[string]>(tx,
      `${ROWS_AS_ARRAYS}select "ip_hex" from "ip_allocations" where "subnet_id" = ? and "ip_hex" >= ? and "ip_hex" <= ? order by "ip_hex"`, [subnetId, firstHex, lastHex]);
    return rows.map((r) => r[0]);
  }
}
