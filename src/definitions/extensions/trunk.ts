import { booleanAttribute, COMPUTED, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * Trunks: a parent port carrying the traffic of subports, each told apart
 * by a VLAN id (or the one its network has, `inherit`). Subports change only
 * through the add_subports / remove_subports actions. Behaviour in core/trunk.
 */
export const trunkResource = defineResource({
  name: 'trunk',
  collection: 'trunks',
  path: 'trunks',
  table: 'trunks',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    name: NAME,
    tenant_id: TENANT_ID,
    admin_state_up: booleanAttribute(true),
    port_id: { allowPost: true, allowPut: false, required: true, validate: v.uuid, filter: true, sort: true },
    status: { allowPost: false, allowPut: false, filter: true, sort: true },
    sub_ports: { ...COMPUTED, allowPost: true, default: [], validate: v.subports },
  },
});

export const trunk = defineExtension({
  alias: 'trunk', name: 'Trunk Extension', updated: '2016-01-01T10:00:00-00:00',
  description: 'Provides support for trunk ports',
  requires: ['binding'],
  resources: [trunkResource],
});

/** trunk_details on a trunk's parent port: the trunk and its subports with their MACs. */
export const trunkDetails = defineExtension({
  alias: 'trunk-details', name: 'Trunk port details', updated: '2016-01-01T10:00:00-00:00',
  description: 'Expose trunk port details',
  requires: ['trunk'],
  attributes: { ports: { trunk_details: COMPUTED } },
});
