import { booleanAttribute, COMPUTED, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * QoS policies (`/v2.0/qos/policies`): named sets of rules (bandwidth
 * limits, DSCP marks, minimum bandwidth and packet rates) applied to ports
 * and networks through their `qos_policy_id`. Rules live in their own
 * definitions (qos-rules.ts) and are shown in `rules`. Behaviour in core/qos.
 */
export const qosPolicyResource = defineResource({
  name: 'policy',
  collection: 'policies',
  path: 'qos/policies',
  table: 'qos_policies',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    name: NAME,
    tenant_id: TENANT_ID,
    shared: booleanAttribute(false, { sort: false }),
    rules: COMPUTED,
  },
});

/** The qos extension: policies, rule types, and `qos_policy_id` on ports and networks. */
export const qos = defineExtension({
  alias: 'qos', name: 'Quality of Service', updated: '2015-06-08T10:00:00-00:00',
  description: 'The Quality of Service extension.',
  resources: [qosPolicyResource],
  attributes: {
    ports: { qos_policy_id: { allowPost: true, allowPut: true, default: null, validate: v.uuidOrNone, filter: true } },
    networks: { qos_policy_id: { allowPost: true, allowPut: true, default: null, validate: v.uuidOrNone, filter: true } },
  },
});

/** is_default on policies: at most one per project, given to its new networks. */
export const qosDefault = defineExtension({
  alias: 'qos-default', name: 'QoS default policy', updated: '2017-041-06T10:00:00-00:00',
  description: 'Expose the QoS default policy per project',
  requires: ['qos'],
  attributes: { policies: { is_default: booleanAttribute(false, { sort: false }) } },
});

export const qosBwLimitDirection = defineExtension({
  alias: 'qos-bw-limit-direction', name: 'Direction for QoS bandwidth limit rule', updated: '2017-04-10T10:00:00-00:00',
  description: 'Allow to configure QoS bandwidth limit rule with specific direction: ingress or egress',
  requires: ['qos'],
});

export const qosBwMinimumIngress = defineExtension({
  alias: 'qos-bw-minimum-ingress', name: 'Ingress direction for QoS minimum bandwidth rule', updated: '2018-07-09T10:00:00-00:00',
  description: 'Allow to configure QoS minumum bandwidth rule with ingress direction.',
  requires: ['qos'],
});

/** GET /v2.0/qos/rule-types/{type} answers the drivers and the parameters they accept (admins). */
export const qosRuleTypeDetails = defineExtension({
  alias: 'qos-rule-type-details', name: 'Details of QoS rule types', updated: '2017-06-22T10:00:00-00:00',
  description: 'Expose details about QoS rule types supported by loaded backend drivers',
  requires: ['qos'],
});

/** all_supported / all_rules filters of GET /v2.0/qos/rule-types. */
export const qosRuleTypeFilter = defineExtension({
  alias: 'qos-rule-type-filter', name: 'Allow to filter the list of QoS rule types', updated: '2022-02-02T10:00:00-00:00',
  description: 'Allows to filter the QoS rule type list adding two new flags. "all_rules" prints all implemented QoS rule types. "all_supported" prints all QoS rule types supported by at least one loaded mechanism driver.',
  requires: ['qos'],
});
