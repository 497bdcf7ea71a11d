import type { NetworkView, PortView, QosRuleView } from '../driver.ts';

/*
 * QoS as ML2/OVN's qos extension writes it: per port and direction one QoS
 * row in the port's logical switch, `from-lport` matching `inport == "<port>"`
 * for egress (bandwidth limit and DSCP marking together) and `to-lport`
 * matching `outport == "<port>"` for ingress (bandwidth limit), priority
 * 2002, `external_ids:neutron:port_id`. A port's own policy wins over its
 * network's; the network's own ports (router, DHCP, …) get none. Pure.
 *
 * Not done (ML2/OVN does): minimum bandwidth in the switch port's options on
 * physical networks, and floating IP / router gateway QoS.
 */

export const QOS_PRIORITY = 2002;
export const QOS_PORT_KEY = 'neutron:port_id';

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
  const limit = (direction: 'egress' | 'ingress') => rules.find((r) => r.type === 'bandwidth_limit' && (r.direction ?? 'egress') === direction);
  const dscp = rules.find((r) => r.type === 'dscp_marking');
  const row = (direction: 'egress' | 'ingress', bw: QosRuleView | undefined, mark: QosRuleView | undefined): QosSpec[] => {
    const bandwidth: Record<string, number> = {};
    if (bw?.max_kbps) bandwidth.rate = bw.max_kbps;
    if (bw?.max_kbps && bw.max_burst_kbps) bandwidth.burst = bw.max_burst_kbps;
    const action: Record<string, number> = mark?.dscp_mark === undefined ? {} : { dscp: mark.dscp_mark };
    if (bandwidth.rate === undefined && action.dscp === undefined) return [];
    return [{
      direction: direction === 'egress' ? 'from-lport' : 'to-lport',
      priority: QOS_PRIORITY,
      match: `${direction === 'egress' ? 'inport' : 'outport'} == "${portId}"`,
      action, bandwidth, external_ids: { [QOS_PORT_KEY]: portId },
    }];
  };
  return [...row('egress', limit('egress'), dscp), ...row('ingress', limit('ingress'), undefined)];
}

/** Every QoS row of a network's switch; `rulesOf` gives a policy's rules. */
export function desiredNetworkQos(network: NetworkView, ports: readonly PortView[], rulesOf: ReadonlyMap<string, readonly QosRuleView[]>): QosSpec[] {
  return ports.flatMap((port) => {
    const policy = effectiveQosPolicy(port, network);
    return policy === undefined ? [] : desiredPortQos(port.id, rulesOf.get(policy) ?? []);
  });
}

/** The identity of a QoS row muon owns: one per (direction, match). */
export function qosKey(row: Record<string, unknown>): string {
  return `${String(row.direction)} ${String(row.match)}`;
}
