import { defineExtension } from '../types.ts';

/** /network-ip-availabilities: total and used addresses per network and subnet (computed by IPAM). */
export const networkIpAvailability = defineExtension({
  alias: 'network-ip-availability', name: 'Network IP Availability', updated: '2015-09-24T00:00:00-00:00',
  description: 'IP address usage per network and subnet.',
});
