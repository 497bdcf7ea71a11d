import { booleanAttribute, ID, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** Address scopes: subnet pools in one scope never overlap; routing between scopes is not NATed. */
export const addressScopeResource = defineResource({
  name: 'address_scope',
  collection: 'address_scopes',
  path: 'address-scopes',
  table: 'address_scopes',
  standardAttributes: false,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'address_scope',
  attributes: {
    id: ID,
    name: { allowPost: true, allowPut: true, required: true, validate: v.nameString(255), filter: true, sort: true },
    tenant_id: TENANT_ID,
    shared: booleanAttribute(false),
    ip_version: { allowPost: true, allowPut: false, required: true, convert: v.toInt, validate: v.values([4, 6]), filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
  },
});

export const addressScope = defineExtension({
  alias: 'address-scope', name: 'Address scope', updated: '2015-07-26T10:00:00-00:00',
  description: 'Address scopes, the scope of subnet pools and of the networks using them.',
  resources: [addressScopeResource],
  attributes: {
    subnetpools: { address_scope_id: { allowPost: true, allowPut: true, validate: v.uuidOrNone, filter: true, sort: true } },
    networks: {
      ipv4_address_scope: { allowPost: false, allowPut: false, storage: 'none' },
      ipv6_address_scope: { allowPost: false, allowPut: false, storage: 'none' },
    },
  },
});
