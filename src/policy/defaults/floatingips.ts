import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MANAGER, ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * Floating IPs (neutron/conf/policies/floatingip.py): the project's members
 * allocate, associate and release them, its readers see them; choosing the
 * address needs the project's manager (or an administrator).
 */
export const floatingipPolicy: ResourcePolicy = {
  resource: 'floatingip',
  enforced: ['floating_ip_address'],
  rules: {
    create_floatingip: ADMIN_OR_PROJECT_MEMBER,
    'create_floatingip:floating_ip_address': ADMIN_OR_PROJECT_MANAGER,
    get_floatingip: ADMIN_OR_PROJECT_READER,
    update_floatingip: ADMIN_OR_PROJECT_MEMBER,
    delete_floatingip: ADMIN_OR_PROJECT_MEMBER,

    'get_floatingip:tags': ADMIN_OR_PROJECT_READER,
    'create_floatingip:tags': ADMIN_OR_PROJECT_MEMBER,
    'update_floatingip:tags': ADMIN_OR_PROJECT_MEMBER,
    'delete_floatingip:tags': ADMIN_OR_PROJECT_MEMBER,
  },
};

/**
 * Floating IP pools (floatingip_pools.py): the project's readers list them.
 * Every pool entry carries the caller's own project, so this admits any
 * reader of a project — which external subnets exist is public knowledge.
 */
export const floatingipPoolPolicy: ResourcePolicy = {
  resource: 'floatingip_pool',
  rules: {
    get_floatingip_pool: ADMIN_OR_PROJECT_READER,
  },
};
