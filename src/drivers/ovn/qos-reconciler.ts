import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { OvsdbClient } from '../../ovsdb/ovsdb-client.ts';
import type { Replica, ReplicaRow } from '../../ovsdb/replica.ts';
import { Transaction } from '../../ovsdb/transaction.ts';
import type { DesiredState, QosRuleView } from '../driver.ts';
import { networkIdOf, switchName } from './ovn-model.ts';
import { desiredNetworkQos, effectiveQosPolicy, QOS_PORT_KEY, qosKey } from './qos-model.ts';
import { changes, planChildren } from './child-plan.ts';

/**
 * QoS rows of a network's switch (qos-model.ts), reconciled per network:
 * `reconcile(networkId)` reads the network, its ports and their policies'
 * rules, and writes the difference to the switch's `qos_rules` (rows with
 * `neutron:port_id` are muon's; others stay). Level-based like the rest of
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
    const specs = desiredNetworkQos(network, ports, rulesOf);

    const txn = new Transaction<OvnNorthbound>(this.client.schema);
    const rows = this.replica().rows('QoS');
    const current = switchRow.qos_rules as string[];
    const others = current.filter((uuid) => (rows.get(uuid)?.external_ids as Record<string, string> | undefined)?.[QOS_PORT_KEY] === undefined);
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

  /** The networks whose switch holds a QoS row of `portId` (a deleted port's rows must go). */
  networksWithPortRows(portId: string): string[] {
    const rows = this.replica().rows('QoS');
    const ids: string[] = [];
    for (const ls of this.replica().rows('Logical_Switch').values()) {
      const holds = (ls.qos_rules as string[]).some((uuid) => (rows.get(uuid)?.external_ids as Record<string, string> | undefined)?.[QOS_PORT_KEY] === portId);
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
