import type { ResourcePolicy } from '../resource-policy.ts';

/** Service providers belong to no project: any reader lists them (neutron/conf/policies/service_type.py). */
export const serviceProviderPolicy: ResourcePolicy = {
  resource: 'service_provider',
  rules: { get_service_provider: 'role:reader' },
};
