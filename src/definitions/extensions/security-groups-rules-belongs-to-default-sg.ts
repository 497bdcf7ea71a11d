import { defineExtension } from '../types.ts';

/** `belongs_to_default_sg` on rules: whether the rule's group is its project's default group (filterable). */
export const securityGroupsRulesBelongsToDefaultSg = defineExtension({
  alias: 'security-groups-rules-belongs-to-default-sg', name: "Security group rule belongs to the project's default security group",
  updated: '2023-05-23T10:00:00-00:00',
  description: 'belongs_to_default_sg on security group rules: the rule is in its project\'s default group.',
  requires: ['security-group'],
  attributes: { security_group_rules: { belongs_to_default_sg: { allowPost: false, allowPut: false, filter: true, storage: 'none' } } },
});
