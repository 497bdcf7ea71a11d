import type { Range } from '../../ipam/interval-set.ts';
import { IntervalSet } from '../../ipam/interval-set.ts';
import type { FreeRangeRepo } from '../../store/repos/free-range-repo.ts';
import type { SegmentRepo } from '../../store/repos/segment-repo.ts';
import type { Tx } from '../../store/store.ts';
import { FlatNetworkInUse, InvalidInput, NoNetworkAvailable, TunnelIdInUse, VlanIdInUse } from '../errors.ts';

/** A segment as requested through provider:* or segments (null = let muon choose). */
export interface SegmentRequest {
  network_type?: string | null;
  physical_network?: string | null;
  segmentation_id?: number | null;
}

/** A segment with everything decided. physical_network '' and segmentation_id 0 mean "none". */
export interface Segment {
  network_type: string;
  physical_network: string;
  segmentation_id: number;
}

/** Configured segmentation ranges (network_vlan_ranges, vni_ranges …). */
export interface SegmentSettings {
  readonly tenantNetworkTypes: readonly string[];
  readonly flatNetworks: readonly string[];
  /** physnet → tenant VLAN ranges (empty list = provider-only physnet). */
  readonly vlanRanges: ReadonlyMap<string, Range[]>;
  readonly vxlanRanges: readonly Range[];
  readonly geneveRanges: readonly Range[];
}

/**
 * Network segment ranges besides the configured ones (network-segment-range):
 * where a project's tenant segments come from first.
 */
export interface TenantRanges {
  /** A free id for `projectId` of its own ranges, then of shared ones; undefined when they have none free. */
  pick(tx: Tx, projectId: string, networkType: string, physicalNetwork: string | null): Promise<{ physical_network: string; segmentation_id: number } | undefined>;
  /** Makes the read-only default ranges equal the configured ones (start-up). */
  syncDefaults(tx: Tx, settings: SegmentSettings): Promise<void>;
}

const TUNNEL_MAX: Record<string, number> = { vxlan: 2 ** 24 - 1, geneve: 2 ** 24 - 1 };
const TYPES = ['local', 'flat', 'vlan', 'vxlan', 'geneve'];

/**
 * Chooses and reserves segmentation ids, Neutron ML2 type-driver style.
 * Tenant ids come from configured ranges kept as free intervals (the same
 * mechanism as IPAM), so allocation cost does not grow with use; an admin
 * may pin any valid id, inside or outside the ranges. Runs inside the
 * request's transaction.
 */
export class SegmentAllocator {
  private ranges: TenantRanges | undefined;

  constructor(private readonly free: FreeRangeRepo, private readonly segments: SegmentRepo, private readonly settings: SegmentSettings) {}

  /** Lets project and shared segment ranges take part (wired once, by createServices). */
  useRanges(ranges: TenantRanges): void {
    this.ranges = ranges;
  }

  /** Makes the stored free ranges equal "configured minus used", and the default segment ranges the configured ones (start-up; idempotent). */
  async sync(tx: Tx): Promise<void> {
    await this.ranges?.syncDefaults(tx, this.settings);
    const pools: Array<[string, string, string, readonly Range[]]> = [
      ['vxlan', 'vxlan', '', this.settings.vxlanRanges],
      ['geneve', 'geneve', '', this.settings.geneveRanges],
      ...[...this.settings.vlanRanges].map(([physnet, ranges]) => [`vlan:${physnet}`, 'vlan', physnet, ranges] as [string, string, string, Range[]]),
    ];
    for (const [pool, type, physnet, ranges] of pools) {
      const used = (await this.segments.usedIds(tx, type, physnet)).map((id) => ({ first: BigInt(id), last: BigInt(id) }));
      const wanted = IntervalSet.of([...ranges]).subtract(IntervalSet.of(used)).ranges();
      const current = IntervalSet.of(await this.free.ranges(tx, pool)).ranges();
      if (JSON.stringify(wanted, bigintJson) !== JSON.stringify(current, bigintJson)) await this.free.reset(tx, pool, wanted);
    }
  }

  /**
   * Validates a request and reserves its id; throws 400 (invalid), 409
   * (taken), 503 (exhausted). Without an id, a segment of `projectId` comes
   * from its own segment ranges first, then shared ones, then the configured
   * ranges.
   */
  async allocate(tx: Tx, request: SegmentRequest, projectId?: string): Promise<Segment> {
    const type = request.network_type ?? this.settings.tenantNetworkTypes[0] ?? 'geneve';
    if (!TYPES.includes(type)) throw new InvalidInput(`network_type value '${type}' not supported`);
    const physnet = request.physical_network ?? null;
    const id = request.segmentation_id ?? null;
    if (id === null && projectId !== undefined && this.ranges && ['vlan', 'vxlan', 'geneve'].includes(type)
      && (type !== 'vlan' || physnet === null || this.settings.vlanRanges.has(physnet))) {
      const picked = await this.ranges.pick(tx, projectId, type, type === 'vlan' ? physnet : null);
      if (picked !== undefined) {
        const segment = { network_type: type, ...picked };
        const pool = poolOf(type, segment.physical_network)!;
        // An id of the configured ranges too leaves their free space; a concurrent taker makes it a 409 (retried).
        if (this.inRanges(type, segment.physical_network, segment.segmentation_id) && !(await this.free.takeSpecific(tx, pool, BigInt(segment.segmentation_id)))) {
          throw this.conflictFor(segment);
        }
        return segment;
      }
    }
    switch (type) {
      case 'local':
        if (physnet !== null || id !== null) throw new InvalidInput('physical_network and segmentation_id prohibited for local provider network');
        return { network_type: 'local', physical_network: '', segmentation_id: 0 };
      case 'flat':
        if (id !== null) throw new InvalidInput('segmentation_id prohibited for flat provider network');
        if (physnet === null) throw new InvalidInput('physical_network required for flat provider network');
        if (!this.settings.flatNetworks.includes('*') && !this.settings.flatNetworks.includes(physnet)) {
          throw new InvalidInput(`physical_network '${physnet}' unknown for flat provider network`);
        }
        return { network_type: 'flat', physical_network: physnet, segmentation_id: 0 };
      case 'vlan':
        return this.allocateVlan(tx, physnet, id);
      default:
        return this.allocateTunnel(tx, type, physnet, id);
    }
  }

  /** Returns a segment's id to its pool (network delete). */
  async release(tx: Tx, segment: Segment): Promise<void> {
    const pool = poolOf(segment.network_type, segment.physical_network);
    if (pool && this.inRanges(segment.network_type, segment.physical_network, segment.segmentation_id)) {
      await this.free.release(tx, pool, BigInt(segment.segmentation_id));
    }
  }

  /** The 409 to raise when the unique key refuses a segment. */
  conflictFor(segment: Segment): Error {
    if (segment.network_type === 'vlan') return new VlanIdInUse(segment.segmentation_id, segment.physical_network);
    if (segment.network_type === 'flat') return new FlatNetworkInUse(segment.physical_network);
    return new TunnelIdInUse(segment.segmentation_id);
  }

  private async allocateVlan(tx: Tx, physnet: string | null, id: number | null): Promise<Segment> {
    if (id !== null && (!Number.isInteger(id) || id < 1 || id > 4094)) throw new InvalidInput('segmentation_id out of range (1 through 4094)');
    if (physnet === null) {
      if (id !== null) throw new InvalidInput('segmentation_id requires physical_network for VLAN provider network');
      for (const candidate of this.settings.vlanRanges.keys()) {
        const value = await this.free.takeAny(tx, `vlan:${candidate}`);
        if (value !== undefined) return { network_type: 'vlan', physical_network: candidate, segmentation_id: Number(value) };
      }
      throw new NoNetworkAvailable();
    }
    if (!this.settings.vlanRanges.has(physnet)) throw new InvalidInput(`physical_network '${physnet}' unknown for VLAN provider network`);
    return this.take(tx, 'vlan', physnet, id);
  }

  private async allocateTunnel(tx: Tx, type: string, physnet: string | null, id: number | null): Promise<Segment> {
    if (physnet !== null) throw new InvalidInput(`provider:physical_network specified for ${type.toUpperCase()} network`);
    if (id !== null && (!Number.isInteger(id) || id < 1 || id > TUNNEL_MAX[type]!)) {
      throw new InvalidInput(`segmentation_id out of range (1 through ${TUNNEL_MAX[type]})`);
    }
    return this.take(tx, type, '', id);
  }

  private async take(tx: Tx, type: string, physnet: string, id: number | null): Promise<Segment> {
    const pool = poolOf(type, physnet)!;
    if (id === null) {
      const value = await this.free.takeAny(tx, pool);
      if (value === undefined) throw new NoNetworkAvailable();
      return { network_type: type, physical_network: physnet, segmentation_id: Number(value) };
    }
    const segment = { network_type: type, physical_network: physnet, segmentation_id: id };
    if (this.inRanges(type, physnet, id) && !(await this.free.takeSpecific(tx, pool, BigInt(id)))) throw this.conflictFor(segment);
    return segment;
  }

  private inRanges(type: string, physnet: string, id: number): boolean {
    const ranges = type === 'vlan' ? this.settings.vlanRanges.get(physnet) ?? []
      : type === 'vxlan' ? this.settings.vxlanRanges : type === 'geneve' ? this.settings.geneveRanges : [];
    return ranges.some((r) => BigInt(id) >= r.first && BigInt(id) <= r.last);
  }
}

function poolOf(type: string, physnet: string): string | undefined {
  if (type === 'vlan') return `vlan:${physnet}`;
  if (type === 'vxlan' || type === 'geneve') return type;
  return undefined;
}

function bigintJson(_key: string, value: unknown): unknown {
  return typeof value === 'bigint' ? value.toString() : value;
}

/** Parses "physnet1:100:200" / "physnet2" (network_vlan_ranges) and "1:65536" (vni ranges). */
export function parseSegmentSettings(config: {
  tenantNetworkTypes: readonly string[]; flatNetworks: readonly string[];
  networkVlanRanges: readonly string[]; vxlanVniRanges: readonly string[]; geneveVniRanges: readonly string[];
}): SegmentSettings {
  const vlanRanges = new Map<string, Range[]>();
  for (const entry of config.networkVlanRanges) {
    const [physnet, min, max] = entry.split(':');
    const list = vlanRanges.get(physnet!) ?? [];
    if (min !== undefined && max !== undefined) list.push({ first: BigInt(min), last: BigInt(max) });
    vlanRanges.set(physnet!, list);
  }
  const tunnel = (entries: readonly string[]) => entries.map((e) => {
    const [min, max] = e.split(':');
    return { first: BigInt(min!), last: BigInt(max ?? min!) };
  });
  return {
    tenantNetworkTypes: config.tenantNetworkTypes,
    flatNetworks: config.flatNetworks,
    vlanRanges,
    vxlanRanges: tunnel(config.vxlanVniRanges),
    geneveRanges: tunnel(config.geneveVniRanges),
  };
}
