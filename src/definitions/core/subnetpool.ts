import { defineResource } from '../types.ts';
import * as v from '../validators/index.ts';
import { booleanAttribute, ID, TENANT_ID } from './common.ts';

/** Core `subnetpools` resource (subnet_allocation). Prefix carving lives in core/subnetpool. */
export const subnetpool = defineResource({
  name: 'subnetpool',
  collection: 'subnetpools',
  path: 'subnetpools',
  table: 'subnetpools',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'subnetpool',
  attributes: {
    id: ID,
    name: { allowPost: true, allowPut: true, required: true, validate: v.notEmptyNameString, filter: true, sort: true },
    tenant_id: TENANT_ID,
    prefixes: { allowPost: true, allowPut: true, required: true, validate: v.subnetList, storage: 'json' },
    default_quota: { allowPost: true, allowPut: true, convert: v.toIntOrNone, validate: v.nonNegativeOrNone, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    ip_version: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    default_prefixlen: { allowPost: true, allowPut: true, convert: v.toInt, validate: v.nonNegative, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    min_prefixlen: { allowPost: true, allowPut: true, convert: v.toInt, validate: v.nonNegative, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    max_prefixlen: { allowPost: true, allowPut: true, convert: v.toInt, validate: v.nonNegative, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    is_default: booleanAttribute(false),
    shared: booleanAttribute(false, { allowPut: false }),
  },
});
