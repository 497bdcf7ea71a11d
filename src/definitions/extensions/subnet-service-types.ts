import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** service_types on subnets: which device owners may take addresses from a subnet. */
export const subnetServiceTypes = defineExtension({
  alias: 'subnet-service-types', name: 'Subnet service types', updated: '2016-03-15T18:00:00-00:00',
  description: 'Subnets restricted to ports of given device owners.',
  attributes: {
    subnets: { service_types: { allowPost: true, allowPut: true, default: [], convert: v.noneToEmptyList, validate: v.subnetServiceTypes, storage: 'json' } },
  },
});
