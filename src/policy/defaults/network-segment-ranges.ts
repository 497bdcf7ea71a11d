import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN } from './base.ts';

/** Network segment ranges: the cloud administrator's alone, tags included (neutron/conf/policies/network_segment_range.py). */
export const networkSegmentRangePolicy: ResourcePolicy = {
  resource: 'network_segment_range',
  rules: {
    create_network_segment_range: ADMIN,
    get_network_segment_range: ADMIN,
    update_network_segment_range: ADMIN,
    delete_network_segment_range: ADMIN,
    'create_network_segment_range:tags': ADMIN,
    'get_network_segment_range:tags': ADMIN,
    'update_network_segment_range:tags': ADMIN,
    'delete_network_segment_range:tags': ADMIN,
  },
};
