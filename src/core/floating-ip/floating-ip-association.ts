import { parseIpAddress } from '../../ipam/ip-address.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { badRequest, ExternalGatewayForFloatingIPNotFound, FloatingIPPortAlreadyAssociated } from '../errors.ts';
import type { L3Deps } from '../router/l3-deps.ts';
import { subnetRowsById } from '../router/l3-deps.ts';

/** Where a floating IP points: nothing, or a port's fixed IPv4 behind a router. */
export interface Association { port_id: string | null; fixed_ip_address: string | null; router_id: string | null }

export const UNASSOCIATED: Association = { port_id: null, fixed_ip_address: null, router_id: null };

/** The floating IP being associated, as the rules read it. */
export interface FloatingIpSide { id: string; project_id: string; floating_network_id: string; floating_ip_address: string }

/**
 * Neutron's association rules (`_internal_fip_assoc_data`,
 * `get_router_for_floatingip`): the port must be visible to the caller (404),
 * the floating IP's project's unless the caller is an admin (400), not a
 * DHCP port (400); `fixed_ip_address` one of its IPv4 addresses (400), or
 * its only IPv4 address when not given (400 for none or several). A router
 * must have an interface on that address's subnet and its gateway on the
 * floating IP's network (404 ExternalGatewayForFloatingIPNotFound; the one
 * whose interface is the subnet's gateway wins); and no other floating IP of
 * that network may be on the same fixed IP (409).
 */
export async function associate(deps: L3Deps, tx: Tx, ctx: RequestContext, fip: FloatingIpSide, portId: string, fixedIp: string | null): Promise<Association> {
  const port = await deps.ports.read(tx, ctx, portId);
  if (port.project_id !== fip.project_id && !ctx.isAdmin) {
    throw badRequest('floatingip', `Cannot process floating IP association with Port ${portId}, since that port is owned by a different project`);
  }
  if (port.device_owner === 'network:dhcp') throw badRequest('floatingip', `Port ${portId} is unable to be assigned a floating IP`);
  const fixedIps = port.fixed_ips as Array<{ subnet_id: string; ip_address: string }>;
  let chosen: { subnet_id: string; ip_address: string } | undefined;
  if (fixedIp !== null) {
    if (parseIpAddress(fixedIp)?.version !== 4) {
      throw badRequest('floatingip', `Cannot process floating IP association with ${fixedIp}, since that is not an IPv4 address`);
    }
    chosen = fixedIps.find((f) => f.ip_address === fixedIp);
    if (!chosen) throw badRequest('floatingip', `Port ${portId} does not have fixed ip ${fixedIp}`);
  } else {
    const v4 = fixedIps.filter((f) => parseIpAddress(f.ip_address)?.version === 4);
    if (v4.length === 0) throw badRequest('floatingip', `Cannot add floating IP to port ${portId} that has no fixed IPv4 addresses`);
    if (v4.length > 1) {
      throw badRequest('floatingip', `Port ${portId} has multiple fixed IPv4 addresses.  Must provide a specific IPv4 address when assigning a floating IP`);
    }
    chosen = v4[0]!;
  }
  const routerId = await routerFor(deps, tx, chosen.subnet_id, fip.floating_network_id, portId);
  const taken = await deps.fips.onFixedIp(tx, portId, fip.floating_network_id, chosen.ip_address, fip.id);
  if (taken) {
    throw new FloatingIPPortAlreadyAssociated({
      floatingIpAddress: fip.floating_ip_address, fipId: fip.id, portId, fixedIp: chosen.ip_address, networkId: fip.floating_network_id,
    });
  }
  return { port_id: portId, fixed_ip_address: chosen.ip_address, router_id: routerId };
}

async function routerFor(deps: L3Deps, tx: Tx, subnetId: string, externalNetworkId: string, portId: string): Promise<string> {
  const candidates = await deps.routers.connecting(tx, subnetId, externalNetworkId);
  if (candidates.length === 0) throw new ExternalGatewayForFloatingIPNotFound(externalNetworkId, subnetId, portId);
  const gateway = (await subnetRowsById(deps, tx, [subnetId])).get(subnetId)?.gateway_ip;
  return (candidates.find((c) => c.ip_address === gateway) ?? candidates[0]!).router_id;
}
