import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/** Trunks: the project's members manage them and their subports; its readers see them (neutron/conf/policies/trunk.py). */
export const trunkPolicy: ResourcePolicy = {
  resource: 'trunk',
  rules: {
    create_trunk: ADMIN_OR_PROJECT_MEMBER,
    get_trunk: ADMIN_OR_PROJECT_READER,
    update_trunk: ADMIN_OR_PROJECT_MEMBER,
    delete_trunk: ADMIN_OR_PROJECT_MEMBER,
    get_subports: ADMIN_OR_PROJECT_READER,
    add_subports: ADMIN_OR_PROJECT_MEMBER,
    remove_subports: ADMIN_OR_PROJECT_MEMBER,
    'create_trunk:tags': ADMIN_OR_PROJECT_MEMBER,
    'get_trunk:tags': ADMIN_OR_PROJECT_READER,
    'update_trunk:tags': ADMIN_OR_PROJECT_MEMBER,
    'delete_trunk:tags': ADMIN_OR_PROJECT_MEMBER,
  },
};
