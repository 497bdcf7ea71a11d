import { ID, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';
import { RULE_MATCH } from './security-group.ts';

/**
 * Templates of the rules new security groups start with: cloud-wide (their
 * tenant_id is not shown), created and deleted by administrators, never
 * updated. `remote_group_id` may be PARENT: the group the rule is copied into.
 */
export const defaultSecurityGroupRuleResource = defineResource({
  name: 'default_security_group_rule',
  collection: 'default_security_group_rules',
  path: 'default-security-group-rules',
  table: 'default_security_group_rules',
  standardAttributes: false,
  bulk: false,
  operations: ['create', 'show', 'list', 'delete'],
  attributes: {
    id: ID,
    tenant_id: { ...TENANT_ID, visible: false, filter: false, sort: false },
    description: { allowPost: true, allowPut: false, default: '', validate: v.stringValidator(1024), filter: true },
    remote_group_id: { allowPost: true, allowPut: false, default: null, validate: v.stringOrNone(36), filter: true, sort: true },
    remote_address_group_id: { allowPost: true, allowPut: false, default: null, validate: v.stringOrNone(36), filter: true, sort: true },
    ...RULE_MATCH,
    used_in_default_sg: { allowPost: true, allowPut: false, default: false, convert: v.toBoolean, filter: true, storage: 'boolean' },
    used_in_non_default_sg: { allowPost: true, allowPut: false, default: true, convert: v.toBoolean, filter: true, storage: 'boolean' },
  },
});

export const securityGroupsDefaultRules = defineExtension({
  alias: 'security-groups-default-rules', name: 'Default rules for security groups', updated: '2022-12-19T10:00:00-00:00',
  description: 'Templates of the rules every new security group (default or not) starts with, managed by administrators.',
  requires: ['security-group', 'standard-attr-description'],
  resources: [defaultSecurityGroupRuleResource],
});
