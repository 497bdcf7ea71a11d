import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN } from './base.ts';

/** Service profiles: the cloud administrator's alone, reads too (neutron/conf/policies/flavor.py). */
export const serviceProfilePolicy: ResourcePolicy = {
  resource: 'service_profile',
  rules: {
    create_service_profile: ADMIN,
    get_service_profile: ADMIN,
    update_service_profile: ADMIN,
    delete_service_profile: ADMIN,
  },
};
