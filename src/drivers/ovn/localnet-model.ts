import type { SegmentView } from '../driver.ts';
import type { PortSpec } from './ovn-model.ts';

/*
 * Provider networks meet the physical network through a `localnet` switch
 * port per flat or VLAN segment, named and set as ML2/OVN does:
 * `provnet-<segment id>`, addresses `unknown`, options network_name = the
 * physical network (ovn-controller maps it to a bridge through
 * ovn-bridge-mappings), tag = the VLAN id. Pure.
 */

export const PROVNET_PREFIX = 'provnet-';

/** The localnet port of a segment. */
export function localnetPortName(segmentId: string): string {
  return `${PROVNET_PREFIX}${segmentId}`;
}

/** The segment id of a localnet port muon names, or undefined. */
export function segmentIdOf(portName: string): string | undefined {
  return portName.startsWith(PROVNET_PREFIX) ? portName.slice(PROVNET_PREFIX.length) : undefined;
}

/** Segment types that reach a physical network (tunnelled ones do not). */
const PHYSICAL_TYPES = new Set(['flat', 'vlan']);

/** The localnet port of a segment, or undefined for segments with no physical network. */
export function desiredLocalnetPort(segment: SegmentView): PortSpec | undefined {
  if (!PHYSICAL_TYPES.has(segment.network_type) || !segment.physical_network) return undefined;
  return {
    name: localnetPortName(segment.id),
    type: 'localnet',
    addresses: ['unknown'],
    port_security: [],
    enabled: true,
    external_ids: {},
    options: { network_name: segment.physical_network, mcast_flood_reports: 'true', mcast_flood: 'false', localnet_learn_fdb: 'false' },
    tag: segment.network_type === 'vlan' ? segment.segmentation_id : null,
  };
}
