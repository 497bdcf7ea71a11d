import { COMPUTED, ID, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** Security groups: named sets of allow rules applied to ports. Behaviour lives in core/security-group. */
export const securityGroupResource = defineResource({
  name: 'security_group',
  collection: 'security_groups',
  path: 'security-groups',
  table: 'security_groups',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'security_group',
  attributes: {
    id: ID,
    // neutron-lib `name_not_default`: a plain string; "default" itself is refused by the hooks (409).
    name: { allowPost: true, allowPut: true, default: '', filter: true, sort: true, validate: v.stringValidator(255) },
    tenant_id: TENANT_ID,
    security_group_rules: COMPUTED,
    // `shared` comes with security-groups-shared-filtering.
  },
});

/**
 * Security group rules. They have description, timestamps and a revision but
 * no tags (Neutron's rule model has no tag support), hence no
 * `standardAttributes` and the columns declared here.
 */
/** What a rule matches: the attributes security group rules and their templates (default rules) share. */
export const RULE_MATCH = {
    direction: { allowPost: true, allowPut: false, required: true, validate: v.values(['ingress', 'egress']), filter: true, sort: true },
    protocol: { allowPost: true, allowPut: false, default: null, convert: v.toSgProtocol, filter: true, sort: true },
    port_range_min: { allowPost: true, allowPut: false, default: null, convert: v.toSgPortValue, filter: true, sort: true, storage: 'integer' },
    port_range_max: { allowPost: true, allowPut: false, default: null, convert: v.toSgPortValue, filter: true, sort: true, storage: 'integer' },
    ethertype: { allowPost: true, allowPut: false, default: 'IPv4', convert: v.toSgEthertype, validate: v.values(v.SG_ETHERTYPES), filter: true, sort: true },
    remote_ip_prefix: { allowPost: true, allowPut: false, default: null, convert: v.toSgIpPrefix, filter: true, sort: true },
} as const;

export const securityGroupRuleResource = defineResource({
  name: 'security_group_rule',
  collection: 'security_group_rules',
  path: 'security-group-rules',
  table: 'security_group_rules',
  standardAttributes: false,
  bulk: true,
  operations: ['create', 'show', 'list', 'delete'],
  quotaResource: 'security_group_rule',
  attributes: {
    id: ID,
    tenant_id: TENANT_ID,
    security_group_id: { allowPost: true, allowPut: false, required: true, validate: v.stringValidator(36), filter: true, sort: true },
    remote_group_id: { allowPost: true, allowPut: false, default: null, validate: v.stringOrNone(36), filter: true, sort: true },
    ...RULE_MATCH,
    description: { allowPost: true, allowPut: false, default: '', validate: v.stringValidator(255), filter: true, sort: true },
    created_at: { allowPost: false, allowPut: false, sort: true },
    updated_at: { allowPost: false, allowPut: false, sort: true },
    revision_number: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    // The group's owner, kept on the rule (a group never changes project) so that the policy's
    // `project_id:%(security_group:project_id)s` reads it from the rule itself. Never shown.
    'security_group:project_id': { allowPost: false, allowPut: false, visible: false, column: 'security_group_project_id' },
  },
});

/** The security-group extension: both resources, and the groups of each port. */
export const securityGroup = defineExtension({
  alias: 'security-group', name: 'security-group', updated: '2012-10-05T10:00:00-00:00',
  description: 'Security groups and their rules, and the groups of each port.',
  requires: ['standard-attr-description'],
  resources: [securityGroupResource, securityGroupRuleResource],
  attributes: {
    // Not specified: the project's default group (unless port security is off or the port is network:*).
    ports: { security_groups: { allowPost: true, allowPut: true, convert: v.noneToEmptyList, validate: v.uuidList, filter: true, storage: 'none' } },
  },
});
