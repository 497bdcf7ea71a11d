import type { ResourcePolicy } from '../resource-policy.ts';

/** Availability zones belong to no project: any reader lists them (neutron/conf/policies/availability_zone.py). */
export const availabilityZonePolicy: ResourcePolicy = {
  resource: 'availability_zone',
  rules: { get_availability_zone: 'role:reader' },
};
