import { defineResource } from '../types.ts';
import * as v from '../validators/index.ts';
import { booleanAttribute, ID, NAME, TENANT_ID } from './common.ts';

/** Core `ports` resource. MAC and fixed IP allocation happen in core/port. */
export const port = defineResource({
  name: 'port',
  collection: 'ports',
  path: 'ports',
  table: 'ports',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'port',
  attributes: {
    id: ID,
    name: NAME,
    network_id: { allowPost: true, allowPut: false, required: true, validate: v.uuid, filter: true, sort: true },
    admin_state_up: booleanAttribute(true),
    mac_address: { allowPost: true, allowPut: true, convert: v.toSanitizedMac, validate: v.macAddress, filter: true, sort: true, filterConvert: v.toSanitizedMac },
    fixed_ips: { allowPost: true, allowPut: true, convert: v.noneToEmptyList, validate: v.fixedIps, filter: true, storage: 'none' },
    device_id: { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(255), filter: true, sort: true },
    device_owner: { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(255), filter: true, sort: true },
    tenant_id: TENANT_ID,
    status: { allowPost: false, allowPut: false, filter: true, sort: true },
  },
});
