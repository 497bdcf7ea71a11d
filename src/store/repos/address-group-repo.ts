import { execute, inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** The CIDRs of address groups (one row per group and CIDR). Every method runs inside the given transaction. */
export class AddressGroupRepo {
  /** The addresses of each group, in text order; groups without addresses are absent. */
  async addressesOf(tx: Tx, groupIds: readonly string[]): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    if (groupIds.length === 0) return out;
    const rows = await queryRows<{ address_group_id: string; address: string }>(tx,
      `select "address_group_id", "address" from "address_group_addresses" where ${inValueList(tx, '"address_group_id"')} order by "address_group_id", "address"`,
      [valueList(tx, groupIds)]);
    for (const row of rows) {
      const list = out.get(row.address_group_id);
      if (list) list.push(row.address);
      else out.set(row.address_group_id, [row.address]);
    }
    return out;
  }

  async add(tx: Tx, groupId: string, addresses: readonly string[]): Promise<void> {
    for (const address of addresses) {
      await execute(tx, 'insert into "address_group_addresses" ("address_group_id", "address") values (?, ?)', [groupId, address]);
    }
  }

  async remove(tx: Tx, groupId: string, addresses: readonly string[]): Promise<void> {
    for (const address of addresses) {
      await execute(tx, 'delete from "address_group_addresses" where "address_group_id" = ? and "address" = ?', [groupId, address]);
    }
  }
}
