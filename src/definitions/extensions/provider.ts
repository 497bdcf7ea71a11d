import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * provider:* on networks. Not stored on the network row: they describe its
 * single segment (network_segments table). Admin-only to set and to see.
 */
export const provider = defineExtension({
  alias: 'provider', name: 'Provider Network', updated: '2012-09-07T10:00:00-00:00',
  description: 'The physical mapping of a network: type, physical network and segmentation id.',
  attributes: {
    networks: {
      'provider:network_type': { allowPost: true, allowPut: true, validate: v.stringValidator(32), filter: true, storage: 'none' },
      'provider:physical_network': { allowPost: true, allowPut: true, validate: v.stringOrNone(64), filter: true, storage: 'none' },
      'provider:segmentation_id': { allowPost: true, allowPut: true, convert: v.toIntOrNone, filter: true, storage: 'none', filterConvert: v.toInt },
    },
  },
});
