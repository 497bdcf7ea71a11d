import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { OvsdbClient } from '../../ovsdb/ovsdb-client.ts';
import type { Replica, ReplicaRow } from '../../ovsdb/replica.ts';
import { Transaction } from '../../ovsdb/transaction.ts';
import type { DesiredState, NetworkView, QosRuleView } from '../driver.ts';
import { networkIdOf, switchName } from './ovn-model.ts';
import { desiredNetworkQos, effectiveQosPolicy, isOwnQosRow, qosKey, type FipQos, type GatewayQos } from './qos-model.ts';
import { GATEWAY_OWNER, routerPortName } from './router-model.ts';
import { changes, planChildren } from './child-plan.ts';

/**
 * QoS rows of a network's switch (qos-model.ts), reconciled per network:
 * `reconcile(networkId)` reads the network, its ports and their policies'
 * rules (and on an external network: the floating IPs and router gateways
 * with a policy on it), and writes the difference to the switch's
 * `qos_rules` (rows with `neutron:port_id`, `neutron:fip_id` or
 * `neutron:router_id` are muon's; others stay). Level-based like the rest of
 * the driver; a network without a switch yet is left to the switch's own
 * reconcile, whose write brings this key again.
 */
export class QosReconciler {
  constructor(private readonly client: OvsdbClient, private readonly replica: () => Replica, private readonly state: DesiredState) {}

  async reconcile(networkId: string): Promise<void> {
    const network = await this.state.network(networkId);
    const switchRow = this.switchRow(networkId);
    if (network === undefined || switchRow === undefined) return;
    const ports = await this.state.ports(networkId);
    const policies = new Set(ports.flatMap((port) => effectiveQosPolicy(port, network) ?? []));
    const rulesOf = new Map<string, QosRuleView[]>();
    for (const policy of policies) rulesOf.set(policy, await this.state.qosRules(policy));
    const specs = desiredNetworkQos(network, ports, rulesOf, network['router:external'] === true ? await this.l3Qos(network, rulesOf) : {});

    const txn = new Transaction<OvnNorthbound>(this.client.schema);
    const rows = this.replica().rows('QoS');
    const current = switchRow.qos_rules as string[];
    const others = current.filter((uuid) => !isOwnQosRow(rows.get(uuid)?.external_ids as Record<string, string> | undefined));
    const mine = current.filter((uuid) => !others.includes(uuid));
    const kept = planChildren(txn, { row: (table, uuid) => this.replica().rows(table).get(uuid) }, 'QoS', mine, specs, qosKey, (spec) => ({ ...spec }), 'qos');
    const update = changes(switchRow, { qos_rules: [...others, ...kept] });
    if (update) txn.update('Logical_Switch', [['_uuid', '==', switchRow._uuid]], update as never);
    if (!txn.isEmpty) await this.client.transact(txn.operations);
  }

  /** Every network's QoS rows. */
  async fullResync(): Promise<void> {
    for (const network of await this.state.networks()) await this.reconcile(network.id);
  }

  /**
   * The floating IPs and router gateways with a policy whose traffic crosses
   * this external network, each with its gateway port (none yet: no rows);
   * their policies' rules are added to `rulesOf`.
   */
  private async l3Qos(network: NetworkView, rulesOf: Map<string, QosRuleView[]>): Promise<{ fips: FipQos[]; gateways: GatewayQos[] }> {
    const rules = async (policyId: string) => {
      if (!rulesOf.has(policyId)) rulesOf.set(policyId, await this.state.qosRules(policyId));
      return rulesOf.get(policyId)!;
    };
    const gatewayPorts = new Map<string, string>();
    const gatewayOf = async (routerId: string) => {
      if (!gatewayPorts.has(routerId)) {
        const port = (await this.state.routerPorts(routerId)).find((p) => p.device_owner === GATEWAY_OWNER && p.network_id === network.id);
        gatewayPorts.set(routerId, port?.id ?? '');
      }
      return gatewayPorts.get(routerId)!;
    };
    const routers = new Map((await this.state.routers()).map((r) => [r.id, r]));
    const gateways: GatewayQos[] = [];
    // ML2/OVN: a floating IP or gateway without a policy of its own takes the external network's (qos-fip-network-policy).
    const networkPolicy = network.qos_policy_id ?? null;
    for (const router of routers.values()) {
      const policyId = router.external_gateway_info?.network_id === network.id ? router.external_gateway_info.qos_policy_id ?? networkPolicy : null;
      const gatewayPortId = policyId ? await gatewayOf(router.id) : '';
      if (policyId && gatewayPortId) gateways.push({ routerId: router.id, gatewayPortId, rules: await rules(policyId) });
    }
    const fips: FipQos[] = [];
    for (const fip of await this.state.floatingIps()) {
      const policyId = fip.qos_policy_id ?? networkPolicy;
      if (fip.floating_network_id !== network.id || !policyId || !fip.router_id || !fip.port_id) continue;
      const gatewayPortId = await gatewayOf(fip.router_id);
      if (!gatewayPortId) continue;
      // ML2/OVN: the NAT of a distributed router's floating IP is on the internal port's chassis, else on the gateway's.
      const residentPort = routers.get(fip.router_id)?.distributed === true ? fip.port_id : `cr-${routerPortName(gatewayPortId)}`;
      fips.push({ fipId: fip.id, address: fip.floating_ip_address, gatewayPortId, residentPort, rules: await rules(policyId) });
    }
    return { fips, gateways };
  }

  /** The networks whose switch holds a QoS row with external_ids `key` = `id` (a deleted port's, floating IP's or router's rows must go). */
  networksWithRowsOf(key: string, owner: string): string[] {
    const rows = this.replica().rows('QoS');
    const ids: string[] = [];
    for (const ls of this.replica().rows('Logical_Switch').values()) {
      const holds = (ls.qos_rules as string[]).some((uuid) => (rows.get(uuid)?.external_ids as Record<string, string> | undefined)?.[key] === owner);
      const id = networkIdOf(ls.name as string);
      if (holds && id) ids.push(id);
    }
    return ids;
  }

  /** The network whose switch holds QoS row `uuid`. */
  networkOfRow(uuid: string): string | undefined {
    for (const ls of this.replica().rows('Logical_Switch').values()) {
      if ((ls.qos_rules as string[]).includes(uuid)) return networkIdOf(ls.name as string);
    }
    return undefined;
  }

  private switchRow(networkId: string): ReplicaRow | undefined {
    for (const row of this.replica().rows('Logical_Switch').values()) if (row.name === switchName(networkId)) return row;
    return undefined;
  }
}
