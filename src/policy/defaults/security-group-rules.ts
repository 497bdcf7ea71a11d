import { type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN } from './base.ts';

/** The owner of a rule's security group (rules may belong to another project, e.g. an admin's rule in a member's group). */
const SG_OWNER_READER = 'role:reader and rule:sg_owner';
const SG_OWNER_MEMBER = 'role:member and rule:sg_owner';

/**
 * Security group rules are decided by their group: its project's members
 * add and delete rules, its readers see them, whoever created the rule.
 * `%(security_group:project_id)s` is the group's project, which every rule
 * row carries.
 */
export const securityGroupRulePolicy: ResourcePolicy = {
  resource: 'security_group_rule',
  rules: {
    sg_owner: 'project_id:%(security_group:project_id)s',
    admin_or_sg_owner: 'rule:context_is_admin or project_id:%(security_group:project_id)s',
    admin_owner_or_sg_owner: 'rule:owner or rule:admin_or_sg_owner',
    rule_default_sg: 'field:security_group_rules:belongs_to_default_sg=True',

    create_security_group_rule: `(${ADMIN}) or (${SG_OWNER_MEMBER})`,
    get_security_group_rule: `(${ADMIN}) or (${SG_OWNER_READER})`,
    delete_security_group_rule: `(${ADMIN}) or (${SG_OWNER_MEMBER})`,
  },
};
