import type { SegmentRepo } from '../../store/repos/segment-repo.ts';
import type { Tx } from '../../store/store.ts';
import {
  NetworkIdsDontMatch, NoUpdateSubnetWhenMultipleSegmentsOnNetwork, SegmentNotFound, SubnetSegmentAssociationChangeNotAllowed,
  SubnetsNotAllAssociatedWithSegments,
} from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/**
 * Subnets' `segment_id` (Neutron's IPAM backend `_validate_segment`),
 * composed after the subnet hooks: the segment must exist (404) and be on
 * the subnet's network (400); the subnets of a network are either all
 * associated with segments or none (400); an unrouted subnet may later join
 * a segment only when it is its network's only subnet and the network has
 * one segment, and an associated subnet never changes segment (400).
 */
export function subnetSegmentHooks(segments: SegmentRepo): ResourceHooks {
  return {
    async beforeCreate(tx, _ctx, values) {
      const segmentId = (values.segment_id as string | null | undefined) ?? null;
      values.segment_id = segmentId;
      const networkId = String(values.network_id);
      if (segmentId !== null) await checkSegment(tx, segmentId, networkId);
      const all = new Set([...(await segments.subnetSegmentIds(tx, networkId)), segmentId]);
      if (all.has(null) && all.size > 1) throw new SubnetsNotAllAssociatedWithSegments(networkId);
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      if (!('segment_id' in changes)) return;
      const segmentId = (changes.segment_id as string | null) ?? null;
      const old = (current.segment_id as string | null) ?? null;
      const networkId = String(current.network_id);
      if (segmentId !== null && !(await segments.get(tx, segmentId))) throw new SegmentNotFound(segmentId);
      const list = await segments.subnetSegmentIds(tx, networkId);
      const associated = new Set(list);
      if (associated.has(null) && associated.size > 1) throw new SubnetsNotAllAssociatedWithSegments(networkId);
      if (old !== segmentId) {
        if (list.length > 1) throw new SubnetsNotAllAssociatedWithSegments(networkId);
        if (!associated.has(null) && !associated.has(segmentId)) throw new SubnetSegmentAssociationChangeNotAllowed();
        if (await segments.countOfNetwork(tx, networkId) > 1) throw new NoUpdateSubnetWhenMultipleSegmentsOnNetwork(networkId);
      }
      if (segmentId !== null) await checkSegment(tx, segmentId, networkId);
    },
  };

  async function checkSegment(tx: Tx, segmentId: string, networkId: string): Promise<void> {
    const segment = await segments.get(tx, segmentId);
    if (!segment) throw new SegmentNotFound(segmentId);
    if (segment.network_id !== networkId) throw new NetworkIdsDontMatch(networkId, segmentId);
  }
}
