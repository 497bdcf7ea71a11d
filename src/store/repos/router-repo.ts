import { execute, inValueList, queryRow, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import type { FixedIp } from './ip-allocation-repo.ts';

/** Owners of the ports routers and floating IPs hold (SQL list). */
const SERVICE_OWNERS = "'network:router_interface', 'network:router_gateway', 'network:floatingip'";

/** A port of a router, with what the L3 rules read from it. */
export interface RouterPort {
  readonly port_id: string;
  readonly port_type: string;
  readonly network_id: string;
  readonly fixed_ips: FixedIp[];
}

/** A router's gateway as external_gateway_info shows it. */
export interface RouterGateway {
  readonly network_id: string;
  readonly external_fixed_ips: FixedIp[];
}

/**
 * Which ports belong to which router (`router_ports`: interfaces and the
 * gateway; one router per port) and the queries of the L3 rules over them.
 * Every method runs inside the given transaction.
 */
export class RouterRepo {
  async addPort(tx: Tx, routerId: string, portId: string, portType: string): Promise<void> {
    await execute(tx, 'insert into "router_ports" ("port_id", "router_id", "port_type") values (?, ?, ?)', [portId, routerId, portType]);
  }

  async removePort(tx: Tx, portId: string): Promise<void> {
    await execute(tx, 'delete from "router_ports" where "port_id" = ?', [portId]);
  }

  /** The router a port belongs to, and as what. */
  async ofPort(tx: Tx, portId: string): Promise<{ router_id: string; port_type: string } | undefined> {
    return queryRow(tx, 'select "router_id", "port_type" from "router_ports" where "port_id" = ?', [portId]);
  }

  /** Every port of a router with its network and addresses, in the order they were attached. */
  async portsOf(tx: Tx, routerId: string): Promise<RouterPort[]> {
    const rows = await queryRows<{ port_id: string; port_type: string; network_id: string; subnet_id: string | null; ip_address: string | null }>(tx,
      `select rp."port_id", rp."port_type", p."network_id", a."subnet_id", a."ip_address"
         from "router_ports" rp join "ports" p on p."id" = rp."port_id"
         left join "ip_allocations" a on a."port_id" = rp."port_id"
        where rp."router_id" = ? order by p."created_at", p."id", a."ordinal"`, [routerId]);
    const ports = new Map<string, RouterPort>();
    for (const row of rows) {
      let port = ports.get(row.port_id);
      if (!port) ports.set(row.port_id, port = { port_id: row.port_id, port_type: row.port_type, network_id: row.network_id, fixed_ips: [] });
      if (row.subnet_id !== null && row.ip_address !== null) port.fixed_ips.push({ subnet_id: row.subnet_id, ip_address: row.ip_address });
    }
    return [...ports.values()];
  }

  /** Ids of a router's ports of one type (e.g. its interfaces). */
  async portIdsOf(tx: Tx, routerId: string, portType: string): Promise<string[]> {
    const rows = await queryRows<{ port_id: string }>(tx, 'select "port_id" from "router_ports" where "router_id" = ? and "port_type" = ? order by "port_id"', [routerId, portType]);
    return rows.map((r) => r.port_id);
  }

  /** Gateways (network and addresses of the gateway port) of many routers, with one query; keyed by router id. */
  async gatewaysOf(tx: Tx, routerIds: readonly string[]): Promise<Map<string, RouterGateway & { port_id: string }>> {
    const out = new Map<string, RouterGateway & { port_id: string }>();
    if (routerIds.length === 0) return out;
    const rows = await queryRows<{ router_id: string; port_id: string; network_id: string; subnet_id: string | null; ip_address: string | null }>(tx,
      `select rp."router_id", rp."port_id", p."network_id", a."subnet_id", a."ip_address"
         from "router_ports" rp join "ports" p on p."id" = rp."port_id" left join "ip_allocations" a on a."port_id" = rp."port_id"
        where rp."port_type" = 'network:router_gateway' and ${inValueList(tx, 'rp."router_id"')} order by a."ordinal"`, [valueList(tx, routerIds)]);
    for (const row of rows) {
      let gateway = out.get(row.router_id);
      if (!gateway) out.set(row.router_id, gateway = { port_id: row.port_id, network_id: row.network_id, external_fixed_ips: [] });
      if (row.subnet_id !== null && row.ip_address !== null) gateway.external_fixed_ips.push({ subnet_id: row.subnet_id, ip_address: row.ip_address });
    }
    return out;
  }

  /** Whether a router's or a floating IP's port holds an address of the subnet (those block a subnet delete). */
  async servicePortOnSubnet(tx: Tx, subnetId: string): Promise<boolean> {
    return (await queryRow(tx, `select 1 as "x" from "ip_allocations" a join "ports" p on p."id" = a."port_id"
      where a."subnet_id" = ? and p."device_owner" in (${SERVICE_OWNERS}) limit 1`, [subnetId])) !== undefined;
  }

  /** The router port (interface or gateway) holding this address of the subnet, if any. */
  async routerPortHolding(tx: Tx, subnetId: string, ipAddress: string): Promise<string | undefined> {
    const row = await queryRow<{ port_id: string }>(tx, `select a."port_id" from "ip_allocations" a join "router_ports" rp on rp."port_id" = a."port_id"
      where a."subnet_id" = ? and a."ip_address" = ? limit 1`, [subnetId, ipAddress]);
    return row?.port_id;
  }

  /** Ports on the network that belong to a router or a floating IP (they block a network delete). */
  async servicePortOn(tx: Tx, networkId: string): Promise<boolean> {
    return (await queryRow(tx, `select 1 as "x" from "ports" where "network_id" = ?
      and "device_owner" in (${SERVICE_OWNERS}) limit 1`, [networkId])) !== undefined;
  }

  /** Whether any router has its gateway on the network. */
  async gatewayOn(tx: Tx, networkId: string): Promise<boolean> {
    return (await queryRow(tx, `select 1 as "x" from "router_ports" rp join "ports" p on p."id" = rp."port_id"
      where p."network_id" = ? and rp."port_type" = 'network:router_gateway' limit 1`, [networkId])) !== undefined;
  }

  /**
   * Routers that connect a subnet to an external network: an interface with
   * an address on the subnet, and the gateway on the network. Each with the
   * interface's address on the subnet (Neutron prefers the router whose
   * address is the subnet's gateway).
   */
  async connecting(tx: Tx, subnetId: string, externalNetworkId: string): Promise<Array<{ router_id: string; ip_address: string }>> {
    return queryRows(tx, `select distinct rp."router_id", a."ip_address"
        from "router_ports" rp join "ip_allocations" a on a."port_id" = rp."port_id"
        join "router_ports" gw on gw."router_id" = rp."router_id" and gw."port_type" = 'network:router_gateway'
        join "ports" gp on gp."id" = gw."port_id"
       where a."subnet_id" = ? and rp."port_type" <> 'network:router_gateway' and gp."network_id" = ?
       order by rp."router_id"`, [subnetId, externalNetworkId]);
  }
}
