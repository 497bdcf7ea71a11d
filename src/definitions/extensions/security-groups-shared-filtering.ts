import { defineExtension } from '../types.ts';

/**
 * `shared` on security groups: true when an access_as_shared RBAC policy
 * shares the group with the caller's project or with every project. Not a
 * column (the engine sets it per caller, core/rbac); filterable, and the
 * filter asks the same question of the RBAC policies.
 */
export const securityGroupsSharedFiltering = defineExtension({
  alias: 'security-groups-shared-filtering', name: 'Security group filtering on the shared field',
  updated: '2021-06-01T10:00:00-00:00',
  description: 'Support security group filtering on the shared field',
  requires: ['security-group', 'rbac-security-groups'],
  attributes: { security_groups: { shared: { allowPost: false, allowPut: false, filter: true, storage: 'none' } } },
});
