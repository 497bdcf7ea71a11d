import type { ExtensionDefinition } from '../../definitions/index.ts';

/**
 * The service plugin each extension alias stands for (Neutron's
 * `get_plugin_type()` of the plugin that brings it). A flavor's
 * service_type must name one of the plugins the server runs (neutron-lib's
 * `type:service_plugin_type`); muon has no plugins, so the extensions it
 * serves say which Neutron would have loaded. CORE is always there.
 */
const PLUGIN_OF_ALIAS: Readonly<Record<string, string>> = {
  router: 'L3_ROUTER_NAT',
  flavors: 'FLAVORS',
  qos: 'QOS',
  segment: 'segments',
  trunk: 'trunk',
  'floating-ip-port-forwarding': 'PORTFORWARDING',
  'network-segment-range': 'NETWORK_SEGMENT_RANGE',
  'auto-allocated-topology': 'auto-allocated-topology',
  'network-ip-availability': 'network-ip-availability',
  'standard-attr-revisions': 'revision_plugin',
  'standard-attr-timestamp': 'timestamp',
  'standard-attr-tag': 'TAG',
};

/** The service types flavors may be made for, given the extensions served. Pure. */
export function offeredServiceTypes(extensions: readonly ExtensionDefinition[]): ReadonlySet<string> {
  const types = new Set(['CORE']);
  for (const extension of extensions) {
    const plugin = PLUGIN_OF_ALIAS[extension.alias];
    if (plugin !== undefined) types.add(plugin);
  }
  return types;
}
