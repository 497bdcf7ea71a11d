import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** GET /availability_zones: the configured zones and those agents report (core/agent/availability-zones.ts). */
export const availabilityZone = defineExtension({
  alias: 'availability_zone', name: 'Availability Zone', updated: '2015-01-01T10:00:00-00:00',
  description: 'The availability zones known to the service.',
});

/** availability_zone_hints (stored, handed to schedulers) and availability_zones (where the network is) on networks. */
export const networkAvailabilityZone = defineExtension({
  alias: 'network_availability_zone', name: 'Network Availability Zone', updated: '2015-01-01T10:00:00-00:00',
  description: 'Availability zone hints of networks.',
  requires: ['availability_zone'],
  attributes: {
    networks: {
      availability_zone_hints: { allowPost: true, allowPut: false, default: [], convert: v.noneToEmptyList, validate: v.availabilityZoneHints, storage: 'json' },
      availability_zones: { allowPost: false, allowPut: false, storage: 'none' },
    },
  },
});

/** availability_zone_hints and availability_zones on routers, as on networks. */
export const routerAvailabilityZone = defineExtension({
  alias: 'router_availability_zone', name: 'Router Availability Zone', updated: '2015-01-01T10:00:00-00:00',
  description: 'Availability zone support for router.',
  requires: ['router', 'availability_zone'],
  attributes: {
    routers: {
      availability_zone_hints: { allowPost: true, allowPut: false, default: [], convert: v.noneToEmptyList, validate: v.availabilityZoneHints, storage: 'json' },
      availability_zones: { allowPost: false, allowPut: false, storage: 'none' },
    },
  },
});
