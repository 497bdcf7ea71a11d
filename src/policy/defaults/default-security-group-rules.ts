import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN } from './base.ts';

/**
 * Templates of the rules new security groups start with: cloud-wide, so the
 * administrator changes them and any reader may see them (they belong to no
 * project, hence a bare role check).
 */
export const defaultSecurityGroupRulePolicy: ResourcePolicy = {
  resource: 'default_security_group_rule',
  rules: {
    create_default_security_group_rule: ADMIN,
    get_default_security_group_rule: 'role:reader',
    delete_default_security_group_rule: ADMIN,
  },
};
