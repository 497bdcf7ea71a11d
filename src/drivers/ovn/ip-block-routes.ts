import type { Replica } from '../../ovsdb/replica.ts';
import type { DesiredState, IpBlockView, PortView, SubnetView } from '../driver.ts';
import type { PortSpec } from './ovn-model.ts';
import { isInterfacePort, routerIdOf, type StaticRouteSpec } from './router-model.ts';
import { switchName } from './ovn-model.ts';

/*
 * IP blocks routed to ports (muon's ip-blocks extension, issue 6: "routed to
 * a port once the data plane supports it"), the way a bare-metal provider
 * routes an elastic block to a server:
 * - the block's prefix joins the port's port security (its first entry, with
 *   the port's MAC and addresses), so the port may send from and receive for
 *   any address of the block; a port without port security needs nothing;
 * - every router with an interface on a subnet where the port has an address
 *   of the block's family routes the block to that address (a static route,
 *   external_ids `muon:ip_block_id` and `muon:port_id`, by which a change of
 *   the port finds the routers that route to it after the block has gone).
 * Pure, but for `routersRoutingTo`, which reads the northbound replica.
 */

export const IP_BLOCK_ID_KEY = 'muon:ip_block_id';
export const IP_BLOCK_PORT_KEY = 'muon:port_id';

/** `specs` with the prefixes of the blocks routed to each port in its port security. */
export function withIpBlockSecurity(specs: readonly PortSpec[], blocks: readonly IpBlockView[]): PortSpec[] {
  const prefixes = new Map<string, string[]>();
  for (const block of [...blocks].sort((a, b) => a.cidr.localeCompare(b.cidr))) prefixes.set(block.port_id, [...(prefixes.get(block.port_id) ?? []), block.cidr]);
  return specs.map((spec) => {
    const own = prefixes.get(spec.name);
    if (own === undefined || spec.port_security.length === 0) return spec;
    const [first, ...rest] = spec.port_security;
    return { ...spec, port_security: [`${first} ${own.join(' ')}`, ...rest] };
  });
}

/**
 * The routes of one router to the blocks routed to ports behind it.
 * `routerPorts` are the router's ports, `subnets` at least their subnets,
 * `holders` the ports the blocks are routed to.
 */
export function ipBlockRoutes(routerPorts: readonly PortView[], subnets: ReadonlyMap<string, SubnetView>, blocks: readonly IpBlockView[], holders: ReadonlyMap<string, PortView>): StaticRouteSpec[] {
  const served = new Set(routerPorts.filter(isInterfacePort).flatMap((p) => p.fixed_ips.map((ip) => ip.subnet_id)));
  const routes: StaticRouteSpec[] = [];
  for (const block of blocks) {
    const holder = holders.get(block.port_id);
    const family = block.cidr.includes(':') ? 6 : 4;
    const nexthop = holder?.fixed_ips.find((ip) => served.has(ip.subnet_id) && subnets.get(ip.subnet_id)?.ip_version === family);
    if (nexthop === undefined) continue;
    routes.push({ ip_prefix: block.cidr, nexthop: nexthop.ip_address, external_ids: { [IP_BLOCK_ID_KEY]: block.id, [IP_BLOCK_PORT_KEY]: block.port_id } });
  }
  return routes.sort((a, b) => a.ip_prefix.localeCompare(b.ip_prefix));
}

/** Reads the blocks a router's routes need: every routed block whose port is on one of the router's networks. */
export async function readIpBlockRoutes(state: DesiredState, routerPorts: readonly PortView[], subnets: ReadonlyMap<string, SubnetView>): Promise<StaticRouteSpec[]> {
  const networks = new Set(routerPorts.filter(isInterfacePort).map((p) => p.network_id));
  if (networks.size === 0) return [];
  const blocks = await state.routedIpBlocks();
  const holders = (await Promise.all([...new Set(blocks.map((b) => b.port_id))].map((id) => state.port(id)))).filter((p): p is PortView => p !== undefined && networks.has(p.network_id));
  return ipBlockRoutes(routerPorts, subnets, blocks, new Map(holders.map((p) => [p.id, p])));
}

/**
 * The routers to look at when a port changes, for its blocks: those that
 * route a block to it now (northbound rows), and, when it holds blocks,
 * those with an interface on its network.
 */
export function routersRoutingTo(replica: Replica, portId: string, holding: { networkId: string } | undefined): Set<string> {
  const routers = new Set<string>();
  const routeUuids = new Set<string>();
  for (const route of replica.rows('Logical_Router_Static_Route').values()) {
    if ((route.external_ids as Record<string, string>)[IP_BLOCK_PORT_KEY] === portId) routeUuids.add(route._uuid);
  }
  // Most ports hold no block: one pass over the (few) static routes, and the routers only when one names the port.
  for (const router of routeUuids.size === 0 ? [] : replica.rows('Logical_Router').values()) {
    if ((router.static_routes as string[]).some((uuid) => routeUuids.has(uuid))) addRouter(routers, router.name as string);
  }
  if (holding === undefined) return routers;
  for (const lrp of replica.rows('Logical_Router_Port').values()) {
    const ids = lrp.external_ids as Record<string, string>;
    if (ids['neutron:network_name'] === switchName(holding.networkId)) addRouter(routers, ids['neutron:router_name'] ?? '');
  }
  return routers;
}

function addRouter(routers: Set<string>, name: string): void {
  const id = routerIdOf(name);
  if (id) routers.add(id);
}
