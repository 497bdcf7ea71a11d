import { inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** The QoS rule types muon stores, each in its table `qos_<type>_rules`, with their own columns. */
export const QOS_RULE_COLUMNS: Readonly<Record<string, readonly string[]>> = {
  bandwidth_limit: ['max_kbps', 'max_burst_kbps', 'direction'],
  dscp_marking: ['dscp_mark'],
  minimum_bandwidth: ['min_kbps', 'direction'],
  minimum_packet_rate: ['min_kpps', 'direction'],
  packet_rate_limit: ['max_kpps', 'max_burst_kpps', 'direction'],
};

/** What a policy may be applied to: the kind as QosPolicyInUse names it, the table and its column. */
const POLICY_USERS: ReadonlyArray<readonly [string, string, string]> = [
  ['port', 'ports', 'qos_policy_id'], ['network', 'networks', 'qos_policy_id'],
  ['fip', 'floatingips', 'qos_policy_id'], ['router', 'routers', 'gateway_qos_policy_id'],
];

/** A rule as a policy shows it in `rules`. */
export type QosRuleView = Record<string, unknown> & { id: string; qos_policy_id: string; type: string };

/** A port as the QoS driver check sees it. */
export interface PortQosBinding {
  readonly id: string;
  readonly binding_vif_type: string;
  readonly binding_vnic_type: string;
}

/** A minimum rule as a port's resource request reads it. */
export interface MinimumRuleRow {
  readonly id: string;
  readonly type: 'minimum_bandwidth' | 'minimum_packet_rate';
  readonly direction: string;
  readonly amount: number;
}

/** What a port's resource request needs besides the port: its policy's minimum rules and its network's first segment. */
export interface PlacementInputs {
  /** Policy id → its minimum bandwidth and minimum packet rate rules (every asked policy has an entry). */
  readonly rules: Map<string, MinimumRuleRow[]>;
  /** Network id → the physical network of its first segment ('' when tunnelled); absent: no segment. */
  readonly firstPhysicalNetworks: Map<string, string>;
}

/** QoS lookups beyond the generic resource repository: rules of policies, defaults, who uses a policy. */
export class QosRepo {
  /** Every rule of the given policies, by policy, each with its `type` (one statement per rule type). */
  async rulesOf(tx: Tx, policyIds: readonly string[]): Promise<Map<string, QosRuleView[]>> {
    const out = new Map<string, QosRuleView[]>();
    if (policyIds.length === 0) return out;
    for (const [type, columns] of Object.entries(QOS_RULE_COLUMNS)) {
      const rows = await queryRows<Record<string, unknown>>(tx,
        `select "id", "qos_policy_id", ${columns.map((c) => `"${c}"`).join(', ')} from "qos_${type}_rules" where ${inValueList(tx, '"qos_policy_id"')} order by "id"`,
        [valueList(tx, policyIds)]);
      for (const row of rows) {
        const rule: QosRuleView = { id: String(row.id), qos_policy_id: String(row.qos_policy_id), type };
        for (const column of columns) rule[column] = column === 'direction' ? row[column] : Number(row[column]);
        const list = out.get(rule.qos_policy_id) ?? [];
        list.push(rule);
        out.set(rule.qos_policy_id, list);
      }
    }
    return out;
  }

  /** The project's default policy. */
  async defaultOf(tx: Tx, projectId: string): Promise<string | undefined> {
    const row = await tx.db.selectFrom('qos_policies').select('id').where('project_id', '=', projectId).where('is_default', '=', 1).executeTakeFirst();
    return row?.id;
  }

  /**
   * The first object that uses the policy, in Neutron's order of binding
   * kinds (ports, networks, floating IPs, router gateways); the kind is
   * named as Neutron's QosPolicyInUse names it.
   */
  async firstUser(tx: Tx, policyId: string): Promise<{ kind: string; id: string } | undefined> {
    for (const [kind, table, column] of POLICY_USERS) {
      const rows = await queryRows<{ id: string }>(tx, `select "id" from "${table}" where "${column}" = ? order by "id" limit 1`, [policyId]);
      if (rows[0] !== undefined) return { kind, id: rows[0].id };
    }
    return undefined;
  }

  /** Ports the policy applies to, by id: its own, and those without one on networks that have it. */
  async portsWithPolicy(tx: Tx, policyId: string): Promise<PortQosBinding[]> {
    return tx.db.selectFrom('ports').select(['id', 'binding_vif_type', 'binding_vnic_type'])
      .where((eb) => eb.or([
        eb('qos_policy_id', '=', policyId),
        eb.and([eb('qos_policy_id', 'is', null), eb('network_id', 'in', eb.selectFrom('networks').select('id').where('qos_policy_id', '=', policyId))]),
      ])).orderBy('id').execute();
  }

  /** Ports of the network without a policy of their own (a policy given to the network applies to them), by id. */
  async portsTakingNetworkPolicy(tx: Tx, networkId: string): Promise<PortQosBinding[]> {
    return tx.db.selectFrom('ports').select(['id', 'binding_vif_type', 'binding_vnic_type'])
      .where('network_id', '=', networkId).where('qos_policy_id', 'is', null).orderBy('id').execute();
  }

  /**
   * The minimum rules of the given policies and the first segments of the
   * given networks, in one statement (a listing of ports pays one, whatever
   * its length): a union of the two rule tables and the segments, told apart
   * by `kind`.
   */
  async placementInputs(tx: Tx, policyIds: readonly string[], networkIds: readonly string[]): Promise<PlacementInputs> {
    const rules = new Map<string, MinimumRuleRow[]>(policyIds.map((id) => [id, []]));
    const firstSegments = new Map<string, { index: number; physicalNetwork: string }>();
    if (policyIds.length === 0 && networkIds.length === 0) return { rules, firstPhysicalNetworks: new Map() };
    const rows = await queryRows<{ kind: string; owner: string; id: string; detail: string | null; amount: number | string }>(tx,
      `select 'minimum_bandwidth' as "kind", "qos_policy_id" as "owner", "id", "direction" as "detail", "min_kbps" as "amount" from "qos_minimum_bandwidth_rules" where ${inValueList(tx, '"qos_policy_id"')}
       union all select 'minimum_packet_rate', "qos_policy_id", "id", "direction", "min_kpps" from "qos_minimum_packet_rate_rules" where ${inValueList(tx, '"qos_policy_id"')}
       union all select 'segment', "network_id", "id", "physical_network", "segment_index" from "network_segments" where ${inValueList(tx, '"network_id"')}`,
      [valueList(tx, policyIds), valueList(tx, policyIds), valueList(tx, networkIds)]);
    for (const row of rows) {
      if (row.kind === 'segment') {
        const known = firstSegments.get(row.owner);
        if (known === undefined || Number(row.amount) < known.index) firstSegments.set(row.owner, { index: Number(row.amount), physicalNetwork: row.detail ?? '' });
        continue;
      }
      rules.get(row.owner)?.push({ id: row.id, type: row.kind as MinimumRuleRow['type'], direction: String(row.detail), amount: Number(row.amount) });
    }
    return { rules, firstPhysicalNetworks: new Map([...firstSegments].map(([id, segment]) => [id, segment.physicalNetwork])) };
  }
}
