import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/** Subnet pools: the project's members manage them; shared and default pools are the administrator's. */
export const subnetpoolPolicy: ResourcePolicy = {
  resource: 'subnetpool',
  enforced: ['is_default', 'shared'],
  rules: {
    shared_subnetpools: 'field:subnetpools:shared=True',

    create_subnetpool: ADMIN_OR_PROJECT_MEMBER,
    'create_subnetpool:shared': ADMIN,
    'create_subnetpool:is_default': ADMIN,
    get_subnetpool: anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared_subnetpools'),
    update_subnetpool: ADMIN_OR_PROJECT_MEMBER,
    'update_subnetpool:is_default': ADMIN,
    delete_subnetpool: ADMIN_OR_PROJECT_MEMBER,

    onboard_network_subnets: ADMIN_OR_PROJECT_MEMBER,
    add_prefixes: ADMIN_OR_PROJECT_MEMBER,
    remove_prefixes: ADMIN_OR_PROJECT_MEMBER,

    'get_subnetpool:tags': anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared_subnetpools'),
    'create_subnetpool:tags': ADMIN_OR_PROJECT_MEMBER,
    'update_subnetpool:tags': ADMIN_OR_PROJECT_MEMBER,
    'delete_subnetpool:tags': ADMIN_OR_PROJECT_MEMBER,
  },
};
