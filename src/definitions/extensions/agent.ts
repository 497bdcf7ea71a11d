import { ID, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * Agents (admins only): what the per-host agents and drivers report about
 * themselves — type, binary, host, configuration, heartbeat. Agents report
 * through core (core/agent/agent-registry.ts); the API reads, changes
 * admin_state_up and description, and deletes. `alive` is computed from the
 * heartbeat.
 */
export const agentResource = defineResource({
  name: 'agent',
  collection: 'agents',
  path: 'agents',
  table: 'agents',
  standardAttributes: false,
  bulk: false,
  operations: ['show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    tenant_id: { ...TENANT_ID, allowPost: false, visible: false },
    agent_type: { allowPost: false, allowPut: false, filter: true, sort: true },
    binary: { allowPost: false, allowPut: false, filter: true, sort: true },
    topic: { allowPost: false, allowPut: false, filter: true, sort: true },
    host: { allowPost: false, allowPut: false, filter: true, sort: true },
    admin_state_up: { allowPost: false, allowPut: true, convert: v.toBoolean, filter: true, sort: true, storage: 'boolean', filterConvert: v.toBoolean },
    created_at: { allowPost: false, allowPut: false },
    started_at: { allowPost: false, allowPut: false },
    heartbeat_timestamp: { allowPost: false, allowPut: false },
    alive: { allowPost: false, allowPut: false, storage: 'none' },
    configurations: { allowPost: false, allowPut: false, storage: 'json' },
    description: { allowPost: false, allowPut: true, validate: v.stringOrNone(255), filter: true },
    availability_zone: { allowPost: false, allowPut: false, filter: true },
  },
});

export const agent = defineExtension({
  alias: 'agent', name: 'agent', updated: '2013-02-03T10:00:00-00:00',
  description: 'The agent management extension.',
  resources: [agentResource],
  // An agent belongs to no project: the project-id extension's project_id is hidden again.
  attributes: { agents: { project_id: { ...TENANT_ID, allowPost: false, visible: false } } },
});

/** GET /v2.0/service-providers: the configured providers of advanced services. */
export const serviceType = defineExtension({
  alias: 'service-type', name: 'Neutron Service Type Management', updated: '2013-01-20T00:00:00-00:00',
  description: 'API for retrieving service providers for Neutron advanced services',
});
