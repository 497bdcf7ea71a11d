import type { NetworkView, PortView, QosRuleView } from '../driver.ts';

/*
 * QoS as ML2/OVN's qos extension writes it: per port and direction one QoS
 * row in the port's logical switch, `from-lport` matching `inport == "<port>"`
 * for egress (bandwidth limit and DSCP marking together) and `to-lport`
 * matching `outport == "<port>"` for ingress (bandwidth limit), priority
 * 2002, `external_ids:neutron:port_id`. A port's own policy wins over its
 * network's; the network's own ports (router, DHCP, …) get none.
 *
 * Floating IPs and router gateways (qos-fip, qos-gateway-ip) get their rows
 * in the external network's switch, on the router's gateway port: a
 * floating IP's match adds its address and the chassis where its NAT
 * happens (`ip4.src == <fip> && is_chassis_resident("cr-lrp-<gw>")`, the
 * internal port on distributed routers), priority 2003,
 * `neutron:fip_id`; a gateway's is the gateway port alone, priority 2002,
 * `neutron:router_id`. A floating IP or gateway without a policy of its own
 * takes the external network's (qos-fip-network-policy). Pure.
 *
 * Not done (ML2/OVN does): minimum bandwidth in the switch port's options on
 * physical networks.
 */

export const QOS_PRIORITY = 2002;
export const QOS_FIP_PRIORITY = 2003;
export const QOS_PORT_KEY = 'neutron:port_id';
export const QOS_FIP_KEY = 'neutron:fip_id';
export const QOS_ROUTER_KEY = 'neutron:router_id';
/** A QoS row with one of these external_ids is muon's. */
export const QOS_OWNER_KEYS = [QOS_PORT_KEY, QOS_FIP_KEY, QOS_ROUTER_KEY] as const;

/** A floating IP with a policy, associated through a router that has a gateway port. */
export interface FipQos {
  readonly fipId: string;
  readonly address: string;
  readonly gatewayPortId: string;
  /** Where the NAT happens: `cr-lrp-<gateway port>`, or the internal port on a distributed router. */
  readonly residentPort: string;
  readonly rules: readonly QosRuleView[];
}

/** A router gateway with a policy. */
export interface GatewayQos {
  readonly routerId: string;
  readonly gatewayPortId: string;
  readonly rules: readonly QosRuleView[];
}

type Direction = 'egress' | 'ingress';

export interface QosSpec {
  readonly direction: 'from-lport' | 'to-lport';
  readonly priority: number;
  readonly match: string;
  readonly action: Record<string, number>;
  readonly bandwidth: Record<string, number>;
  readonly external_ids: Record<string, string>;
}

/** The policy that applies to a port: its own, else its network's; none for the network's own ports. */
export function effectiveQosPolicy(port: PortView, network: NetworkView | undefined): string | undefined {
  if (port.device_owner.startsWith('network:')) return undefined;
  return port.qos_policy_id ?? network?.qos_policy_id ?? undefined;
}

/** The QoS rows of one port under `rules` (its effective policy's rules). */
export function desiredPortQos(portId: string, rules: readonly QosRuleView[]): QosSpec[] {
  return rowsOf(rules, (direction) => portMatch(direction, portId), QOS_PRIORITY, { [QOS_PORT_KEY]: portId });
}

/** A floating IP's rows (ML2/OVN's match on the gateway port, its address and where its NAT is). */
export function desiredFipQos(fip: FipQos): QosSpec[] {
  const match = (direction: Direction) =>
    `${portMatch(direction, fip.gatewayPortId)} && ip4.${direction === 'egress' ? 'src' : 'dst'} == ${fip.address} && is_chassis_resident("${fip.residentPort}")`;
  return rowsOf(fip.rules, match, QOS_FIP_PRIORITY, { [QOS_FIP_KEY]: fip.fipId });
}

/** A router gateway's rows: all the gateway port's traffic. */
export function desiredGatewayQos(gateway: GatewayQos): QosSpec[] {
  return rowsOf(gateway.rules, (direction) => portMatch(direction, gateway.gatewayPortId), QOS_PRIORITY, { [QOS_ROUTER_KEY]: gateway.routerId });
}

function portMatch(direction: Direction, portId: string): string {
  return `${direction === 'egress' ? 'inport' : 'outport'} == "${portId}"`;
}

/** Per direction one row: egress the bandwidth limit and the DSCP mark together, ingress the bandwidth limit; none without either. */
function rowsOf(rules: readonly QosRuleView[], match: (direction: Direction) => string, priority: number, external_ids: Record<string, string>): QosSpec[] {
  const limit = (direction: Direction) => rules.find((r) => r.type === 'bandwidth_limit' && (r.direction ?? 'egress') === direction);
  const dscp = rules.find((r) => r.type === 'dscp_marking');
  const row = (direction: Direction, bw: QosRuleView | undefined, mark: QosRuleView | undefined): QosSpec[] => {
    const bandwidth: Record<string, number> = {};
    if (bw?.max_kbps) bandwidth.rate = bw.max_kbps;
    if (bw?.max_kbps && bw.max_burst_kbps) bandwidth.burst = bw.max_burst_kbps;
    const action: Record<string, number> = mark?.dscp_mark === undefined ? {} : { dscp: mark.dscp_mark };
    if (bandwidth.rate === undefined && action.dscp === undefined) return [];
    return [{ direction: direction === 'egress' ? 'from-lport' : 'to-lport', priority, match: match(direction), action, bandwidth, external_ids: { ...external_ids } }];
  };
  return [...row('egress', limit('egress'), dscp), ...row('ingress', limit('ingress'), undefined)];
}

/** Every QoS row of a network's switch; `rulesOf` gives a policy's rules; `l3`: the floating IPs and gateways on it (external networks). */
export function desiredNetworkQos(
  network: NetworkView, ports: readonly PortView[], rulesOf: ReadonlyMap<string, readonly QosRuleView[]>,
  l3: { readonly fips?: readonly FipQos[]; readonly gateways?: readonly GatewayQos[] } = {},
): QosSpec[] {
  return [
    ...ports.flatMap((port) => {
      const policy = effectiveQosPolicy(port, network);
      return policy === undefined ? [] : desiredPortQos(port.id, rulesOf.get(policy) ?? []);
    }),
    ...(l3.fips ?? []).flatMap(desiredFipQos),
    ...(l3.gateways ?? []).flatMap(desiredGatewayQos),
  ];
}

/** Is this QoS row muon's (a port's, floating IP's or gateway's)? */
export function isOwnQosRow(externalIds: Record<string, string> | undefined): boolean {
  return QOS_OWNER_KEYS.some((key) => externalIds?.[key] !== undefined);
}

/** The identity of a QoS row muon owns: one per (direction, match). */
export function qosKey(row: Record<string, unknown>): string {
  return `${String(row.direction)} ${String(row.match)}`;
}
