import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MANAGER, ADMIN_OR_PROJECT_READER } from './base.ts';

/*
 * QoS rules, under their policy and by the alias API (neutron/conf/policies/qos.py):
 * Neutron's ADMIN_OR_PARENT_OWNER_READER / _MANAGER — the policy's project.
 * A rule carries its policy's project, so `project_id:%(project_id)s` on the
 * rule is that check.
 */
const TYPES = ['bandwidth_limit', 'dscp_marking', 'minimum_bandwidth', 'minimum_packet_rate'] as const;
/** Types with rules under a policy only (no alias API in Neutron). */
const POLICY_ONLY_TYPES = ['packet_rate_limit'] as const;

function rules(prefix: 'policy' | 'alias', type: string, verbs: readonly string[]): ResourcePolicy {
  const resource = `${prefix}_${type}_rule`;
  return {
    resource,
    rules: Object.fromEntries(verbs.map((verb) => [`${verb}_${resource}`, verb === 'get' ? ADMIN_OR_PROJECT_READER : ADMIN_OR_PROJECT_MANAGER])),
  };
}

/** Rules under a policy: `<verb>_policy_<type>_rule`. */
export const qosPolicyRulePolicies: readonly ResourcePolicy[] = [...TYPES, ...POLICY_ONLY_TYPES].map((type) => rules('policy', type, ['create', 'get', 'update', 'delete']));

/** The same rules by id alone: `<verb>_alias_<type>_rule`. */
export const qosAliasRulePolicies: readonly ResourcePolicy[] = TYPES.map((type) => rules('alias', type, ['get', 'update', 'delete']));
