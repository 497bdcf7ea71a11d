import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_MEMBER, PROJECT_READER } from './base.ts';

/** Address scopes: the project's members manage them; sharing one is the administrator's. */
export const addressScopePolicy: ResourcePolicy = {
  resource: 'address_scope',
  enforced: ['shared'],
  rules: {
    shared_address_scopes: 'field:address_scopes:shared=True',

    create_address_scope: ADMIN_OR_PROJECT_MEMBER,
    'create_address_scope:shared': ADMIN,
    get_address_scope: anyOf(ADMIN, PROJECT_READER, 'rule:shared_address_scopes'),
    update_address_scope: ADMIN_OR_PROJECT_MEMBER,
    'update_address_scope:shared': ADMIN,
    delete_address_scope: ADMIN_OR_PROJECT_MEMBER,
  },
};
