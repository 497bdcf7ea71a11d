import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** Subnets may take their CIDR from a subnet pool (subnetpool_id + prefixlen). */
export const subnetAllocation = defineExtension({
  alias: 'subnet_allocation', name: 'Subnet Allocation', updated: '2015-03-30T10:00:00-00:00',
  description: 'Subnets allocated from subnet pools.',
});

/** use_default_subnetpool on subnet create. */
export const defaultSubnetpools = defineExtension({
  alias: 'default-subnetpools', name: 'Default Subnetpools', updated: '2016-02-18T18:00:00-00:00',
  description: 'Subnets can ask for the default subnet pool of their IP version.',
  requires: ['subnet_allocation'],
  attributes: {
    subnets: { use_default_subnetpool: { allowPost: true, allowPut: false, default: false, convert: v.toBoolean, visible: false, storage: 'none' } },
  },
});
