import { defineExtension } from '../types.ts';

/**
 * muon's own extension (issue "Service-provider-grade IPAM"): GET
 * /v2.0/subnetpool-prefix-history, which project held which prefix of a
 * subnet pool (as a subnet) and when. Routes are hand-written (a read-only query).
 */
export const subnetpoolPrefixHistory = defineExtension({
  alias: 'subnetpool-prefix-history', name: 'Subnet pool prefix history', updated: '2026-11-22T00:00:00-00:00',
  description: 'Who held which prefix of a subnet pool when: every subnet carved from a pool and its deletion, queryable by prefix, pool, project and point in time.',
  requires: ['subnet_allocation'],
});
