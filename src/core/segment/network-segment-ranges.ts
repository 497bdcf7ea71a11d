import type { SegmentRangeRepo } from '../../store/repos/segment-range-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { SegmentSettings, TenantRanges } from '../network/segment-allocator.ts';

/**
 * The segment allocator's view of network segment ranges: a project's
 * tenant segment takes the lowest free id of its own ranges, then of shared
 * ones (Neutron's type drivers with the network-segment-range plugin); the
 * configured ranges are mirrored as read-only default ranges.
 */
export function networkSegmentRanges(repo: SegmentRangeRepo): TenantRanges {
  return {
    async pick(tx: Tx, projectId: string, networkType: string, physicalNetwork: string | null) {
      for (const range of await repo.candidates(tx, projectId, networkType, physicalNetwork)) {
        const used = await repo.used(tx, networkType, range.physical_network, range.minimum, range.maximum);
        const free = lowestFree(range.minimum, range.maximum, used.map((u) => u.id));
        if (free !== undefined) return { physical_network: range.physical_network, segmentation_id: free };
      }
      return undefined;
    },

    async syncDefaults(tx: Tx, settings: SegmentSettings) {
      const wanted = [
        ...[...settings.vlanRanges].flatMap(([physnet, ranges]) => ranges.map((r) => ({ network_type: 'vlan', physical_network: physnet, minimum: Number(r.first), maximum: Number(r.last) }))),
        ...settings.vxlanRanges.map((r) => ({ network_type: 'vxlan', physical_network: '', minimum: Number(r.first), maximum: Number(r.last) })),
        ...settings.geneveRanges.map((r) => ({ network_type: 'geneve', physical_network: '', minimum: Number(r.first), maximum: Number(r.last) })),
      ];
      await repo.syncDefaults(tx, wanted);
    },
  };
}

/** The lowest value of [minimum, maximum] not in `used` (ascending). */
export function lowestFree(minimum: number, maximum: number, used: readonly number[]): number | undefined {
  let candidate = minimum;
  for (const id of used) {
    if (id < candidate) continue;
    if (id > candidate) break;
    candidate = id + 1;
  }
  return candidate <= maximum ? candidate : undefined;
}
