import { booleanAttribute, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/** neutron-lib's LOG_EVENTS: which packets a log records (those its ACLs accept, drop, or both). */
export const LOG_EVENTS = ['ACCEPT', 'DROP', 'ALL'] as const;

/**
 * Network logs (`/v2.0/log/logs`): packet logging of security groups. A log
 * names what it covers — a security group (`resource_id`), a port
 * (`target_id`: that port's groups), both, or neither (every group of the
 * cloud) — and which `event`s it records. Standard attributes without tags
 * (Neutron's model has no tag support), hence `standardAttributes: false`
 * and the columns declared here; `project_id` only, as Neutron shows it.
 * Only name, description and enabled change after create. Behaviour in
 * core/log; the OVN driver sets the ACLs' log columns.
 */
export const logResource = defineResource({
  name: 'log',
  collection: 'logs',
  path: 'log/logs',
  table: 'logs',
  standardAttributes: false,
  bulk: false,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    tenant_id: { ...TENANT_ID, visible: false },
    name: NAME,
    description: { allowPost: true, allowPut: true, default: '', validate: v.stringValidator(255), filter: true, sort: true },
    resource_type: { allowPost: true, allowPut: false, required: true, validate: v.stringValidator(255), filter: true, sort: true },
    resource_id: { allowPost: true, allowPut: false, default: null, validate: v.uuidOrNone, filter: true, sort: true },
    event: { allowPost: true, allowPut: false, default: 'ALL', validate: v.values(LOG_EVENTS), filter: true },
    target_id: { allowPost: true, allowPut: false, default: null, validate: v.uuidOrNone, filter: true, sort: true },
    enabled: booleanAttribute(true),
    created_at: { allowPost: false, allowPut: false, sort: true },
    updated_at: { allowPost: false, allowPut: false, sort: true },
    revision_number: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
  },
});

/**
 * The logging extension: logs, and `GET /v2.0/log/loggable-resources` (the
 * resource types the backend can log, `[{"type": "security_group"}]`;
 * computed, its route is hand-written).
 */
export const logging = defineExtension({
  alias: 'logging', name: 'Logging API Extension', updated: '2017-01-01T10:00:00-00:00',
  description: 'Provides a logging API for resources such as security group and firewall.',
  resources: [logResource],
});
