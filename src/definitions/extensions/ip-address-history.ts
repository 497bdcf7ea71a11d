import { defineExtension } from '../types.ts';

/**
 * muon's own extension (issue "Service-provider-grade IPAM"): GET
 * /v2.0/ip-address-history, which port, device, MAC and project held an
 * address and when. Routes are hand-written (a read-only query, not CRUD).
 */
export const ipAddressHistory = defineExtension({
  alias: 'ip-address-history', name: 'IP address history', updated: '2026-11-22T00:00:00-00:00',
  description: 'Who held which IP address when: every allocation and release of an address by a port, queryable by address, project, port and point in time.',
});
