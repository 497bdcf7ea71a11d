import type { NetworkView, PortView, RouterView, SubnetView } from '../driver.ts';
import { switchName } from './ovn-model.ts';
import { routerPortRaConfigs } from './router-ra.ts';

/*
 * What the OVN northbound rows of a router should be, named and tagged as
 * ML2/OVN names them: logical router `neutron-<router id>`, router ports
 * `lrp-<port id>` (one per interface and one for the gateway), static routes
 * (the default route via the external subnet's gateway, and the router's
 * `routes`), gateway chassis of the gateway port. NAT rows and port
 * forwarding load balancers are in nat-model.ts. Pure.
 *
 * Ownership: muon owns the whole router row set under `neutron-<router id>`
 * (ports, routes, NAT) except keys of external_ids / options it does not list
 * and load balancers others attached (ovn-octavia-provider does).
 */

export const ROUTER_PREFIX = 'neutron-';
/** ML2/OVN schedules a gateway port on at most this many chassis. */
export const MAX_GATEWAY_CHASSIS = 5;
/** options keys of a logical router that muon sets. */
export const ROUTER_OPTION_KEYS = ['always_learn_from_arp_request', 'dynamic_neigh_routers', 'mac_binding_age_threshold'] as const;
/** options keys of a logical router port that muon sets. */
export const ROUTER_PORT_OPTION_KEYS = ['gateway_mtu', 'reside-on-redirect-chassis'] as const;

export const GATEWAY_OWNER = 'network:router_gateway';
const INTERFACE_OWNERS = new Set(['network:router_interface', 'network:router_interface_distributed', 'network:ha_router_replicated_interface', 'network:router_ha_interface']);

/** The logical router of a router (same prefix as switches: ML2/OVN's `ovn_name`). */
export function routerName(routerId: string): string {
  return `${ROUTER_PREFIX}${routerId}`;
}

/** The router id of a logical router muon owns (by name), or undefined. */
export function routerIdOf(name: string): string | undefined {
  return /^neutron-[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(name) ? name.slice(ROUTER_PREFIX.length) : undefined;
}

/** The logical router port of a port. */
export function routerPortName(portId: string): string {
  return `lrp-${portId}`;
}

export interface GatewayChassisSpec {
  readonly name: string;
  readonly chassis_name: string;
  readonly priority: number;
}

export interface RouterPortSpec {
  readonly name: string;
  readonly mac: string;
  readonly networks: string[];
  readonly external_ids: Record<string, string>;
  readonly options: Record<string, string>;
  /** IPv6 router advertisements (empty: none); see router-ra.ts. */
  readonly ipv6_ra_configs: Record<string, string>;
  readonly gateway_chassis: GatewayChassisSpec[];
}

export interface StaticRouteSpec {
  readonly ip_prefix: string;
  readonly nexthop: string;
  readonly external_ids: Record<string, string>;
}

/** What a router needs to know besides itself (read by the reconciler). */
export interface RouterContext {
  /** The router's ports (interfaces and gateway). */
  readonly ports: readonly PortView[];
  /** At least the subnets of those ports. */
  readonly subnets: ReadonlyMap<string, SubnetView>;
  /** At least the networks of those ports. */
  readonly networks: ReadonlyMap<string, NetworkView>;
  /** Chassis that may host gateways (ML2/OVN: `enable-chassis-as-gw`). */
  readonly gatewayChassis: readonly string[];
}

export function isGatewayPort(port: PortView): boolean {
  return port.device_owner === GATEWAY_OWNER;
}

export function isInterfacePort(port: PortView): boolean {
  return INTERFACE_OWNERS.has(port.device_owner);
}

export function routerExternalIds(router: RouterView): Record<string, string> {
  return {
    'neutron:router_name': router.name,
    'neutron:revision_number': String(router.revision_number),
    'neutron:availability_zone_hints': (router.availability_zone_hints ?? []).join(','),
  };
}

export function routerOptions(): Record<string, string> {
  return { always_learn_from_arp_request: 'false', dynamic_neigh_routers: 'true', mac_binding_age_threshold: '0' };
}

/** `address/prefixlen` of each fixed IP whose subnet is known (an LRP's `networks`). */
export function portNetworks(port: PortView, subnets: ReadonlyMap<string, SubnetView>): string[] {
  return port.fixed_ips.flatMap((ip) => {
    const subnet = subnets.get(ip.subnet_id);
    return subnet ? [`${ip.ip_address}/${subnet.cidr.split('/')[1]}`] : [];
  });
}

/** The router port of one of the router's ports (ML2/OVN's `_create_lrouter_port`). */
export function desiredRouterPort(router: RouterView, port: PortView, context: RouterContext): RouterPortSpec {
  const gateway = isGatewayPort(port);
  const options: Record<string, string> = {};
  const type = context.networks.get(port.network_id)?.['provider:network_type'];
  // Provider (VLAN/flat) networks route on the gateway chassis, not on every hypervisor.
  if (!gateway && (type === 'vlan' || type === 'flat')) options['reside-on-redirect-chassis'] = 'true';
  if (gateway) {
    const mtus = context.ports.flatMap((p) => context.networks.get(p.network_id)?.mtu ?? []);
    if (mtus.length > 0) options.gateway_mtu = String(Math.min(...mtus));
  }
  return {
    name: routerPortName(port.id),
    mac: port.mac_address,
    networks: portNetworks(port, context.subnets),
    external_ids: {
      'neutron:revision_number': String(port.revision_number),
      'neutron:subnet_ids': port.fixed_ips.map((ip) => ip.subnet_id).join(' '),
      'neutron:network_name': switchName(port.network_id),
      // Python's str(bool), as ML2/OVN writes it.
      'neutron:is_ext_gw': gateway ? 'True' : 'False',
      'neutron:router_name': routerName(router.id),
    },
    options,
    ipv6_ra_configs: routerPortRaConfigs(port, gateway, context),
    gateway_chassis: gateway ? gatewayChassis(router.id, port.id, context.gatewayChassis) : [],
  };
}

/*
 * Gateway chassis scheduling
 * --------------------------
 * A gateway port gets up to five chassis with decreasing priorities (the
 * highest hosts it, the others take over in turn). The order is a rotation of
 * the sorted candidates starting at a hash of the router id: deterministic, so
 * a full resync and a stream of changes agree and nothing moves while the
 * candidates stay the same, and spread, so routers do not all land on the first
 * chassis. (ML2/OVN picks the least loaded chassis instead; that depends on the
 * order routers were made, which a level-based reconciler cannot replay.)
 */
export function gatewayChassis(routerId: string, portId: string, candidates: readonly string[]): GatewayChassisSpec[] {
  const sorted = [...new Set(candidates)].sort();
  if (sorted.length === 0) return [];
  const start = hash(routerId) % sorted.length;
  const chosen = [...sorted.slice(start), ...sorted.slice(0, start)].slice(0, MAX_GATEWAY_CHASSIS);
  return chosen.map((chassis, i) => ({ name: `${routerPortName(portId)}_${chassis}`, chassis_name: chassis, priority: chosen.length - i }));
}

function hash(text: string): number {
  let h = 0;
  for (const ch of text) h = (h * 31 + ch.charCodeAt(0)) >>> 0;
  return h;
}

/** The default route through each gateway subnet with a gateway IP, then the router's extra routes. */
export function desiredStaticRoutes(router: RouterView, context: RouterContext): StaticRouteSpec[] {
  const routes: StaticRouteSpec[] = [];
  for (const port of context.ports.filter(isGatewayPort)) {
    for (const ip of port.fixed_ips) {
      const subnet = context.subnets.get(ip.subnet_id);
      if (!subnet?.gateway_ip) continue;
      routes.push({
        ip_prefix: subnet.ip_version === 6 ? '::/0' : '0.0.0.0/0',
        nexthop: subnet.gateway_ip,
        external_ids: { 'neutron:is_ext_gw': 'true', 'neutron:subnet_id': subnet.id, 'neutron:is_static_route': 'true' },
      });
    }
  }
  for (const route of router.routes ?? []) {
    routes.push({ ip_prefix: route.destination, nexthop: route.nexthop, external_ids: { 'neutron:is_static_route': 'true' } });
  }
  return routes;
}
