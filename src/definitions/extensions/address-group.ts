import { COMPUTED, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * Address groups: named sets of CIDRs that security group rules can match
 * (`remote_address_group_id`). Addresses are changed only through the
 * add_addresses / remove_addresses actions. Description, timestamps and
 * revision but no tags (Neutron's model has no tag support).
 */
export const addressGroupResource = defineResource({
  name: 'address_group',
  collection: 'address_groups',
  path: 'address-groups',
  table: 'address_groups',
  standardAttributes: false,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    name: NAME,
    tenant_id: TENANT_ID,
    description: { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(1024), filter: true, sort: true },
    addresses: { ...COMPUTED, allowPost: true, convert: v.noneToEmptyList, validate: v.subnetList },
    created_at: { allowPost: false, allowPut: false, sort: true },
    updated_at: { allowPost: false, allowPut: false, sort: true },
    revision_number: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    // Shared with the caller through RBAC (rbac-address-group): read by the policy, never shown (as in Neutron).
    shared: { ...COMPUTED, visible: false },
  },
});

export const addressGroup = defineExtension({
  alias: 'address-group', name: 'Address group', updated: '2020-07-15T10:00:00-00:00',
  description: 'Address groups (sets of CIDRs) for security group rules, with add_addresses and remove_addresses actions.',
  requires: ['security-group'],
  resources: [addressGroupResource],
});
