import type { QosRuleView } from '../../store/repos/qos-repo.ts';
import { QoSRuleParameterConflict, QoSRulesConflict } from '../errors.ts';

/** Rule types whose duplicates are told apart by direction (one per direction); others: one per policy. */
const BY_DIRECTION = new Set(['bandwidth_limit', 'minimum_bandwidth', 'packet_rate_limit', 'minimum_packet_rate']);

/**
 * Neutron's qos_policy_validator, in its order, for a rule being created or
 * updated in a policy (`existing`: the policy's rules; `data`: what the
 * request sets; `rule`: the rule as it will be). Pure; throws 409s.
 */
export function checkRuleConflicts(policyId: string, existing: readonly QosRuleView[], data: Record<string, unknown>, rule: QosRuleView): void {
  checkBandwidthConflict(policyId, existing, data);
  checkMinPpsConflict(policyId, existing, rule);
  for (const other of existing) {
    if (other.id === rule.id || other.type !== rule.type) continue;
    if (BY_DIRECTION.has(rule.type) && other.direction !== rule.direction) continue;
    throw new QoSRulesConflict(rule.type, other.id, policyId);
  }
}

/** A maximum below an existing minimum (or the reverse) in the same direction is a 409. */
function checkBandwidthConflict(policyId: string, existing: readonly QosRuleView[], data: Record<string, unknown>): void {
  const direction = data.direction;
  for (const rule of existing) {
    if (rule.type === 'dscp_marking') continue;
    if (direction && rule.direction !== direction) continue;
    if (rule.type === 'minimum_bandwidth' && data.max_kbps !== undefined && Number(rule.min_kbps) > Number(data.max_kbps)) {
      throw new QoSRuleParameterConflict(data.max_kbps, policyId, rule.type, rule.min_kbps);
    }
    if (rule.type === 'bandwidth_limit' && data.min_kbps !== undefined && Number(rule.max_kbps) < Number(data.min_kbps)) {
      throw new QoSRuleParameterConflict(data.min_kbps, policyId, rule.type, rule.max_kbps);
    }
  }
}

/** Minimum packet rate rules of a policy are either direction-less (`any`) or directed, not both. */
function checkMinPpsConflict(policyId: string, existing: readonly QosRuleView[], rule: QosRuleView): void {
  if (rule.type !== 'minimum_packet_rate' || !rule.direction) return;
  for (const other of existing) {
    if (other.type !== 'minimum_packet_rate' || other.id === rule.id) continue;
    const mixes = (rule.direction === 'any' && other.direction !== 'any') || (rule.direction !== 'any' && other.direction === 'any');
    if (mixes) throw new QoSRuleParameterConflict(rule.direction, policyId, other.type, other.direction);
  }
}
