import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN } from './base.ts';

/** Segments: the cloud administrator's alone (neutron/conf/policies/segment.py). */
export const segmentPolicy: ResourcePolicy = {
  resource: 'segment',
  rules: {
    create_segment: ADMIN,
    get_segment: ADMIN,
    update_segment: ADMIN,
    delete_segment: ADMIN,
  },
};
