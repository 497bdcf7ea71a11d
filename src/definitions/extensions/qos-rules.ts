import { COMPUTED, ID, TENANT_ID } from '../core/common.ts';
import type { AttributeMap, ResourceDefinition } from '../types.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** neutron-lib's DB_INTEGER_MAX_VALUE. */
const KBPS = { allowPost: true, allowPut: true, convert: v.toInt, validate: v.range(0, 2147483647), filter: true, sort: true, storage: 'integer', filterConvert: v.toInt } as const;

/** neutron-lib's VALID_DSCP_MARKS. */
export const VALID_DSCP_MARKS = [0, 8, 10, 12, 14, 16, 18, 20, 22, 24, 26, 28, 30, 32, 34, 36, 38, 40, 44, 46, 48, 56];

/**
 * One QoS rule type, as a resource of its own (its table), served at
 * `/v2.0/qos/alias-<type>-rules/{id}` (show, update, delete: the rules
 * alias API) and, by core/qos and api/routes/qos-routes.ts, under its policy
 * at `/v2.0/qos/policies/{policy_id}/<type>_rules`. A rule carries its
 * policy's project (never shown), so reads and the policy rules need no join.
 */
function qosRuleResource(type: string, attributes: AttributeMap): ResourceDefinition {
  return defineResource({
    name: `alias_${type}_rule`,
    collection: `alias_${type}_rules`,
    path: `qos/alias-${type.replace(/_/g, '-')}-rules`,
    table: `qos_${type}_rules`,
    standardAttributes: false,
    bulk: false,
    operations: ['show', 'update', 'delete'],
    attributes: {
      id: ID,
      tenant_id: { ...TENANT_ID, visible: false },
      qos_policy_id: { allowPost: false, allowPut: false, filter: true },
      type: COMPUTED,
      ...attributes,
    },
  });
}

export const bandwidthLimitRuleResource = qosRuleResource('bandwidth_limit', {
  max_kbps: { ...KBPS, required: true },
  max_burst_kbps: { ...KBPS, default: 0 },
  direction: { allowPost: true, allowPut: true, default: 'egress', validate: v.values(['ingress', 'egress']), filter: true, sort: true },
});

export const dscpMarkingRuleResource = qosRuleResource('dscp_marking', {
  dscp_mark: { allowPost: true, allowPut: true, required: true, convert: v.toInt, validate: v.values(VALID_DSCP_MARKS), filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
});

export const minimumBandwidthRuleResource = qosRuleResource('minimum_bandwidth', {
  min_kbps: { ...KBPS, required: true },
  direction: { allowPost: true, allowPut: true, default: 'egress', validate: v.values(['ingress', 'egress']), filter: true, sort: true },
});

export const minimumPacketRateRuleResource = qosRuleResource('minimum_packet_rate', {
  min_kpps: { ...KBPS, required: true },
  direction: { allowPost: true, allowPut: true, default: 'egress', validate: v.values(['any', 'ingress', 'egress']), filter: true, sort: true },
});

export const packetRateLimitRuleResource = qosRuleResource('packet_rate_limit', {
  max_kpps: { ...KBPS, required: true },
  max_burst_kpps: { ...KBPS, default: 0 },
  direction: { allowPost: true, allowPut: true, default: 'egress', validate: v.values(['ingress', 'egress']), filter: true, sort: true },
});

/** A rule shows no project (the project-id extension's `project_id` is hidden again here). */
const HIDDEN_PROJECT: AttributeMap = { project_id: { ...TENANT_ID, visible: false } };

/** GET/PUT/DELETE of bandwidth limit, DSCP marking and minimum bandwidth rules by id alone. */
export const qosRulesAlias = defineExtension({
  alias: 'qos-rules-alias', name: 'Quality of Service rules alias API', updated: '2018-10-07T10:00:00-00:00',
  description: 'API to enable GET, PUT and DELETE operations on QoS policy rules without specifying policy ID',
  requires: ['qos'],
  resources: [bandwidthLimitRuleResource, dscpMarkingRuleResource, minimumBandwidthRuleResource],
  attributes: { alias_bandwidth_limit_rules: HIDDEN_PROJECT, alias_dscp_marking_rules: HIDDEN_PROJECT, alias_minimum_bandwidth_rules: HIDDEN_PROJECT },
});

/** Minimum packet rate rules under a policy. */
export const qosPpsMinimum = defineExtension({
  alias: 'qos-pps-minimum', name: 'QoS minimum packet rate rule', updated: '2021-07-14T10:00:00-00:00',
  description: 'Allow to configure QoS minimum packet rate rule.',
  requires: ['qos'],
});

/** The same by id alone. */
export const qosPpsMinimumRuleAlias = defineExtension({
  alias: 'qos-pps-minimum-rule-alias', name: 'QoS minimum packet rate rule alias', updated: '2021-10-22T10:00:00-00:00',
  description: 'API to enable GET, PUT and DELETE operations on QoS minimum packet rate rule without specifying policy ID',
  requires: ['qos', 'qos-pps-minimum'],
  resources: [minimumPacketRateRuleResource],
  attributes: { alias_minimum_packet_rate_rules: HIDDEN_PROJECT },
});

/**
 * Packet rate limit rules under a policy (neutron-lib's qos_pps_rule). The
 * alias resource carries their table; Neutron has no alias API for them, so
 * qos-services.ts serves it only under the policy.
 */
export const qosPps = defineExtension({
  alias: 'qos-pps', name: 'QoS rule packet rate limit', updated: '2021-01-21T10:00:00-00:00',
  description: 'Add QoS Rule Packet Rate Limit',
  requires: ['qos'],
  resources: [packetRateLimitRuleResource],
  attributes: { alias_packet_rate_limit_rules: HIDDEN_PROJECT },
});

/** The five rule types: rule type name → the definition of its rules. */
export const QOS_RULE_RESOURCES: ReadonlyArray<readonly [string, ResourceDefinition]> = [
  ['bandwidth_limit', bandwidthLimitRuleResource], ['dscp_marking', dscpMarkingRuleResource],
  ['minimum_bandwidth', minimumBandwidthRuleResource], ['minimum_packet_rate', minimumPacketRateRuleResource],
  ['packet_rate_limit', packetRateLimitRuleResource],
];

/** Rule types without the alias API (id alone). */
export const QOS_RULES_WITHOUT_ALIAS: ReadonlySet<string> = new Set(['packet_rate_limit']);
