/** The MTU-related settings (Neutron's global_physnet_mtu, path_mtu, physical_network_mtus). */
export interface MtuSettings {
  readonly globalPhysnetMtu: number;
  readonly pathMtu: number;
  readonly physicalNetworkMtus: Readonly<Record<string, number>>;
  readonly geneveMaxHeaderSize: number;
}

const IPV4_HEADER = 20;
const VXLAN_HEADER = 30;

/**
 * Largest MTU a segment of this type can carry (semantics.md §10): flat and
 * VLAN get the physical network's MTU (the tag is not subtracted); tunnels
 * lose the outer IPv4 header plus their own encapsulation.
 */
export function segmentMtu(settings: MtuSettings, networkType: string, physicalNetwork: string | null): number {
  const underlay = settings.pathMtu > 0 ? Math.min(settings.globalPhysnetMtu, settings.pathMtu) : settings.globalPhysnetMtu;
  switch (networkType) {
    case 'flat':
    case 'vlan':
      return Math.min(settings.globalPhysnetMtu, (physicalNetwork && settings.physicalNetworkMtus[physicalNetwork]) || settings.globalPhysnetMtu);
    case 'vxlan':
      return underlay - IPV4_HEADER - VXLAN_HEADER;
    case 'geneve':
      return underlay - IPV4_HEADER - settings.geneveMaxHeaderSize;
    default:
      return settings.globalPhysnetMtu;
  }
}

/** A network's MTU is the smallest of its segments'. */
export function networkMtu(settings: MtuSettings, segments: ReadonlyArray<{ network_type: string; physical_network: string | null }>): number {
  if (segments.length === 0) return settings.globalPhysnetMtu;
  return Math.min(...segments.map((s) => segmentMtu(settings, s.network_type, s.physical_network)));
}
