import type { FloatingIpView, PortForwardingView, RouterView } from '../driver.ts';
import { switchName } from './ovn-model.ts';
import { desiredFloatingIpNat, desiredLoadBalancers, desiredSnats, type LoadBalancerSpec, type NatSpec } from './nat-model.ts';
import {
  desiredRouterPort, desiredStaticRoutes, isGatewayPort, isInterfacePort, routerExternalIds, routerName, routerOptions,
  type RouterContext, type RouterPortSpec, type StaticRouteSpec,
} from './router-model.ts';

/** Everything muon wants under one logical router. */
export interface RouterSpec {
  readonly name: string;
  readonly enabled: boolean;
  readonly external_ids: Record<string, string>;
  readonly options: Record<string, string>;
  readonly ports: RouterPortSpec[];
  readonly static_routes: StaticRouteSpec[];
  readonly nat: NatSpec[];
  readonly load_balancers: LoadBalancerSpec[];
  /**
   * The switches of the router's interfaces, which hold its forwarding load
   * balancers too (as ML2/OVN puts them): the router's load balancer
   * translates what comes in through the gateway, a switch's what its own
   * ports send, so instances behind the router reach a forwarding through
   * the floating IP as the outside does.
   */
  readonly load_balancer_switches: string[];
}

/** What the NAT part needs: the router's floating IPs, their forwardings, and the MACs of the floating IPs' own ports. */
export interface FloatingIpContext {
  readonly fips: readonly FloatingIpView[];
  readonly forwardings: readonly PortForwardingView[];
  /** Port id → MAC, at least for the floating IPs' `floating_port_id`. */
  readonly macs: ReadonlyMap<string, string>;
}

/**
 * The rows of a router: its ports (interfaces and gateway), default and extra
 * routes, SNAT, floating IP NAT and forwarding load balancers. Pure.
 *
 * @example
 *   desiredRouter(router, { ports, subnets, networks, gatewayChassis: ['gw1'] }, { fips, forwardings, macs })
 */
export function desiredRouter(router: RouterView, context: RouterContext, floating: FloatingIpContext): RouterSpec {
  const ports = context.ports.filter((p) => isInterfacePort(p) || isGatewayPort(p));
  const scoped = { ...context, ports };
  const fipNats = floating.fips.flatMap((fip) => desiredFloatingIpNat(router, fip, fip.floating_port_id && floating.macs.get(fip.floating_port_id)) ?? []);
  return {
    name: routerName(router.id),
    enabled: router.admin_state_up,
    external_ids: routerExternalIds(router),
    options: routerOptions(),
    ports: ports.map((port) => desiredRouterPort(router, port, scoped)),
    static_routes: desiredStaticRoutes(router, scoped),
    nat: [...desiredSnats(router, scoped), ...fipNats],
    load_balancers: desiredLoadBalancers(router, floating.fips, floating.forwardings),
    load_balancer_switches: [...new Set(ports.filter(isInterfacePort).map((p) => switchName(p.network_id)))].sort(),
  };
}
