import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * extra_dhcp_opts on ports. Values end up in dnsmasq and OVN DHCP options,
 * so validation is strict (OSSA-2021-005: no line breaks or control characters).
 */
export const extraDhcpOpt = defineExtension({
  alias: 'extra_dhcp_opt', name: 'Neutron Extra DHCP options', updated: '2013-03-17T12:00:00-00:00',
  description: 'Additional DHCP options per port (PXE boot, MTU, …).',
  attributes: {
    ports: { extra_dhcp_opts: { allowPost: true, allowPut: true, convert: v.noneToEmptyList, validate: v.extraDhcpOpts({ allowNullValue: true }), storage: 'none' } },
  },
});
