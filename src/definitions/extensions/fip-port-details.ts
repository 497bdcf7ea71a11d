import { defineExtension } from '../types.ts';

/** port_details on floating IPs: a summary of the associated port (null when none). */
export const fipPortDetails = defineExtension({
  alias: 'fip-port-details', name: 'Floating IP Port Details Extension', updated: '2018-04-09T10:00:00-00:00',
  description: 'Add port_details attribute to Floating IP resource',
  requires: ['router'],
  attributes: {
    floatingips: { port_details: { allowPost: false, allowPut: false, storage: 'none' } },
  },
});
