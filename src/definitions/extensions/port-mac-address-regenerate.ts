import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * `mac_address: null` on a port update asks for a fresh MAC from the base
 * (core/port/port-hooks.ts), as Neutron's extension of the same name; on
 * create, null is the same as leaving it out. Who may change a MAC is still
 * `update_port:mac_address` (the network owner's manager, admin, service).
 */
export const portMacAddressRegenerate = defineExtension({
  alias: 'port-mac-address-regenerate', name: 'Neutron Port MAC address regenerate', updated: '2018-05-03T10:00:00-00:00',
  description: 'Network port MAC address regenerate',
  attributes: {
    ports: { mac_address: { allowPost: true, allowPut: true, convert: v.toSanitizedMac, validate: v.macAddressOrNone, filter: true, sort: true, filterConvert: v.toSanitizedMac } },
  },
});
