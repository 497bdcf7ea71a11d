import type { NetworkSegmentTable } from '../schema.ts';
import { inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** Provider segments of networks. The unique key (type, physnet, id) is the no-double-use guarantee. */
export class SegmentRepo {
  /**
   * Inserts a network's segment (network create); false when its (type,
   * physnet, id) is already used. `project_id` is the network's: it names the
   * segment's project in the change log.
   */
  async insert(tx: Tx, segment: Omit<NetworkSegmentTable, 'name' | 'description' | 'created_at' | 'updated_at' | 'revision_number'>): Promise<boolean> {
    const row: NetworkSegmentTable = { name: null, description: '', created_at: tx.now, updated_at: tx.now, revision_number: 0, ...segment };
    const result = await tx.db.insertInto('network_segments').values(row).onConflict((oc) => oc.doNothing()).executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  async ofNetworks(tx: Tx, networkIds: readonly string[]): Promise<Map<string, NetworkSegmentTable[]>> {
    const out = new Map<string, NetworkSegmentTable[]>();
    if (networkIds.length === 0) return out;
    const rows = await queryRows<NetworkSegmentTable>(tx,
      `select * from "network_segments" where ${inValueList(tx, '"network_id"')} order by "segment_index"`, [valueList(tx, networkIds)]);
    for (const row of rows) {
      const list = out.get(row.network_id) ?? [];
      list.push({ ...row, segmentation_id: Number(row.segmentation_id) });
      out.set(row.network_id, list);
    }
    return out;
  }

  async deleteOfNetwork(tx: Tx, networkId: string): Promise<void> {
    await tx.db.deleteFrom('network_segments').where('network_id', '=', networkId).execute();
  }

  /** Is (type, physnet, id) held by a segment? (physnet '' and id 0 for "none"). */
  async isUsed(tx: Tx, segment: { network_type: string; physical_network: string; segmentation_id: number }): Promise<boolean> {
    const row = await tx.db.selectFrom('network_segments').select('id').where('network_type', '=', segment.network_type)
      .where('physical_network', '=', segment.physical_network).where('segmentation_id', '=', segment.segmentation_id).executeTakeFirst();
    return row !== undefined;
  }

  /** The index the next segment of a network gets: one past the highest (Neutron's rule; gaps stay). */
  async nextIndex(tx: Tx, networkId: string): Promise<number> {
    const row = await tx.db.selectFrom('network_segments').select((eb) => eb.fn.max('segment_index').as('top'))
      .where('network_id', '=', networkId).executeTakeFirst();
    return row?.top === null || row?.top === undefined ? 0 : Number(row.top) + 1;
  }

  /** Ids of the subnets associated with a segment. */
  async subnetsOf(tx: Tx, segmentId: string): Promise<string[]> {
    const rows = await tx.db.selectFrom('subnets').select('id').where('segment_id', '=', segmentId).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  /** The segment_id of every subnet of a network (null for subnets without one). */
  async subnetSegmentIds(tx: Tx, networkId: string): Promise<Array<string | null>> {
    const rows = await tx.db.selectFrom('subnets').select('segment_id').where('network_id', '=', networkId).execute();
    return rows.map((r) => r.segment_id);
  }

  /** One segment, or undefined. */
  async get(tx: Tx, id: string): Promise<NetworkSegmentTable | undefined> {
    return tx.db.selectFrom('network_segments').selectAll().where('id', '=', id).executeTakeFirst();
  }

  /** How many segments a network has. */
  async countOfNetwork(tx: Tx, networkId: string): Promise<number> {
    const row = await tx.db.selectFrom('network_segments').select((eb) => eb.fn.countAll().as('n')).where('network_id', '=', networkId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Segmentation ids in use for one pool (startup sync of configured ranges). */
  async usedIds(tx: Tx, networkType: string, physicalNetwork: string): Promise<number[]> {
    const rows = await tx.db.selectFrom('network_segments').select('segmentation_id')
      .where('network_type', '=', networkType).where('physical_network', '=', physicalNetwork).execute();
    return rows.map((r) => Number(r.segmentation_id));
  }
}
