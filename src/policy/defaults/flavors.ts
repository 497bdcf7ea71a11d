import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * Flavors (neutron/conf/policies/flavor.py): the cloud administrator makes
 * them; they belong to no project, so any reader of any project reads them
 * (a bare role check: a project_id check would fail on every flavor).
 */
export const flavorPolicy: ResourcePolicy = {
  resource: 'flavor',
  rules: {
    create_flavor: ADMIN,
    get_flavor: 'role:reader',
    update_flavor: ADMIN,
    delete_flavor: ADMIN,
  },
};

/**
 * Flavor ↔ service profile associations (same file upstream). The read rule
 * is Neutron's as written: an association has no project, so only admins
 * pass it, and the others get a 404 for associations they may not delete.
 */
export const flavorServiceProfilePolicy: ResourcePolicy = {
  resource: 'flavor_service_profile',
  rules: {
    create_flavor_service_profile: ADMIN,
    get_flavor_service_profile: ADMIN_OR_PROJECT_READER,
    delete_flavor_service_profile: ADMIN,
  },
};
