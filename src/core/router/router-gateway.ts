import type { FixedIpRequest } from '../ipam/ip-allocator.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { RouterPort } from '../../store/repos/router-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { badRequest, RouterExternalGatewayInUseByFloatingIp } from '../errors.ts';
import { checkNoOverlap, checkRoutes, type Route } from './route-rules.ts';
import { subnetRowsById, subnetRowsOf, type L3Deps } from './l3-deps.ts';
import { ROUTER_GATEWAY } from './service-ports.ts';

/** external_gateway_info as the API accepts it (already validated). */
export interface GatewayInfo { network_id?: string; enable_snat?: boolean; external_fixed_ips?: FixedIpRequest[] }

/**
 * Sets, changes or clears a router's gateway (Neutron's
 * `_update_router_gw_info`), inside the request's transaction:
 * - the network must exist for the caller (404) and be external (400), and
 *   no requested address may be a subnet's gateway IP (400); the router's
 *   routes must still have their nexthops afterwards (400 InvalidRoutes);
 * - same network with other external_fixed_ips: the gateway port's
 *   addresses change; another network or none: the old gateway port goes
 *   (409 while floating IPs need it) and a new one is made
 *   (`network:router_gateway`, no project, device_id = router), after the
 *   subnet checks of interfaces (400 on overlap or a subnet already used).
 * Returns enable_snat as it is to be stored (true unless asked otherwise).
 */
export async function applyGateway(deps: L3Deps, tx: Tx, ctx: RequestContext, router: Row, info: GatewayInfo | null): Promise<boolean> {
  const routerId = String(router.id);
  const requested = info !== null && typeof info === 'object' && info.network_id !== undefined ? info : undefined;
  const ports = await deps.routers.portsOf(tx, routerId);
  const current = ports.find((p) => p.port_type === ROUTER_GATEWAY);
  const extIps = requested?.external_fixed_ips ?? [];
  const networkId = await validate(deps, tx, ctx, router, requested, ports);
  if (current && networkId === current.network_id && externalIpsChange(current, extIps)) {
    await deps.ports.update(tx, ctx, current.port_id, { fixed_ips: extIps });
  } else {
    if (current && current.network_id !== networkId) {
      if ((await deps.fips.ofRouter(tx, routerId)).length > 0) throw new RouterExternalGatewayInUseByFloatingIp(routerId, current.network_id);
      await deps.routers.removePort(tx, current.port_id);
      await deps.ports.delete(tx, ctx, current.port_id);
    }
    if (networkId !== undefined && (!current || current.network_id !== networkId)) {
      const interfaces = ports.filter((p) => p.port_type !== ROUTER_GATEWAY);
      await checkNewSubnets(deps, tx, interfaces, (await subnetRowsOf(deps, tx, networkId)).map((s) => ({ id: String(s.id), cidr: String(s.cidr) })));
      const port = await deps.ports.create(tx, ctx, {
        project_id: '', tenant_id: '', network_id: networkId, device_id: routerId, device_owner: ROUTER_GATEWAY,
        ...(extIps.length > 0 ? { fixed_ips: extIps } : {}),
      });
      await deps.routers.addPort(tx, routerId, String(port.id), ROUTER_GATEWAY);
    }
  }
  return requested?.enable_snat ?? true;
}

async function validate(deps: L3Deps, tx: Tx, ctx: RequestContext, router: Row, info: GatewayInfo | undefined, ports: RouterPort[]): Promise<string | undefined> {
  const networkId = info?.network_id;
  let gatewayCidrs: string[] = [];
  if (networkId !== undefined) {
    const network = await deps.networks.readWithin(tx, ctx, networkId);
    if (network['router:external'] !== true) throw badRequest('router', `Network ${networkId} is not an external network`);
    const subnets = await subnetRowsOf(deps, tx, networkId);
    gatewayCidrs = subnets.map((s) => String(s.cidr));
    for (const ip of info?.external_fixed_ips ?? []) {
      if (ip.ip_address !== undefined && subnets.some((s) => s.gateway_ip !== null && s.gateway_ip === ip.ip_address)) {
        throw badRequest('router', `External IP ${ip.ip_address} is the same as the gateway IP`);
      }
    }
  }
  const routes = JSON.parse(String(router.routes ?? '[]')) as Route[];
  if (routes.length > 0) {
    const interfaces = ports.filter((p) => p.port_type !== ROUTER_GATEWAY);
    const subnets = await subnetRowsById(deps, tx, interfaces.flatMap((p) => p.fixed_ips.map((f) => f.subnet_id)));
    const cidrs = [...[...subnets.values()].map((s) => String(s.cidr)), ...gatewayCidrs];
    checkRoutes(routes, cidrs, interfaces.flatMap((p) => p.fixed_ips.map((f) => f.ip_address)));
  }
  return networkId;
}

/** Whether requested external_fixed_ips differ from the gateway port's (Neutron compares subnets, then addresses). */
function externalIpsChange(current: RouterPort, requested: readonly FixedIpRequest[]): boolean {
  if (requested.length === 0) return false;
  const same = (a: Set<string>, b: Set<string>) => a.size === b.size && [...a].every((x) => b.has(x));
  const subnets = new Set(requested.map((f) => f.subnet_id).filter((s): s is string => s !== undefined));
  if (!same(subnets, new Set(current.fixed_ips.map((f) => f.subnet_id)))) return true;
  const addresses = new Set(requested.map((f) => f.ip_address).filter((s): s is string => s !== undefined));
  return !same(addresses, new Set(current.fixed_ips.map((f) => f.ip_address)));
}

/**
 * Neutron's `_check_for_dup_router_subnets`: a router may not get a second
 * port on a subnet it has a port on ("Router already has a port on subnet"),
 * nor a subnet overlapping one of its subnets — for its gateway, every
 * subnet of the external network counts.
 */
export async function checkNewSubnets(deps: L3Deps, tx: Tx, ports: readonly RouterPort[], added: ReadonlyArray<{ id: string; cidr: string }>): Promise<void> {
  const addedIds = new Set(added.map((s) => s.id));
  const routerSubnetIds: string[] = [];
  for (const port of ports) {
    for (const ip of port.fixed_ips) {
      if (addedIds.has(ip.subnet_id)) throw badRequest('router', `Router already has a port on subnet ${ip.subnet_id}`);
    }
    if (port.port_type === ROUTER_GATEWAY) routerSubnetIds.push(...(await subnetRowsOf(deps, tx, port.network_id)).map((s) => String(s.id)));
    else routerSubnetIds.push(...port.fixed_ips.map((f) => f.subnet_id));
  }
  const existing = [...(await subnetRowsById(deps, tx, routerSubnetIds)).values()].map((s) => ({ id: String(s.id), cidr: String(s.cidr) }));
  checkNoOverlap(existing, added);
}
