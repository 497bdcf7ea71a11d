import { parseIpAddress } from '../../ipam/ip-address.ts';
import { queryRow } from '../../store/fast-sql.ts';
import type { FloatingIpTable } from '../../store/schema.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { badRequest, FloatingIPNotFound, FloatingIPPortAlreadyAssociated, PortHasBindingFloatingIP } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { subnetRowsById, type L3Deps } from '../router/l3-deps.ts';
import { checkRangePair, collides, settlePorts } from './port-ranges.ts';

const RESOURCE = 'port_forwarding';

/**
 * Port forwardings of a floating IP (Neutron's pf_plugin): ports or ranges
 * settled by `port-ranges.ts` (N-N or N-1, 400 otherwise); the internal port
 * visible (404) with an IPv4 address, `internal_ip_address` one of them
 * (400; default the first); the floating IP not associated with a port
 * (409 FloatingIPPortAlreadyAssociated) and the internal port without a
 * floating IP of its own (409 PortHasBindingFloatingIP); a router connecting
 * the address's subnet to the floating network (400), the floating IP's
 * router if it has one (400); no overlapping external range on the floating
 * IP nor internal range to the same address and protocol (400). The first
 * forwarding puts the floating IP on the router, the last one's delete
 * takes it off.
 */
export function portForwardingHooks(deps: L3Deps): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const fip = await floatingIp(tx, String(values.floatingip_id));
      Object.assign(values, settlePorts({}, values));
      await settle(deps, tx, ctx, fip, values, { id: String(values.id), internalPortChanged: true });
    },

    async beforeUpdate(tx, ctx, current, changes) {
      const fip = await floatingIp(tx, String(current.floatingip_id));
      const ports = settlePorts(current, changes);
      const merged: ResourceRecord = { ...current, ...changes, ...ports };
      const internalPortChanged = changes.internal_port_id !== undefined && changes.internal_port_id !== current.internal_port_id;
      await settle(deps, tx, ctx, fip, merged, { id: String(current.id), internalPortChanged });
      Object.assign(changes, ports, { internal_ip_address: merged.internal_ip_address });
    },

    async afterDelete(tx, _ctx, current) {
      const fipId = String(current.floatingip_id);
      if (await deps.fips.releaseRouterIfIdle(tx, fipId)) await bumpRevision(tx, 'floatingips', fipId);
    },
  };
}

async function floatingIp(tx: Tx, id: string): Promise<FloatingIpTable> {
  const row = await queryRow<FloatingIpTable>(tx, 'select * from "floatingips" where "id" = ?', [id]);
  if (!row) throw new FloatingIPNotFound(id);
  return row;
}

async function settle(deps: L3Deps, tx: Tx, ctx: RequestContext, fip: FloatingIpTable, values: ResourceRecord,
  self: { id: string; internalPortChanged: boolean }): Promise<void> {
  checkRangePair(String(values.internal_port_range), String(values.external_port_range));
  const portId = String(values.internal_port_id);
  const port = await deps.ports.read(tx, ctx, portId);
  const v4 = (port.fixed_ips as Array<{ subnet_id: string; ip_address: string }>).filter((f) => parseIpAddress(f.ip_address)?.version === 4);
  if (v4.length === 0) throw badRequest(RESOURCE, `Requested internal port ${portId} must allocate an IPv4 address at least.`);
  const requested = typeof values.internal_ip_address === 'string' ? values.internal_ip_address : undefined;
  const chosen = requested === undefined ? v4[0]! : v4.find((f) => f.ip_address === requested);
  if (!chosen) {
    const listed = v4.map((f) => `{'subnet_id': '${f.subnet_id}', 'ip_address': '${f.ip_address}'}`).join(', ');
    throw badRequest(RESOURCE, `Requested internal IP address ${requested!} is not suitable for internal neutron port ${portId}, as its fixed_ips are [${listed}]`);
  }
  values.internal_ip_address = chosen.ip_address;
  if (fip.port_id !== null) {
    throw new FloatingIPPortAlreadyAssociated({ floatingIpAddress: fip.floating_ip_address, fipId: fip.id, portId, fixedIp: chosen.ip_address, networkId: fip.floating_network_id });
  }
  if (self.internalPortChanged) {
    const bound = (await deps.fips.ofPort(tx, portId))[0];
    if (bound) throw new PortHasBindingFloatingIP({ floatingIpAddress: bound.floating_ip_address, fipId: bound.id, portId, fixedIp: chosen.ip_address });
  }
  const routerId = await routerFor(deps, tx, chosen.subnet_id, fip, portId);
  if (fip.router_id !== null && fip.router_id !== routerId) {
    throw badRequest(RESOURCE, `The Floating IP ${fip.id} had been set on router ${fip.router_id}, the internal Neutron port ${portId} can not reach it`);
  }
  const protocol = String(values.protocol);
  const inside = (await deps.fips.forwardingsTo(tx, portId, protocol, chosen.ip_address)).filter((pf) => pf.id !== self.id);
  for (const other of inside) collides('internal_port_range', other.internal_port_range, String(values.internal_port_range));
  const outside = (await deps.fips.forwardingsOnFip(tx, fip.id, protocol)).filter((pf) => pf.id !== self.id);
  for (const other of outside) collides('external_port_range', other.external_port_range, String(values.external_port_range));
  if (fip.router_id === null) {
    await deps.fips.setRouter(tx, fip.id, routerId);
    await bumpRevision(tx, 'floatingips', fip.id);
  }
}

async function routerFor(deps: L3Deps, tx: Tx, subnetId: string, fip: FloatingIpTable, portId: string): Promise<string> {
  const candidates = await deps.routers.connecting(tx, subnetId, fip.floating_network_id);
  if (candidates.length === 0) {
    throw badRequest(RESOURCE, `External network ${fip.floating_network_id} is not reachable from subnet ${subnetId}. Cannot set Port forwarding for port ${portId} with Floating IP ${fip.id}`);
  }
  const gateway = (await subnetRowsById(deps, tx, [subnetId])).get(subnetId)?.gateway_ip;
  return (candidates.find((c) => c.ip_address === gateway) ?? candidates[0]!).router_id;
}

