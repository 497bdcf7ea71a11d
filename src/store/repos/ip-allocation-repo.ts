import type { IpAllocationTable } from '../schema.ts';
import { execute, placeholders, queryRows } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import { chunks } from './tag-repo.ts';

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

  async exists(tx: Tx, subnetId: string, ipHex: string): Promise<boolean> {
    return (await tx.db.selectFrom('ip_allocations').select('port_id').where('subnet_id', '=', subnetId).where('ip_hex', '=', ipHex).executeTakeFirst()) !== undefined;
  }

  /** Allocations of one port, in the order they were made. */
  async ofPort(tx: Tx, portId: string): Promise<IpAllocationTable[]> {
    return queryRows<IpAllocationTable>(tx, 'select * from "ip_allocations" where "port_id" = ? order by "ordinal"', [portId]);
  }

  /** fixed_ips of many ports with one query per 500 ports. */
  async fixedIpsOf(tx: Tx, portIds: readonly string[]): Promise<Map<string, FixedIp[]>> {
    const out = new Map<string, FixedIp[]>();
    for (const chunk of chunks(portIds, 500)) {
      const rows = await queryRows<{ port_id: string; subnet_id: string; ip_address: string }>(tx,
        `select "port_id", "subnet_id", "ip_address" from "ip_allocations" where "port_id" in (${placeholders(chunk.length)}) order by "port_id", "ordinal"`, chunk);
      for (const row of rows) {
        const list = out.get(row.port_id) ?? [];
        list.push({ subnet_id: row.subnet_id, ip_address: row.ip_address });
        out.set(row.port_id, list);
      }
    }
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
    for (const chunk of chunks(subnetIds, 500)) {
      const rows = await tx.db.selectFrom('ip_allocations').select(['subnet_id', (eb) => eb.fn.countAll<number>().as('n')])
        .where('subnet_id', 'in', chunk).groupBy('subnet_id').execute();
      for (const row of rows) out.set(row.subnet_id, Number(row.n));
    }
    return out;
  }
}
