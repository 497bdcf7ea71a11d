import { defineExtension } from '../types.ts';

/** `normalized_cidr`: a rule's remote_ip_prefix with its host bits cleared. */
export const securityGroupsNormalizedCidr = defineExtension({
  alias: 'security-groups-normalized-cidr', name: 'Normalized CIDR field for security group rules', updated: '2020-07-28T10:00:00-00:00',
  description: 'normalized_cidr on security group rules: remote_ip_prefix without host bits.',
  requires: ['security-group'],
  attributes: { security_group_rules: { normalized_cidr: { allowPost: false, allowPut: false, filter: true, sort: true } } },
});
