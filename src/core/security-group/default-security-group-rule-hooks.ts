import type { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import { DefaultSecurityGroupRuleExists } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { normaliseRule, ruleKey, ruleMatchOf } from './rule-checks.ts';

/**
 * Rule templates (security-groups-default-rules): the same checks as rules
 * (rule-checks.ts; remote_group_id may be PARENT), no two equal templates
 * for default groups nor for other groups (409). Templates belong to no
 * project: stored with project ''.
 */
export function defaultSecurityGroupRuleHooks(repo: SecurityGroupRepo): ResourceHooks {
  return {
    async beforeCreate(tx, _ctx, values) {
      for (const remote of ['remote_group_id', 'remote_address_group_id'] as const) if (values[remote] === '') values[remote] = null;
      const match = ruleMatchOf(values);
      normaliseRule(match);
      Object.assign(values, match);
      const key = ruleKey({ ...match, security_group_id: '' });
      for (const forDefault of [true, false]) {
        if (!values[forDefault ? 'used_in_default_sg' : 'used_in_non_default_sg']) continue;
        const same = (await repo.templates(tx, forDefault)).find((t) => ruleKey({ ...ruleMatchOf(t), security_group_id: '' }) === key);
        if (same) throw new DefaultSecurityGroupRuleExists(String(same.id));
      }
      values.project_id = '';
      values.tenant_id = '';
    },
  };
}
