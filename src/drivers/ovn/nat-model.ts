import type { FloatingIpView, PortForwardingView, RouterView } from '../driver.ts';
import { isGatewayPort, isInterfacePort, routerName, type RouterContext } from './router-model.ts';

/*
 * A router's NAT rows and port forwarding load balancers, as ML2/OVN writes
 * them: one `snat` per (gateway IPv4 address, attached IPv4 subnet) when SNAT
 * is on; one `dnat_and_snat` per associated floating IP; one Load_Balancer
 * `pf-floatingip-<fip id>-<protocol>` per floating IP and protocol holding the
 * forwarded single ports as VIPs, and one `…-<protocol>-<external port>` per
 * port of a forwarded range (ML2/OVN unrolls ranges). Pure.
 */

export const PORT_FORWARDING_OWNER = 'port_forwarding_plugin';
/** Protocols OVN load balancers forward (ML2/OVN's LB_PROTOCOL_MAP). */
const LB_PROTOCOLS = new Set(['tcp', 'udp']);

export interface NatSpec {
  readonly type: 'snat' | 'dnat_and_snat';
  readonly logical_ip: string;
  readonly external_ip: string;
  readonly logical_port: string | null;
  readonly external_mac: string | null;
  readonly external_ids: Record<string, string>;
  readonly options: Record<string, string>;
}

export interface LoadBalancerSpec {
  readonly name: string;
  readonly protocol: 'tcp' | 'udp';
  readonly vips: Record<string, string>;
  readonly external_ids: Record<string, string>;
}

/** The identity of a NAT row: one per (type, logical IP, external IP). */
export function natKey(nat: Record<string, unknown>): string {
  return `${String(nat.type)} ${String(nat.logical_ip)} ${String(nat.external_ip)}`;
}

function isIpv4(address: string): boolean {
  return !address.includes(':');
}

/** SNAT for every IPv4 subnet on an interface, through every IPv4 gateway address (none without gateway or with enable_snat false). */
export function desiredSnats(router: RouterView, context: RouterContext): NatSpec[] {
  if (!router.external_gateway_info || router.external_gateway_info.enable_snat === false) return [];
  const gatewayIps = context.ports.filter(isGatewayPort).flatMap((p) => p.fixed_ips.map((ip) => ip.ip_address)).filter(isIpv4);
  const cidrs = new Set<string>();
  for (const port of context.ports.filter(isInterfacePort)) {
    for (const ip of port.fixed_ips) {
      const subnet = context.subnets.get(ip.subnet_id);
      if (subnet?.ip_version === 4) cidrs.add(subnet.cidr);
    }
  }
  return gatewayIps.flatMap((external) => [...cidrs].map((cidr) => ({
    type: 'snat' as const, logical_ip: cidr, external_ip: external, logical_port: null, external_mac: null, external_ids: {}, options: {},
  })));
}

/**
 * The dnat_and_snat of an associated floating IP (undefined when it is not
 * associated with a fixed IP: forwarding-only floating IPs have load balancers).
 * `externalMac` is the MAC of the floating IP's own port; OVN uses it (and
 * answers on the hypervisor of `logical_port`) only on distributed routers.
 */
export function desiredFloatingIpNat(router: RouterView, fip: FloatingIpView, externalMac: string | undefined): NatSpec | undefined {
  if (fip.router_id !== router.id || !fip.port_id || !fip.fixed_ip_address) return undefined;
  const external_ids: Record<string, string> = {
    'neutron:fip_id': fip.id,
    'neutron:revision_number': String(fip.revision_number),
    'neutron:fip_port_id': fip.port_id,
    'neutron:router_name': routerName(router.id),
    'neutron:fip_network_id': fip.floating_network_id,
  };
  if (externalMac) external_ids['neutron:fip_external_mac'] = externalMac;
  return {
    type: 'dnat_and_snat',
    logical_ip: fip.fixed_ip_address,
    external_ip: fip.floating_ip_address,
    logical_port: fip.port_id,
    external_mac: router.distributed === true && externalMac ? externalMac : null,
    external_ids,
    options: { stateless: 'false' },
  };
}

/** "N:M" or "N" → [N, M]. */
export function portRange(text: string | null, single: number | null): [number, number] | undefined {
  if (text) {
    const [low, high = low] = text.split(':').map(Number);
    if (Number.isInteger(low) && Number.isInteger(high)) return [low!, high!];
  }
  return single === null ? undefined : [single, single];
}

/** The (external, internal) port pairs of a forwarding: a range maps one to one, or all onto one internal port. */
export function unrollPorts(pf: PortForwardingView): Array<[number, number]> {
  const external = portRange(pf.external_port_range, pf.external_port);
  const internal = portRange(pf.internal_port_range, pf.internal_port);
  if (!external || !internal) return [];
  const pairs: Array<[number, number]> = [];
  for (let port = external[0]; port <= external[1]; port++) {
    pairs.push([port, internal[0] === internal[1] ? internal[0] : internal[0] + (port - external[0])]);
  }
  return pairs;
}

/** The load balancers of the forwardings of `fips` (those on this router), merged by name. */
export function desiredLoadBalancers(router: RouterView, fips: readonly FloatingIpView[], forwardings: readonly PortForwardingView[]): LoadBalancerSpec[] {
  const fipOf = new Map(fips.filter((f) => f.router_id === router.id).map((f) => [f.id, f]));
  const byName = new Map<string, LoadBalancerSpec>();
  for (const pf of forwardings) {
    const fip = fipOf.get(pf.floatingip_id);
    if (!fip || !LB_PROTOCOLS.has(pf.protocol)) continue;
    const pairs = unrollPorts(pf);
    for (const [external, internal] of pairs) {
      const base = `pf-floatingip-${fip.id}-${pf.protocol}`;
      const name = pairs.length > 1 ? `${base}-${external}` : base;
      const lb = byName.get(name) ?? {
        name, protocol: pf.protocol as 'tcp' | 'udp', vips: {},
        external_ids: { 'neutron:device_owner': PORT_FORWARDING_OWNER, 'neutron:fip_id': fip.id, 'neutron:router_name': routerName(router.id) },
      };
      lb.vips[`${fip.floating_ip_address}:${external}`] = `${pf.internal_ip_address}:${internal}`;
      byName.set(name, lb);
    }
  }
  return [...byName.values()];
}
