import { defineExtension } from '../types.ts';

/**
 * Ports' read-only `resource_request`: what Nova must ask Placement for so
 * that the port's QoS minimum bandwidth and minimum packet rate guarantees
 * can be met on the host it lands on (null when nothing applies). Computed by
 * core/qos/port-resource-request-hooks.ts; admins only (get_port:resource_request).
 */
export const portResourceRequest = defineExtension({
  alias: 'port-resource-request', name: 'Port Resource Request', updated: '2018-05-08T10:00:00-00:00',
  description: 'Expose resource request to Port',
  attributes: {
    ports: { resource_request: { allowPost: false, allowPut: false, storage: 'none' } },
  },
});

/**
 * A shim: `resource_request` has the request-groups format
 * (`{request_groups: [...], same_subtree: [...]}`), one group per kind of
 * minimum rule, rather than the single `{required, resources}` of old.
 */
export const portResourceRequestGroups = defineExtension({
  alias: 'port-resource-request-groups', name: 'Port Resource Request Groups', updated: '2021-08-02T10:00:00-00:00',
  description: 'Support requesting multiple groups of resources and traits from the same RP subtree in resource_request',
  requires: ['port-resource-request'],
});
