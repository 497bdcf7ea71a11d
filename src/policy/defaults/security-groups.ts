import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * Security groups: the project's members create, change and delete them; its
 * readers see them, and so does everyone a group is shared with (RBAC).
 * Tags follow the group.
 */
export const securityGroupPolicy: ResourcePolicy = {
  resource: 'security_group',
  rules: {
    shared_security_group: 'field:security_groups:shared=True',

    create_security_group: ADMIN_OR_PROJECT_MEMBER,
    get_security_group: anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared_security_group'),
    update_security_group: ADMIN_OR_PROJECT_MEMBER,
    delete_security_group: ADMIN_OR_PROJECT_MEMBER,

    'get_security_group:tags': anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared_security_group'),
    'create_security_group:tags': ADMIN_OR_PROJECT_MEMBER,
    'update_security_group:tags': ADMIN_OR_PROJECT_MEMBER,
    'delete_security_group:tags': ADMIN_OR_PROJECT_MEMBER,
  },
};
