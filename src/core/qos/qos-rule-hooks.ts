import type { QosRepo, QosRuleView } from '../../store/repos/qos-repo.ts';
import type { ResourceRepo, Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import { QosPolicyNotFound, QosRuleNotSupported } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { checkRuleConflicts } from './qos-rule-checks.ts';
import { portTakesQos, ruleTypeSupported } from './qos-rule-types.ts';

/**
 * Rules of one type (nested under their policy or by the alias API): the
 * conflict checks of qos-rule-checks.ts against the policy's other rules; a
 * rule the backend cannot apply may not enter a policy that ports use, nor
 * may any rule enter or change in a policy used by a port the backend applies
 * no QoS to (409 QosRuleNotSupported, Neutron's validate_policy); every
 * change bumps the policy's revision. The route
 * sets `qos_policy_id` and the policy's project before the create.
 */
export function qosRuleHooks(type: string, repo: QosRepo, policies: ResourceRepo): ResourceHooks {
  return {
    async beforeCreate(tx, _ctx, values) {
      const policyId = String(values.qos_policy_id);
      await checkInPolicy(tx, policyId, values, { ...values, id: String(values.id), qos_policy_id: policyId, type });
      values.type = type;
    },

    async afterCreate(tx, _ctx, values) {
      await bumpRevision(tx, 'qos_policies', String(values.qos_policy_id));
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      const policyId = String(current.qos_policy_id);
      await checkInPolicy(tx, policyId, changes, { ...ruleOf(current), ...changes, id: String(current.id), qos_policy_id: policyId, type });
    },

    async afterUpdate(tx, _ctx, current) {
      await bumpRevision(tx, 'qos_policies', String(current.qos_policy_id));
    },

    async afterDelete(tx, _ctx, current) {
      await bumpRevision(tx, 'qos_policies', String(current.qos_policy_id));
    },

    async extend(_tx, _ctx, records) {
      for (const record of records) record.type = type;
    },

    extendCreated(records) {
      for (const record of records) record.type = type;
    },
  };

  async function checkInPolicy(tx: Tx, policyId: string, data: ResourceRecord, rule: QosRuleView): Promise<void> {
    if (!(await policies.get(tx, policyId, { forUpdate: true }))) throw new QosPolicyNotFound(policyId);
    const existing = (await repo.rulesOf(tx, [policyId])).get(policyId) ?? [];
    checkRuleConflicts(policyId, existing, data, rule);
    const ports = await repo.portsWithPolicy(tx, policyId);
    if (!ruleTypeSupported(type) && ports[0] !== undefined) throw new QosRuleNotSupported(type, ports[0].id);
    // A port the backend applies no QoS to (it took the policy while that had no rules, or changed its vnic type since) refuses every rule.
    const refusing = ports.find((port) => !portTakesQos(port.binding_vif_type, port.binding_vnic_type));
    if (refusing !== undefined) throw new QosRuleNotSupported((existing[0] ?? rule).type, refusing.id);
  }
}

/** The stored columns of a rule row that the checks read. */
function ruleOf(row: Row): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of ['max_kbps', 'max_burst_kbps', 'dscp_mark', 'min_kbps', 'min_kpps', 'max_kpps', 'max_burst_kpps', 'direction']) if (row[key] !== undefined) out[key] = row[key];
  return out;
}
