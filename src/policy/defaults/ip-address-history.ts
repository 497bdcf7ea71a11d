import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN } from './base.ts';

/**
 * muon's IP address history (not a Neutron resource): who held which address
 * when, across projects — an operator's audit trail, so administrators only.
 */
export const ipAddressHistoryPolicy: ResourcePolicy = {
  resource: 'ip_address_history',
  rules: {
    get_ip_address_history: ADMIN,
  },
};

/** The same audit trail for prefixes given out of subnet pools. */
export const subnetpoolPrefixHistoryPolicy: ResourcePolicy = {
  resource: 'subnetpool_prefix_history',
  rules: {
    get_subnetpool_prefix_history: ADMIN,
  },
};
