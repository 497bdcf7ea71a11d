import type { IpAllocationTable } from '../schema.ts';
import { execute, executeDeferred, inValueList, queryRows, ROWS_AS_ARRAYS, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import { childRows, type Rows } from './row-set.ts';

/** A fixed IP as ports show it. */
export interface FixedIp { subnet_id: string; ip_address: string }

/**
 * Addresses held by ports. The primary key (subnet_id, ip_hex) is what makes
 * a duplicate address impossible, whatever happens above it.
 */
export class IpAllocationRepo {
  /** Records an allocation; false when the address is already held in that subnet. */
  async insert(tx: Tx, row: IpAllocationTable): Promise<boolean> {
    return (await execute(tx,
      'insert into "ip_allocations" ("subnet_id", "ip_hex", "ip_address", "port_id", "network_id", "ordinal") values (?, ?, ?, ?, ?, ?) on conflict do nothing',
      [row.subnet_id, row.ip_hex, row.ip_address, row.port_id, row.network_id, row.ordinal])) > 0;
  }

  /**
   * Records an allocation of an address IPAM just took out of its free
   * ranges: no port can hold it, so nobody waits for the answer (deferred on
   * PostgreSQL); the primary key still refuses a duplicate, failing the transaction.
   */
  async insertTaken(tx: Tx, row: IpAllocationTable): Promise<void> {
    await executeDeferred(tx,
      'insert into "ip_allocations" ("subnet_id", "ip_hex", "ip_address", "port_id", "network_id", "ordinal") values (?, ?, ?, ?, ?, ?)',
      [row.subnet_id, row.ip_hex, row.ip_address, row.port_id, row.network_id, row.ordinal]);
  }

  async exists(tx: Tx, subnetId: string, ipHex: string): Promise<boolean> {
    return (await tx.db.selectFrom('ip_allocations').select('port_id').where('subnet_id', '=', subnetId).where('ip_hex', '=', ipHex).executeTakeFirst()) !== undefined;
  }

  /** Allocations of one port, in the order they were made. */
  async ofPort(tx: Tx, portId: string): Promise<IpAllocationTable[]> {
    return queryRows<IpAllocationTable>(tx, 'select * from "ip_allocations" where "port_id" = ? order by "ordinal"', [portId]);
  }

  /** fixed_ips of many ports with one query. */
  async fixedIpsOf(tx: Tx, ports: Rows): Promise<Map<string, FixedIp[]>> {
    const out = new Map<string, FixedIp[]>();
    // Unordered: sorting in the database costs more than ordering each port's one or two addresses here.
    const rows = await childRows<[string, string, string, number]>(tx, '"port_id"', ports,
      (where) => `${ROWS_AS_ARRAYS}select "port_id", "subnet_id", "ip_address", "ordinal" from "ip_allocations" where ${where}`, { exclusive: true });
    let several = false;
    for (const [portId, subnetId, ipAddress] of rows) {
      const fixedIp = { subnet_id: subnetId, ip_address: ipAddress };
      const list = out.get(portId);
      if (list === undefined) out.set(portId, [fixedIp]);
      else { list.push(fixedIp); several = true; }
    }
    if (several) orderByOrdinal(rows, out);
    return out;
  }

  async delete(tx: Tx, subnetId: string, ipHex: string): Promise<void> {
    await execute(tx, 'delete from "ip_allocations" where "subnet_id" = ? and "ip_hex" = ?', [subnetId, ipHex]);
  }

  /** Allocations of a subnet held by ports whose owner is not network:* (those block a subnet delete). */
  async countUserAllocations(tx: Tx, subnetId: string): Promise<number> {
    const row = await tx.db.selectFrom('ip_allocations').innerJoin('ports', 'ports.id', 'ip_allocations.port_id')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('ip_allocations.subnet_id', '=', subnetId).where('ports.device_owner', 'not like', 'network:%').executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async allOfSubnet(tx: Tx, subnetId: string): Promise<IpAllocationTable[]> {
    return tx.db.selectFrom('ip_allocations').selectAll().where('subnet_id', '=', subnetId).execute();
  }

  /** Number of allocations per subnet. */
  async countBySubnet(tx: Tx, subnetIds: readonly string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    if (subnetIds.length === 0) return out;
    const rows = await queryRows<{ subnet_id: string; n: number | string }>(tx,
      `select "subnet_id", count(*) as n from "ip_allocations" where ${inValueList(tx, '"subnet_id"')} group by "subnet_id"`, [valueList(tx, subnetIds)]);
    for (const row of rows) out.set(row.subnet_id, Number(row.n));
    return out;
  }
}

/**
 * Puts the addresses of ports holding several in the order they were made.
 * Only those ports' rows are looked at again: most ports hold one address,
 * and a map from every address to its ordinal cost a list of 10,000 ports
 * more than the sorting.
 */
function orderByOrdinal(rows: ReadonlyArray<readonly [string, string, string, number]>, lists: Map<string, FixedIp[]>): void {
  const ordinals = new Map<string, number>();
  for (const [portId, subnetId, ipAddress, ordinal] of rows) {
    if (lists.get(portId)!.length > 1) ordinals.set(`${portId} ${subnetId} ${ipAddress}`, Number(ordinal));
  }
  for (const [portId, list] of lists) {
    if (list.length > 1) list.sort((a, b) => ordinals.get(`${portId} ${a.subnet_id} ${a.ip_address}`)! - ordinals.get(`${portId} ${b.subnet_id} ${b.ip_address}`)!);
  }
}
