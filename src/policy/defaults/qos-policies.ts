import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MANAGER, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * QoS policies (neutron/conf/policies/qos.py): the project's managers
 * create and change them, its readers and everyone a policy is shared with
 * read them; rule types are readable by any reader (details: admins, the
 * plugin's own check).
 */
export const qosPolicyPolicy: ResourcePolicy = {
  resource: 'policy',
  rules: {
    shared_qos_policy: 'field:policies:shared=True',
    get_policy: anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared_qos_policy'),
    create_policy: ADMIN_OR_PROJECT_MANAGER,
    update_policy: ADMIN_OR_PROJECT_MANAGER,
    delete_policy: ADMIN_OR_PROJECT_MANAGER,
    'get_policy:tags': anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared_qos_policy'),
    'create_policy:tags': ADMIN_OR_PROJECT_MANAGER,
    'update_policy:tags': ADMIN_OR_PROJECT_MANAGER,
    'delete_policy:tags': ADMIN_OR_PROJECT_MANAGER,
  },
};

/** The rule types list and details ("role:reader": rule types belong to no project). */
export const qosRuleTypePolicy: ResourcePolicy = {
  resource: 'rule_type',
  rules: { get_rule_type: 'role:reader' },
};
