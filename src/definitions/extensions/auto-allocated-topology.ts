import { defineExtension } from '../types.ts';
import { booleanAttribute } from '../core/common.ts';

/**
 * Get-me-a-network: `GET /v2.0/auto-allocated-topology/{project_id}` builds
 * (once) a project's network, subnets from the default subnet pools and a
 * router uplinked to the default external network; `is_default` on networks
 * names that external network (admin only, at most one). The sub-resource
 * has hand-written routes (api/routes/auto-allocate-routes.ts).
 */
export const autoAllocatedTopology = defineExtension({
  alias: 'auto-allocated-topology', name: 'Auto Allocated Topology Services', updated: '2016-01-01T00:00:00-00:00',
  description: 'Auto Allocated Topology Services.',
  requires: ['router', 'subnet_allocation', 'external-net'],
  attributes: { networks: { is_default: booleanAttribute(false, { sort: false }) } },
});
