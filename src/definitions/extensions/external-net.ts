import { defineExtension } from '../types.ts';
import { booleanAttribute } from '../core/common.ts';

/** `router:external` on networks: usable for router gateways and floating IPs. */
export const externalNet = defineExtension({
  alias: 'external-net', name: 'Neutron external network', updated: '2013-01-14T10:00:00-00:00',
  description: 'Marks networks as external (router:external).',
  attributes: { networks: { 'router:external': booleanAttribute(false, { sort: false }) } },
});
