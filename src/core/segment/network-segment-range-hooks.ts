import type { SegmentRangeRepo } from '../../store/repos/segment-range-repo.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import {
  BadRequest, NetworkSegmentRangeDefaultReadOnly, NetworkSegmentRangeNetTypeNotSupported, NetworkSegmentRangeOverlaps,
  NetworkSegmentRangeReferencedByProject, NetworkTunnelRangeError, NetworkVlanRangeError,
} from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/** Network types muon's allocator serves that may have ranges (Neutron also allows gre, which muon has no driver for). */
const SUPPORTED = ['vlan', 'vxlan', 'geneve'];
const TUNNEL_MAX = 2 ** 24 - 1;
/** More ids than this are not listed in `available` (a 2^24 VNI range would be a 150 MB answer). */
const AVAILABLE_LIST_MAX = 65536;

/**
 * Network segment ranges (Neutron's network_segment_range plugin): only
 * supported network types (400), VLAN ranges name a physical network (400),
 * valid bounds (400), no overlap with another non-default range of the same
 * kind (409); default ranges are read-only (400); a range holding segments
 * cannot be deleted, nor shrunk past them (409). Shared ranges have no
 * project.
 */
export function networkSegmentRangeHooks(repo: SegmentRangeRepo): ResourceHooks {
  return {
    async beforeCreate(tx, _ctx, values) {
      const type = values.network_type as string | undefined;
      if (type === undefined || !SUPPORTED.includes(type)) throw new NetworkSegmentRangeNetTypeNotSupported(String(type ?? null));
      values.physical_network = physicalNetworkOf(values);
      checkBounds(type, Number(values.minimum), Number(values.maximum));
      await checkOverlap(tx, values);
      values.default = false;
      if (values.shared === true) values.project_id = '';
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      const id = String(current.id);
      if (Number(current.is_default) === 1) throw new NetworkSegmentRangeDefaultReadOnly(id);
      const merged = { ...rangeOf(current), ...changes };
      const used = await repo.used(tx, String(current.network_type), String(current.physical_network), Number(current.minimum), Number(current.maximum));
      // Neutron's test, kept as it is: any new bound at or inside the used ids counts as impacting them.
      if (used.length > 0 && (Number(merged.minimum) >= used[0]!.id || Number(merged.maximum) <= used.at(-1)!.id)) {
        throw new NetworkSegmentRangeReferencedByProject(id);
      }
      checkBounds(String(current.network_type), Number(merged.minimum), Number(merged.maximum));
      await checkOverlap(tx, merged, id);
    },

    async beforeDelete(tx, _ctx, current) {
      const id = String(current.id);
      if (Number(current.is_default) === 1) throw new NetworkSegmentRangeDefaultReadOnly(id);
      const used = await repo.used(tx, String(current.network_type), String(current.physical_network), Number(current.minimum), Number(current.maximum));
      if (used.length > 0) throw new NetworkSegmentRangeReferencedByProject(id);
    },

    async extend(tx, _ctx, records) {
      for (const record of records) {
        const physnet = String(record.physical_network ?? '');
        const used = await repo.used(tx, String(record.network_type), physnet, Number(record.minimum), Number(record.maximum));
        record.used = Object.fromEntries(used.map((u) => [String(u.id), u.project]));
        record.available = available(Number(record.minimum), Number(record.maximum), used.map((u) => u.id));
        if (record.physical_network === '') record.physical_network = null;
        if (record.project_id === '') record.project_id = null;
      }
    },
  };

  async function checkOverlap(tx: Tx, range: ResourceRecord, self?: string): Promise<void> {
    const ids = (await repo.overlapping(tx, String(range.network_type), String(range.physical_network ?? ''), Number(range.minimum), Number(range.maximum)))
      .filter((id) => id !== self);
    if (ids.length > 0) throw new NetworkSegmentRangeOverlaps(ids.join(', '));
  }
}

/** VLAN ranges need a physical network; tunnel ranges are kept with ''. */
function physicalNetworkOf(values: ResourceRecord): string {
  if (values.network_type !== 'vlan') return '';
  const physnet = values.physical_network;
  if (typeof physnet !== 'string' || physnet === '') {
    throw new BadRequest("Bad network_segment_range request: Network type vlan requires 'physical_network' to be specified while creating new range.");
  }
  return physnet;
}

/** neutron-lib's verify_vlan_range / verify_tunnel_range. */
function checkBounds(type: string, minimum: number, maximum: number): void {
  const text = `${minimum}:${maximum}`;
  if (type === 'vlan') {
    for (const tag of [minimum, maximum]) if (tag < 1 || tag > 4094) throw new NetworkVlanRangeError(text, `${tag} is not a valid VLAN tag`);
    if (maximum < minimum) throw new NetworkVlanRangeError(text, 'End of VLAN range is less than start of VLAN range');
    return;
  }
  for (const ident of [minimum, maximum]) if (ident < 1 || ident > TUNNEL_MAX) throw new NetworkTunnelRangeError(text, `${ident} is not a valid ${type} identifier`);
  if (maximum < minimum) throw new NetworkTunnelRangeError(text, 'End of tunnel range is less than start of tunnel range');
}

function rangeOf(row: Row): ResourceRecord {
  return { network_type: row.network_type, physical_network: row.physical_network, minimum: Number(row.minimum), maximum: Number(row.maximum) };
}

/** The free ids of [minimum, maximum], ascending, at most AVAILABLE_LIST_MAX of them. */
function available(minimum: number, maximum: number, used: readonly number[]): number[] {
  const taken = new Set(used);
  const out: number[] = [];
  for (let id = minimum; id <= maximum && out.length < AVAILABLE_LIST_MAX; id++) if (!taken.has(id)) out.push(id);
  return out;
}
