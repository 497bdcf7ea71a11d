import type { Row } from '../../store/repos/resource-repo.ts';
import type { SegmentRepo } from '../../store/repos/segment-repo.ts';
import type { NetworkSegmentTable } from '../../store/schema.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import {
  InvalidInput, NetworkInUse, NetworkMTUSubnetConflict, SegmentsContainDuplicateEntry, SegmentsSetInConjunctionWithProviders,
} from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { networkMtu, type MtuSettings } from './mtu.ts';
import type { Segment, SegmentAllocator, SegmentRequest } from './segment-allocator.ts';

const PROVIDER_KEYS = ['provider:network_type', 'provider:physical_network', 'provider:segmentation_id'] as const;

/** What network hooks need from the rest of core: cleaning up subnets and network-owned ports on delete. */
export interface NetworkDependents {
  /** Ports on the network other than network-owned ones (device_owner network:*). */
  countUserPorts(tx: Tx, networkId: string): Promise<number>;
  /** Removes network-owned ports and then every subnet (their addresses go back to their pools). */
  deleteNetworkContents(tx: Tx, ctx: RequestContext, networkId: string): Promise<void>;
  hasIpv6Subnets(tx: Tx, networkId: string): Promise<boolean>;
  /** Subnet ids per network, in creation order. */
  subnetIdsOf(tx: Tx, networkIds: readonly string[]): Promise<Map<string, string[]>>;
  /** Address scope ids of the network's subnet pools per version. */
  addressScopesOf(tx: Tx, networkIds: readonly string[]): Promise<Map<string, { 4: string | null; 6: string | null }>>;
}

/**
 * Networks: provider segments (single via provider:* or several via
 * `segments`), MTU from segment types, the in-use rule of delete. Sharing
 * (`shared`, `router:external` as RBAC policies) is core/rbac's, composed after.
 */
export function networkHooks(allocator: SegmentAllocator, segments: SegmentRepo, mtu: MtuSettings, dependents: NetworkDependents): ResourceHooks {
  const pending = new WeakMap<ResourceRecord, Segment[]>();
  return {
    async beforeCreate(tx, _ctx, values) {
      const requests = segmentRequests(values);
      const chosen: Segment[] = [];
      for (const request of requests) chosen.push(await allocator.allocate(tx, request, String(values.project_id)));
      pending.set(values, chosen);
      const maximum = networkMtu(mtu, chosen.map(displaySegment));
      if (values.mtu !== undefined && values.mtu !== null) {
        if (Number(values.mtu) > maximum) throw new InvalidInput(`Requested MTU is too big, maximum is ${maximum}`);
      } else {
        values.mtu = maximum;
      }
      values.status = 'ACTIVE';
      for (const key of PROVIDER_KEYS) delete values[key];
      delete values.segments;
    },

    async afterCreate(tx, _ctx, values) {
      let index = 0;
      for (const segment of pending.get(values) ?? []) {
        const inserted = await segments.insert(tx, { id: crypto.randomUUID(), network_id: String(values.id), project_id: String(values.project_id), ...segment, segment_index: index++ });
        if (!inserted) throw allocator.conflictFor(segment);
      }
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      if (PROVIDER_KEYS.some((k) => k in changes) || 'segments' in changes) {
        const existing = (await segments.ofNetworks(tx, [String(current.id)])).get(String(current.id)) ?? [];
        if (!sameAsExisting(changes, existing)) throw new InvalidInput('Plugin does not support updating provider attributes');
        for (const key of PROVIDER_KEYS) delete changes[key];
        delete changes.segments;
      }
      if (changes.mtu !== undefined && changes.mtu !== null) {
        const existing = (await segments.ofNetworks(tx, [String(current.id)])).get(String(current.id)) ?? [];
        const maximum = networkMtu(mtu, existing.map(displaySegment));
        if (Number(changes.mtu) > maximum) throw new InvalidInput(`Requested MTU is too big, maximum is ${maximum}`);
        if (Number(changes.mtu) < 1280 && await dependents.hasIpv6Subnets(tx, String(current.id))) throw new NetworkMTUSubnetConflict(Number(changes.mtu));
      }
    },

    async beforeDelete(tx, ctx, current) {
      const id = String(current.id);
      if (await dependents.countUserPorts(tx, id) > 0) throw new NetworkInUse(id);
      await dependents.deleteNetworkContents(tx, ctx, id);
      for (const segment of (await segments.ofNetworks(tx, [id])).get(id) ?? []) await allocator.release(tx, segment);
      await segments.deleteOfNetwork(tx, id);
    },

    async extend(tx, _ctx, records) {
      const ids = records.map((r) => String(r.id));
      const [segmentsById, subnetsById, scopesById] = await Promise.all([
        segments.ofNetworks(tx, ids), dependents.subnetIdsOf(tx, ids), dependents.addressScopesOf(tx, ids),
      ]);
      for (const record of records) {
        const id = String(record.id);
        renderSegments(record, segmentsById.get(id) ?? []);
        record.subnets = subnetsById.get(id) ?? [];
        record.availability_zones = [];
        record.l2_adjacency = true;
        const scopes = scopesById.get(id);
        record.ipv4_address_scope = scopes?.[4] ?? null;
        record.ipv6_address_scope = scopes?.[6] ?? null;
      }
    },
  };
}

/** provider:* or segments → the list of segments to allocate (one tenant segment when neither is given). */
function segmentRequests(values: ResourceRecord): SegmentRequest[] {
  const hasProvider = PROVIDER_KEYS.some((k) => values[k] !== undefined);
  const list = values.segments as SegmentRequest[] | undefined | null;
  if (hasProvider && list !== undefined && list !== null) throw new SegmentsSetInConjunctionWithProviders();
  if (list !== undefined && list !== null && list.length > 0) {
    const requests = list.map((s) => fromProviderDict(s as Record<string, unknown>));
    const keys = requests.map((r) => JSON.stringify([r.network_type, r.physical_network, r.segmentation_id]));
    if (new Set(keys).size !== keys.length) throw new SegmentsContainDuplicateEntry();
    return requests;
  }
  if (hasProvider) return [fromProviderDict(values)];
  return [{}];
}

function fromProviderDict(source: Record<string, unknown>): SegmentRequest {
  const id = source['provider:segmentation_id'];
  return {
    network_type: (source['provider:network_type'] as string | undefined) ?? null,
    physical_network: (source['provider:physical_network'] as string | undefined) ?? null,
    segmentation_id: id === undefined || id === null ? null : Number(id),
  };
}

/** Stored '' / 0 placeholders back to Neutron's nulls. */
function displaySegment(segment: Segment | NetworkSegmentTable) {
  return {
    network_type: segment.network_type,
    physical_network: segment.physical_network === '' ? null : segment.physical_network,
    segmentation_id: segment.network_type === 'flat' || segment.network_type === 'local' ? null : segment.segmentation_id,
  };
}

/** Single-segment networks show provider:*; multi-segment ones show `segments` instead. */
function renderSegments(record: ResourceRecord, list: NetworkSegmentTable[]): void {
  if (list.length <= 1) {
    const segment = list[0] ? displaySegment(list[0]) : { network_type: null, physical_network: null, segmentation_id: null };
    record['provider:network_type'] = segment.network_type;
    record['provider:physical_network'] = segment.physical_network;
    record['provider:segmentation_id'] = segment.segmentation_id;
    return;
  }
  record.segments = list.map((s) => {
    const d = displaySegment(s);
    return { 'provider:network_type': d.network_type, 'provider:physical_network': d.physical_network, 'provider:segmentation_id': d.segmentation_id };
  });
}

function sameAsExisting(changes: ResourceRecord, existing: NetworkSegmentTable[]): boolean {
  if (existing.length !== 1 || 'segments' in changes) return false;
  const current = displaySegment(existing[0]!);
  return (changes['provider:network_type'] === undefined || changes['provider:network_type'] === current.network_type)
    && (changes['provider:physical_network'] === undefined || changes['provider:physical_network'] === current.physical_network)
    && (changes['provider:segmentation_id'] === undefined || Number(changes['provider:segmentation_id']) === current.segmentation_id);
}

export type { Row };
