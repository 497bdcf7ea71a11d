import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** `stateful` on security groups: stateless groups need explicit rules for return traffic. */
export const statefulSecurityGroup = defineExtension({
  alias: 'stateful-security-group', name: 'Stateful security group', updated: '2019-11-26T09:00:00-00:00',
  description: 'Security groups are stateful (connection tracking) or stateless.',
  requires: ['security-group'],
  attributes: { security_groups: { stateful: { allowPost: true, allowPut: true, default: true, convert: v.toBoolean, filter: true, storage: 'boolean' } } },
});
