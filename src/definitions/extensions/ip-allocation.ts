import { defineExtension } from '../types.ts';

/** ip_allocation on ports: 'immediate' (addresses at create), 'deferred' or 'none'. */
export const ipAllocation = defineExtension({
  alias: 'ip_allocation', name: 'IP Allocation', updated: '2016-06-10T23:00:00-07:00',
  description: 'How and when a port gets its IP addresses.',
  attributes: { ports: { ip_allocation: { allowPost: false, allowPut: false, filter: true } } },
});
