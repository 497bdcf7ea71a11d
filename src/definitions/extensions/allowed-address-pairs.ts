import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** Extra (IP, MAC) pairs a port may send from (VRRP, VIPs). */
export const allowedAddressPairs = defineExtension({
  alias: 'allowed-address-pairs', name: 'Allowed Address Pairs', updated: '2013-07-23T10:00:00-00:00',
  description: 'Additional IP/MAC pairs allowed through anti-spoofing on a port.',
  attributes: {
    ports: { allowed_address_pairs: { allowPost: true, allowPut: true, convert: v.noneToEmptyList, validate: v.allowedAddressPairs, storage: 'json' } },
  },
});
