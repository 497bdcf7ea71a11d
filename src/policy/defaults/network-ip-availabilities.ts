import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_SERVICE } from './base.ts';

/** Address usage of networks: administrators and services only (even for a project's own networks). */
export const networkIpAvailabilityPolicy: ResourcePolicy = {
  resource: 'network_ip_availability',
  rules: {
    get_network_ip_availability: ADMIN_OR_SERVICE,
  },
};
