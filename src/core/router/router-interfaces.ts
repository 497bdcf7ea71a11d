import { isUuidLike, pyStr } from '../../definitions/validators/index.ts';
import { cidrContainsAddress, parseCidr } from '../../ipam/cidr.ts';
import { parseIpAddress } from '../../ipam/ip-address.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import {
  badRequest, PortInUse, RouterInterfaceInUseByFloatingIP, RouterInterfaceInUseByRoute, RouterInterfaceNotFound,
  RouterInterfaceNotFoundForSubnet, SubnetMismatchForPort,
} from '../errors.ts';
import { subnetViewOf } from '../ipam/subnet-view.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import { checkNewSubnets } from './router-gateway.ts';
import { subnetRowsById, type L3Deps } from './l3-deps.ts';
import { routesVia, type Route } from './route-rules.ts';
import { ROUTER_INTERFACE } from './service-ports.ts';

/** What add/remove_router_interface answer (Neutron's `_make_router_interface_info`). */
export interface InterfaceInfo {
  id: string; tenant_id: string; project_id: string; port_id: string; network_id: string; subnet_id: string; subnet_ids: string[];
}

/** The body of add/remove_router_interface: `subnet_id` and/or `port_id` (Neutron's `_validate_interface_info`). */
export function interfaceRequest(body: unknown, forRemoval: boolean): { portId?: string; subnetId?: string } {
  const info = body !== null && typeof body === 'object' && !Array.isArray(body) ? body as Record<string, unknown> : {};
  const hasPort = 'port_id' in info;
  const hasSubnet = 'subnet_id' in info;
  if (!hasPort && !hasSubnet) throw badRequest('router', 'Either subnet_id or port_id must be specified');
  for (const key of ['port_id', 'subnet_id'] as const) {
    if (key in info && !isUuidLike(info[key])) throw badRequest('router', `'${pyStr(info[key])}' is not a valid UUID`);
  }
  if (!forRemoval && hasPort && hasSubnet) throw badRequest('router', 'Cannot specify both subnet-id and port-id');
  return { ...(hasPort ? { portId: String(info.port_id) } : {}), ...(hasSubnet ? { subnetId: String(info.subnet_id) } : {}) };
}

/** IPv6 subnets that take their addresses from an outside router's RAs cannot be a Neutron router's. */
function checkAddressMode(subnet: Row): void {
  if (Number(subnet.ip_version) === 6 && subnet.ipv6_ra_mode === null && subnet.ipv6_address_mode !== null) {
    throw badRequest('router', `IPv6 subnet ${String(subnet.id)} configured to receive RAs from an external router cannot be added to Neutron Router.`);
  }
}

/**
 * add_router_interface inside the request's transaction (the router is
 * locked and its policy checked by the caller). By port: the caller's port
 * (404), with no device (409 PortInUse), with addresses (400), at most one
 * IPv4 subnet (400), inside the pools unless the caller owns the subnet or
 * is an admin (400); it becomes `network:router_interface` of the router.
 * By subnet: the caller's subnet (404; another project's → 400), with a
 * gateway IP (400); a new port takes the gateway IP — or, for IPv6, the
 * router's IPv6 port on that network takes one more address. Either way no
 * subnet twice and no overlap with the router's subnets (400).
 */
export async function addInterface(deps: L3Deps, tx: Tx, ctx: RequestContext, router: Row, body: unknown): Promise<InterfaceInfo> {
  const { portId, subnetId } = interfaceRequest(body, false);
  const routerId = String(router.id);
  const attached = await deps.routers.portsOf(tx, routerId);
  let port: ResourceRecord;
  let subnets: Row[];
  if (portId !== undefined) {
    port = await deps.ports.read(tx, ctx, portId);
    if (port.device_id !== '') throw new PortInUse(String(port.network_id), portId, String(port.device_id));
    const fixedIps = port.fixed_ips as Array<{ subnet_id: string; ip_address: string }>;
    if (fixedIps.length === 0) throw badRequest('router', 'Router port must have at least one fixed IP');
    const byId = await subnetRowsById(deps, tx, fixedIps.map((f) => f.subnet_id));
    subnets = [...byId.values()];
    for (const subnet of subnets) checkAddressMode(subnet);
    await checkNewSubnets(deps, tx, attached, subnets.map((s) => ({ id: String(s.id), cidr: String(s.cidr) })));
    if (subnets.filter((s) => Number(s.ip_version) === 4).length > 1) throw badRequest('router', 'Cannot have multiple IPv4 subnets on router port');
    if (!ctx.isAdmin) checkInPools(port, fixedIps, byId, ctx);
    port = await deps.ports.update(tx, ctx, portId, { device_id: routerId, device_owner: ROUTER_INTERFACE });
    await deps.routers.addPort(tx, routerId, portId, ROUTER_INTERFACE);
  } else {
    const subnet = await deps.subnets.readWithin(tx, ctx, subnetId!);
    if (subnet.gateway_ip === null || subnet.gateway_ip === undefined) throw badRequest('router', 'Subnet for router interface must have a gateway IP');
    if (subnet.project_id !== ctx.projectId && !ctx.isAdmin) {
      throw badRequest('router', `Cannot add interface to router because subnet ${subnetId!} is not owned by project making the request`);
    }
    const row = (await subnetRowsById(deps, tx, [subnetId!])).get(subnetId!)!;
    checkAddressMode(row);
    await checkNewSubnets(deps, tx, attached, [{ id: subnetId!, cidr: String(row.cidr) }]);
    subnets = [row];
    const fixedIp = { subnet_id: subnetId!, ip_address: String(subnet.gateway_ip) };
    const ipv6Port = Number(row.ip_version) === 6
      ? attached.find((p) => p.port_type === ROUTER_INTERFACE && p.network_id === row.network_id && p.fixed_ips.some((f) => f.ip_address.includes(':')))
      : undefined;
    if (ipv6Port) {
      port = await deps.ports.update(tx, ctx, ipv6Port.port_id, { fixed_ips: [...ipv6Port.fixed_ips, fixedIp] });
    } else {
      port = await deps.ports.create(tx, ctx, {
        project_id: router.project_id, tenant_id: router.project_id, network_id: row.network_id, fixed_ips: [fixedIp],
        device_id: routerId, device_owner: ROUTER_INTERFACE,
      });
      await deps.routers.addPort(tx, routerId, String(port.id), ROUTER_INTERFACE);
    }
  }
  return interfaceInfo(routerId, port, subnets.map((s) => String(s.id)), subnets.length - 1);
}

/**
 * remove_router_interface inside the request's transaction. By port: one of
 * the router's interfaces (404 RouterInterfaceNotFound), carrying
 * `subnet_id` when both are given (400 SubnetMismatchForPort); the port
 * goes. By subnet: the router's interface on it (404
 * RouterInterfaceNotFoundForSubnet); the subnet's address leaves the port,
 * or the port goes when it was its only one. Refused (409) while a floating
 * IP or a route needs the interface.
 */
export async function removeInterface(deps: L3Deps, tx: Tx, ctx: RequestContext, router: Row, body: unknown): Promise<InterfaceInfo> {
  const { portId, subnetId } = interfaceRequest(body, true);
  const routerId = String(router.id);
  const interfaces = (await deps.routers.portsOf(tx, routerId)).filter((p) => p.port_type === ROUTER_INTERFACE);
  if (portId !== undefined) {
    const port = interfaces.find((p) => p.port_id === portId);
    if (!port) throw new RouterInterfaceNotFound(routerId, portId);
    const subnetIds = port.fixed_ips.map((f) => f.subnet_id);
    if (subnetId !== undefined && !subnetIds.includes(subnetId)) throw new SubnetMismatchForPort(portId, subnetId);
    const subnets = [...(await subnetRowsById(deps, tx, subnetIds)).values()];
    for (const subnet of subnets) await checkNotInUse(deps, tx, router, subnet);
    const record = { ...(await deps.repos.ports.get(tx, portId)) } as ResourceRecord;
    await deps.routers.removePort(tx, portId);
    await deps.ports.delete(tx, ctx, portId);
    return interfaceInfo(routerId, record, subnets.map((s) => String(s.id)), 0);
  }
  const subnet = await deps.subnets.readWithin(tx, ctx, subnetId!);
  const onNetwork = interfaces.filter((p) => p.network_id === subnet.network_id);
  const row = (await subnetRowsById(deps, tx, [subnetId!])).get(subnetId!)!;
  for (const port of onNetwork) {
    if (!port.fixed_ips.some((f) => f.subnet_id === subnetId)) continue;
    await checkNotInUse(deps, tx, router, row);
    if (port.fixed_ips.length > 1) {
      const updated = await deps.ports.update(tx, ctx, port.port_id, { fixed_ips: port.fixed_ips.filter((f) => f.subnet_id !== subnetId) });
      return interfaceInfo(routerId, updated, [subnetId!], 0);
    }
    const record = { id: port.port_id, project_id: router.project_id, network_id: port.network_id };
    await deps.routers.removePort(tx, port.port_id);
    await deps.ports.delete(tx, ctx, port.port_id);
    return interfaceInfo(routerId, record, [subnetId!], 0);
  }
  throw new RouterInterfaceNotFoundForSubnet(routerId, subnetId!);
}

/** 409 while a floating IP behind the interface's subnet, or a route through it, needs it. */
async function checkNotInUse(deps: L3Deps, tx: Tx, router: Row, subnet: Row): Promise<void> {
  const routerId = String(router.id);
  const cidr = parseCidr(String(subnet.cidr), { strict: false })!;
  const portsOnSubnet = new Set((await deps.repos.allocations.allOfSubnet(tx, String(subnet.id))).map((a) => a.port_id));
  for (const fip of await deps.fips.ofRouter(tx, routerId)) {
    const ip = fip.fixed_ip_address === null ? undefined : parseIpAddress(fip.fixed_ip_address);
    if (ip && cidrContainsAddress(cidr, ip) && fip.port_id !== null && portsOnSubnet.has(fip.port_id)) {
      throw new RouterInterfaceInUseByFloatingIP(routerId, String(subnet.id));
    }
  }
  if (routesVia(JSON.parse(String(router.routes ?? '[]')) as Route[], String(subnet.cidr)).length > 0) {
    throw new RouterInterfaceInUseByRoute(routerId, String(subnet.id));
  }
}

/** A non-admin's port may hold an address outside the pools only on a subnet of the caller's project. */
function checkInPools(port: ResourceRecord, fixedIps: Array<{ subnet_id: string; ip_address: string }>, subnets: Map<string, Row>, ctx: RequestContext): void {
  for (const fixed of fixedIps) {
    const subnet = subnets.get(fixed.subnet_id);
    if (!subnet) continue;
    const view = subnetViewOf(subnet);
    const ip = parseIpAddress(fixed.ip_address)!;
    const inPools = view.pools.some((r) => ip.value >= r.first && ip.value <= r.last);
    if (!inPools && view.projectId !== ctx.projectId) {
      throw badRequest('router', `Cannot add interface to router because specified port ${String(port.id)} has an IP address out of the allocation pool of subnet ${fixed.subnet_id}, which is not owned by the project making the request`);
    }
  }
}

function interfaceInfo(routerId: string, port: ResourceRecord, subnetIds: string[], which: number): InterfaceInfo {
  const project = String(port.project_id);
  return {
    id: routerId, tenant_id: project, project_id: project, port_id: String(port.id), network_id: String(port.network_id),
    subnet_id: subnetIds[which] ?? subnetIds[0] ?? '', subnet_ids: subnetIds,
  };
}
