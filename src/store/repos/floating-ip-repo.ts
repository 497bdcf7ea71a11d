import { execute, inValueList, queryRow, queryRows, valueList } from '../fast-sql.ts';
import type { PortForwardingTable } from '../schema.ts';
import type { Tx } from '../store.ts';

/** What the L3 rules read of a floating IP. */
export interface FloatingIpLink {
  readonly id: string;
  readonly floating_ip_address: string;
  readonly port_id: string | null;
  readonly fixed_ip_address: string | null;
  readonly router_id: string | null;
}

/** The floating IP queries of the router and port rules; every method runs inside the given transaction. */
export class FloatingIpRepo {
  /** Floating IPs of an external network that no port uses: they go with the network (Neutron's delete_disassociated_floatingips). */
  async unassociatedOn(tx: Tx, networkId: string): Promise<string[]> {
    const rows = await queryRows<{ id: string }>(tx, 'select "id" from "floatingips" where "floating_network_id" = ? and "port_id" is null', [networkId]);
    return rows.map((r) => r.id);
  }

  /** Floating IPs served through a router (associated to a port behind it). */
  async ofRouter(tx: Tx, routerId: string): Promise<FloatingIpLink[]> {
    return queryRows(tx, 'select "id", "floating_ip_address", "port_id", "fixed_ip_address", "router_id" from "floatingips" where "router_id" = ?', [routerId]);
  }

  /** Floating IPs associated with a port. */
  async ofPort(tx: Tx, portId: string): Promise<FloatingIpLink[]> {
    return queryRows(tx, 'select "id", "floating_ip_address", "port_id", "fixed_ip_address", "router_id" from "floatingips" where "port_id" = ?', [portId]);
  }

  /** The floating IP of the external network already on this fixed IP of the port, other than `exceptId`. */
  async onFixedIp(tx: Tx, portId: string, networkId: string, fixedIp: string, exceptId: string): Promise<FloatingIpLink | undefined> {
    return queryRow(tx, `select "id", "floating_ip_address", "port_id", "fixed_ip_address", "router_id" from "floatingips"
      where "port_id" = ? and "floating_network_id" = ? and "fixed_ip_address" = ? and "id" <> ?`, [portId, networkId, fixedIp, exceptId]);
  }

  /** Ends every association with the port (its floating IPs stay, unassociated and DOWN); returns their ids. */
  async disassociatePort(tx: Tx, portId: string): Promise<string[]> {
    const ids = (await queryRows<{ id: string }>(tx, 'select "id" from "floatingips" where "port_id" = ?', [portId])).map((r) => r.id);
    if (ids.length > 0) {
      await execute(tx, `update "floatingips" set "port_id" = null, "fixed_ip_address" = null, "router_id" = null, "status" = 'DOWN' where "port_id" = ?`, [portId]);
    }
    return ids;
  }

  /** Port forwardings of many floating IPs (one query), in creation order. */
  async forwardingsOf(tx: Tx, floatingipIds: readonly string[]): Promise<PortForwardingTable[]> {
    if (floatingipIds.length === 0) return [];
    return queryRows(tx, `select * from "port_forwardings" where ${inValueList(tx, '"floatingip_id"')} order by "created_at", "id"`, [valueList(tx, floatingipIds)]);
  }

  /** Port forwardings of one floating IP and protocol (the outside collisions). */
  async forwardingsOnFip(tx: Tx, floatingipId: string, protocol: string): Promise<PortForwardingTable[]> {
    return queryRows(tx, 'select * from "port_forwardings" where "floatingip_id" = ? and "protocol" = ?', [floatingipId, protocol]);
  }

  /** Port forwardings to one internal address and protocol (the inside collisions). */
  async forwardingsTo(tx: Tx, portId: string, protocol: string, ipAddress: string): Promise<PortForwardingTable[]> {
    return queryRows(tx, 'select * from "port_forwardings" where "internal_port_id" = ? and "protocol" = ? and "internal_ip_address" = ?', [portId, protocol, ipAddress]);
  }

  async hasForwardings(tx: Tx, floatingipId: string): Promise<boolean> {
    return (await queryRow(tx, 'select 1 as "x" from "port_forwardings" where "floatingip_id" = ? limit 1', [floatingipId])) !== undefined;
  }

  /** Deletes the port forwardings to a port; returns the floating IPs they were on. */
  async deleteForwardingsTo(tx: Tx, portId: string): Promise<string[]> {
    const fips = (await queryRows<{ floatingip_id: string }>(tx, 'select distinct "floatingip_id" from "port_forwardings" where "internal_port_id" = ?', [portId]))
      .map((r) => r.floatingip_id);
    if (fips.length > 0) await execute(tx, 'delete from "port_forwardings" where "internal_port_id" = ?', [portId]);
    return fips;
  }

  /** Puts a floating IP on a router (its first port forwarding). */
  async setRouter(tx: Tx, floatingipId: string, routerId: string): Promise<void> {
    await execute(tx, 'update "floatingips" set "router_id" = ? where "id" = ?', [routerId, floatingipId]);
  }

  /** A floating IP without association and port forwardings is on no router. */
  async releaseRouterIfIdle(tx: Tx, floatingipId: string): Promise<boolean> {
    return (await execute(tx, `update "floatingips" set "router_id" = null where "id" = ? and "port_id" is null and "router_id" is not null
      and not exists (select 1 from "port_forwardings" where "floatingip_id" = ?)`, [floatingipId, floatingipId])) > 0;
  }
}
