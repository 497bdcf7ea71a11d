import { COMPUTED, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** neutron-lib's NETWORK_SEGMENT_RANGE_LIMIT: GRE's id space, the widest. */
const RANGE_LIMIT = v.range(1, 2 ** 32 - 1);

/**
 * Network segment ranges (admin only): where tenant networks' segmentation
 * ids come from. The configured ranges appear as read-only `default` ones
 * (shared); admins add shared ranges or ranges of one project, which that
 * project's networks draw from first. `used` maps segmentation ids in the
 * range to the project of their network, `available` lists the free ids.
 */
export const networkSegmentRangeResource = defineResource({
  name: 'network_segment_range',
  collection: 'network_segment_ranges',
  path: 'network-segment-ranges',
  table: 'network_segment_ranges',
  standardAttributes: true,
  bulk: false,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    name: NAME,
    // Neutron shows project_id only (null for shared ranges).
    tenant_id: { ...TENANT_ID, visible: false },
    default: { allowPost: false, allowPut: false, column: 'is_default', storage: 'boolean', filter: true, filterConvert: v.toBoolean },
    shared: { allowPost: true, allowPut: false, default: true, convert: v.toBoolean, storage: 'boolean', filter: true, filterConvert: v.toBoolean },
    network_type: { allowPost: true, allowPut: false, validate: v.values(['vlan', 'vxlan', 'gre', 'geneve']), filter: true, sort: true },
    // Stored '' for tunnel types; shown null.
    physical_network: { allowPost: true, allowPut: false, validate: v.stringOrNone(64), filter: true, sort: true },
    minimum: { allowPost: true, allowPut: true, required: true, convert: v.toInt, validate: RANGE_LIMIT, storage: 'integer', sort: true },
    maximum: { allowPost: true, allowPut: true, required: true, convert: v.toInt, validate: RANGE_LIMIT, storage: 'integer', sort: true },
    used: COMPUTED,
    available: COMPUTED,
  },
});

export const networkSegmentRange = defineExtension({
  alias: 'network-segment-range', name: 'Neutron Network Segment Range', updated: '2018-11-29T00:00:00-00:00',
  description: 'Provides support for the network segment range management',
  requires: ['provider'],
  resources: [networkSegmentRangeResource],
});
