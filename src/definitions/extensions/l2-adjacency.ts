import { defineExtension } from '../types.ts';

/** l2_adjacency on networks: true unless the network is routed (segments with their own subnets). */
export const l2Adjacency = defineExtension({
  alias: 'l2_adjacency', name: 'L2 Adjacency', updated: '2016-04-12T16:00:00-00:00',
  description: 'Whether all ports of a network share one L2 broadcast domain.',
  attributes: { networks: { l2_adjacency: { allowPost: false, allowPut: false, storage: 'none' } } },
});
