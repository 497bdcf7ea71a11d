import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** Neutron lets any empty value through its list validator ({} included); store every empty value as []. */
function emptyToList(value: unknown): unknown {
  if (value === null || (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0)) return [];
  return value;
}

/** service_types on subnets: which device owners may take addresses from a subnet. */
export const subnetServiceTypes = defineExtension({
  alias: 'subnet-service-types', name: 'Subnet service types', updated: '2016-03-15T18:00:00-00:00',
  description: 'Subnets restricted to ports of given device owners.',
  attributes: {
    subnets: { service_types: { allowPost: true, allowPut: true, default: [], convert: emptyToList, validate: v.subnetServiceTypes, storage: 'json' } },
  },
});
