import { defineResource } from '../types.ts';
import { booleanAttribute, COMPUTED, ID, NAME, TENANT_ID } from './common.ts';

/** Core `networks` resource (neutron-lib `network`). Extensions add provider:*, mtu, … */
export const network = defineResource({
  name: 'network',
  collection: 'networks',
  path: 'networks',
  table: 'networks',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  quotaResource: 'network',
  attributes: {
    id: ID,
    name: NAME,
    subnets: COMPUTED,
    admin_state_up: booleanAttribute(true),
    status: { allowPost: false, allowPut: false, filter: true, sort: true },
    tenant_id: TENANT_ID,
    shared: booleanAttribute(false, { sort: false }),
  },
});
