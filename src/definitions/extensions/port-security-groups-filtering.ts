import { defineExtension } from '../types.ts';

/** Shim: `GET /v2.0/ports?security_groups=<id>`. */
export const portSecurityGroupsFiltering = defineExtension({
  alias: 'port-security-groups-filtering', name: 'Port filtering on security groups', updated: '2018-01-09T09:00:00-00:00',
  description: 'Ports can be listed by security group (security_groups=<id>).',
});
