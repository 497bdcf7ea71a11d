import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/** `remote_address_group_id`: a rule may match the addresses of an address group. */
export const securityGroupsRemoteAddressGroup = defineExtension({
  alias: 'security-groups-remote-address-group', name: 'Remote address group id field for security group rules', updated: '2020-08-25T10:00:00-00:00',
  description: 'remote_address_group_id on security group rules: match the addresses of an address group.',
  requires: ['security-group'],
  attributes: {
    security_group_rules: { remote_address_group_id: { allowPost: true, allowPut: false, default: null, validate: v.stringOrNone(36), filter: true, sort: true } },
  },
});
