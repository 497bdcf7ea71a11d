import { defineExtension } from '../types.ts';
import { booleanAttribute } from '../core/common.ts';

/** port_security_enabled on networks (inherited by new ports) and on ports. */
export const portSecurity = defineExtension({
  alias: 'port-security', name: 'Port Security', updated: '2012-07-23T10:00:00-00:00',
  description: 'Anti-spoofing and security-group enforcement can be switched off per network or port.',
  attributes: {
    networks: { port_security_enabled: booleanAttribute(true, { filter: false, sort: false }) },
    ports: { port_security_enabled: { ...booleanAttribute(true, { filter: false, sort: false }), default: undefined } },
  },
});
