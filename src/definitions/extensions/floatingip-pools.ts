import { defineExtension } from '../types.ts';

/**
 * GET /v2.0/floatingip_pools: the IPv4 subnets of external networks, where
 * floating IPs come from (computed from subnets; served by its own route).
 */
export const floatingipPools = defineExtension({
  alias: 'floatingip-pools', name: 'Floating IP Pools Extension', updated: '2018-03-21T10:00:00-00:00',
  description: 'Provides a floating IP pools API.',
  requires: ['router'],
});
