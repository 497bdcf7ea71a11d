import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';
import { GATEWAY_KEYS } from './router.ts';

/** enable_snat inside a router's external_gateway_info (default true; setting it is the administrator's). */
export const extGwMode = defineExtension({
  alias: 'ext-gw-mode', name: 'Neutron L3 Configurable external gateway mode', updated: '2013-03-28T10:00:00-00:00',
  description: 'Extension of the router abstraction for specifying whether SNAT should occur on the external gateway',
  requires: ['router'],
  attributes: {
    routers: {
      external_gateway_info: {
        allowPost: true, allowPut: true, default: null, convert: v.toGatewayInfo, validate: v.gatewayInfo([...GATEWAY_KEYS, 'enable_snat']), storage: 'none',
      },
    },
  },
});
