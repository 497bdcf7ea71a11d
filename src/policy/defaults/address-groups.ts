import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * Address groups: the project's members manage them and change their
 * addresses (add_addresses, remove_addresses); its readers, and projects a
 * group is shared with (RBAC), see them.
 */
export const addressGroupPolicy: ResourcePolicy = {
  resource: 'address_group',
  rules: {
    shared_address_groups: 'field:address_groups:shared=True',

    create_address_group: ADMIN_OR_PROJECT_MEMBER,
    get_address_group: anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared_address_groups'),
    update_address_group: ADMIN_OR_PROJECT_MEMBER,
    delete_address_group: ADMIN_OR_PROJECT_MEMBER,
    add_addresses: ADMIN_OR_PROJECT_MEMBER,
    remove_addresses: ADMIN_OR_PROJECT_MEMBER,
  },
};
