import { execute } from '../../store/fast-sql.ts';
import type { ResourceRepo, Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import { cidrContainsCidr, parseCidr } from '../../ipam/cidr.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';

/*
 * segments-peer-subnet-host-routes: on a routed network (subnets bound to
 * segments), each subnet's host routes reach the subnets of the other
 * segments through its own gateway, so an instance on one segment routes to
 * the others without a router interface on its link. As Neutron's
 * SegmentHostRoutes: a peer already covered by a route the user gave (a
 * supernet) gets none; a gateway change moves the routes to the new gateway;
 * creating or deleting a segment subnet refreshes its peers.
 */

export interface HostRoute { readonly destination: string; readonly nexthop: string }

/** A subnet of the network, as the calculation needs it. */
export interface PeerSubnet {
  readonly id: string;
  readonly cidr: string;
  readonly ipVersion: number;
  readonly segmentId: string | null;
}

export interface RouteCalculation {
  readonly subnetId?: string;
  readonly segmentId: string | null;
  readonly ipVersion: number;
  readonly hostRoutes: readonly HostRoute[];
  readonly gatewayIp: string | null;
  /** The gateway before an update that changed it: its peer routes go. */
  readonly oldGatewayIp?: string | null;
  /** The CIDR of a deleted peer: its route goes. */
  readonly deletedCidr?: string;
}

/** `hostRoutes` plus a route through the gateway to every peer subnet not already covered. Pure. */
export function peerHostRoutes(calc: RouteCalculation, subnets: readonly PeerSubnet[]): HostRoute[] {
  let routes = [...calc.hostRoutes];
  if (calc.deletedCidr !== undefined) routes = routes.filter((r) => !(r.destination === calc.deletedCidr && r.nexthop === calc.gatewayIp));
  for (const peer of subnets) {
    if (peer.id === calc.subnetId || peer.segmentId === calc.segmentId || peer.ipVersion !== calc.ipVersion) continue;
    if (calc.oldGatewayIp) routes = routes.filter((r) => !(r.destination === peer.cidr && r.nexthop === calc.oldGatewayIp));
    if (!calc.gatewayIp) continue;
    const peerCidr = parseCidr(peer.cidr, { strict: false });
    const covered = routes.some((r) => {
      const destination = parseCidr(r.destination, { strict: false });
      return destination !== undefined && peerCidr !== undefined && cidrContainsCidr(destination, peerCidr);
    });
    if (!covered) routes.push({ destination: peer.cidr, nexthop: calc.gatewayIp });
  }
  return routes;
}

/** Whether two route lists differ as sets. */
export function routesDiffer(a: readonly HostRoute[], b: readonly HostRoute[]): boolean {
  const key = (r: HostRoute) => `${r.destination} ${r.nexthop}`;
  const left = new Set(a.map(key));
  const right = new Set(b.map(key));
  return left.size !== right.size || [...left].some((k) => !right.has(k));
}

/** Subnet hooks composed after the segment hooks (which settle `segment_id`). */
export function peerSubnetHostRouteHooks(subnets: ResourceRepo): ResourceHooks {
  const peersOf = async (tx: Tx, networkId: string): Promise<Row[]> =>
    subnets.list(tx, { conditions: [{ kind: 'in', column: 'network_id', values: [networkId] }], sort: [] });

  /** Every subnet of the network gets the routes it should have now (after a create or delete). */
  async function refreshNetwork(tx: Tx, networkId: string, deletedCidr?: string): Promise<void> {
    const rows = await peersOf(tx, networkId);
    const peers = rows.map(peerOf);
    for (const row of rows) {
      const current = routesOf(row.host_routes);
      const wanted = peerHostRoutes({
        subnetId: String(row.id), segmentId: nullableString(row.segment_id), ipVersion: Number(row.ip_version),
        hostRoutes: current, gatewayIp: nullableString(row.gateway_ip), deletedCidr,
      }, peers);
      if (!routesDiffer(current, wanted)) continue;
      await execute(tx, 'update "subnets" set "host_routes" = ? where "id" = ?', [JSON.stringify(wanted), String(row.id)]);
      await bumpRevision(tx, 'subnets', String(row.id), { force: true });
    }
  }

  return {
    async beforeCreate(tx, _ctx, values) {
      const segmentId = nullableString(values.segment_id);
      const gatewayIp = nullableString(values.gateway_ip);
      if (segmentId === null || gatewayIp === null) return;
      const given = routesOf(values.host_routes);
      const wanted = peerHostRoutes({
        segmentId, ipVersion: Number(values.ip_version), hostRoutes: given, gatewayIp,
      }, (await peersOf(tx, String(values.network_id))).map(peerOf));
      if (given.length === 0 || routesDiffer(given, wanted)) values.host_routes = wanted;
    },

    async afterCreate(tx, _ctx, values) {
      if (nullableString(values.segment_id) === null) return;
      await refreshNetwork(tx, String(values.network_id));
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      const segmentId = 'segment_id' in changes ? nullableString(changes.segment_id) : nullableString(current.segment_id);
      if (segmentId === null) return;
      const oldRoutes = routesOf(current.host_routes);
      const routes = 'host_routes' in changes ? routesOf(changes.host_routes) : oldRoutes;
      const oldGateway = nullableString(current.gateway_ip);
      const gateway = 'gateway_ip' in changes ? nullableString(changes.gateway_ip) : oldGateway;
      if (!routesDiffer(routes, oldRoutes) && gateway === oldGateway) return;
      const wanted = peerHostRoutes({
        subnetId: String(current.id), segmentId, ipVersion: Number(current.ip_version), hostRoutes: routes, gatewayIp: gateway,
        oldGatewayIp: gateway !== oldGateway ? oldGateway : null,
      }, (await peersOf(tx, String(current.network_id))).map(peerOf));
      if (routesDiffer(routes, wanted)) changes.host_routes = wanted;
    },

    async afterDelete(tx, _ctx, current) {
      if (nullableString(current.segment_id) === null) return;
      await refreshNetwork(tx, String(current.network_id), String(current.cidr));
    },
  };
}

function peerOf(row: Row): PeerSubnet {
  return { id: String(row.id), cidr: String(row.cidr), ipVersion: Number(row.ip_version), segmentId: nullableString(row.segment_id) };
}

function routesOf(value: unknown): HostRoute[] {
  const list = typeof value === 'string' ? JSON.parse(value) as unknown : value;
  return Array.isArray(list) ? list.map((r: { destination: string; nexthop: string }) => ({ destination: String(r.destination), nexthop: String(r.nexthop) })) : [];
}

function nullableString(value: unknown): string | null {
  return value === undefined || value === null ? null : String(value);
}
