import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** `mtu` on networks, computed from the segment types and the underlay MTU. */
export const netMtu = defineExtension({
  alias: 'net-mtu', name: 'Network MTU', updated: '2015-03-25T10:00:00-00:00',
  description: 'The MTU of each network.',
  attributes: { networks: { mtu: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt } } },
});

/** Makes `mtu` settable (no higher than what the segments allow). */
export const netMtuWritable = defineExtension({
  alias: 'net-mtu-writable', name: 'Network MTU (writable)', updated: '2017-07-12T00:00:00-00:00',
  description: 'Networks accept an mtu lower than the maximum their segments allow.',
  requires: ['net-mtu'],
  attributes: { networks: { mtu: { allowPost: true, allowPut: true, convert: v.toInt, validate: v.range(68, 65535), filter: true, sort: true, storage: 'integer', filterConvert: v.toInt } } },
});
