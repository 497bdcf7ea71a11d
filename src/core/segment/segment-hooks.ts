import type { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { SegmentRepo } from '../../store/repos/segment-repo.ts';
import type { Tx } from '../../store/store.ts';
import { NetworkNotFound, SegmentInUse } from '../errors.ts';
import { networkMtu, type MtuSettings } from '../network/mtu.ts';
import type { SegmentAllocator } from '../network/segment-allocator.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';

/**
 * Segments (`/v2.0/segments`, Neutron's segments service plugin over ML2):
 * a create validates and reserves the segment exactly as a provider network
 * does (the same allocator: 400 invalid, 409 taken, 503 exhausted) and takes
 * the next index of its network; a delete refuses while subnets are
 * associated (409 SegmentInUse) and gives the id back. Either way the
 * network's MTU becomes its segments' smallest and its revision moves (its
 * provider attributes changed). Only name and description change on update
 * (the definition allows nothing else).
 */
export function segmentHooks(allocator: SegmentAllocator, segments: SegmentRepo, networks: ResourceRepo, mtu: MtuSettings): ResourceHooks {
  return {
    async beforeCreate(tx, _ctx, values) {
      const networkId = String(values.network_id);
      const network = await networks.get(tx, networkId, { forUpdate: true });
      if (!network) throw new NetworkNotFound(networkId);
      const chosen = await allocator.allocate(tx, {
        network_type: values.network_type as string,
        physical_network: (values.physical_network as string | null) ?? null,
        segmentation_id: values.segmentation_id === null || values.segmentation_id === undefined ? null : Number(values.segmentation_id),
      }, String(network.project_id));
      // Outside the configured ranges only the unique key guards an id: answer its 409 before the insert trips it.
      if (await segments.isUsed(tx, chosen)) throw allocator.conflictFor(chosen);
      Object.assign(values, chosen, { segment_index: await segments.nextIndex(tx, networkId), project_id: network.project_id, tenant_id: network.project_id });
    },

    async afterCreate(tx, _ctx, values) {
      await networkChanged(tx, String(values.network_id));
    },

    async beforeDelete(tx, _ctx, current) {
      const id = String(current.id);
      const subnets = await segments.subnetsOf(tx, id);
      if (subnets.length > 0) throw new SegmentInUse(id, `The segment is still associated with subnet(s) ${subnets.join(', ')}`);
      await allocator.release(tx, {
        network_type: String(current.network_type), physical_network: String(current.physical_network), segmentation_id: Number(current.segmentation_id),
      });
    },

    async afterDelete(tx, _ctx, current) {
      await networkChanged(tx, String(current.network_id));
    },

    async extend(_tx, _ctx, records) {
      for (const record of records) showNulls(record);
    },
  };

  /** The network's MTU follows its segments (ML2 recomputes it on every segment change). */
  async function networkChanged(tx: Tx, networkId: string): Promise<void> {
    const list = (await segments.ofNetworks(tx, [networkId])).get(networkId) ?? [];
    const value = networkMtu(mtu, list.map((s) => ({ network_type: s.network_type, physical_network: s.physical_network === '' ? null : s.physical_network })));
    await networks.update(tx, networkId, { mtu: value });
    await bumpRevision(tx, 'networks', networkId);
  }
}

/** Stored '' / 0 placeholders back to Neutron's nulls. */
function showNulls(record: ResourceRecord): void {
  if (record.physical_network === '') record.physical_network = null;
  if (record.network_type === 'flat' || record.network_type === 'local' || record.segmentation_id === 0) record.segmentation_id = null;
}
