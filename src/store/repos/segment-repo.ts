import type { NetworkSegmentTable } from '../schema.ts';
import { inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** Provider segments of networks. The unique key (type, physnet, id) is the no-double-use guarantee. */
export class SegmentRepo {
  /** Inserts a segment; false when its (type, physnet, id) is already used. */
  async insert(tx: Tx, segment: NetworkSegmentTable): Promise<boolean> {
    const result = await tx.db.insertInto('network_segments').values(segment).onConflict((oc) => oc.doNothing()).executeTakeFirst();
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

  /** Segmentation ids in use for one pool (startup sync of configured ranges). */
  async usedIds(tx: Tx, networkType: string, physicalNetwork: string): Promise<number[]> {
    const rows = await tx.db.selectFrom('network_segments').select('segmentation_id')
      .where('network_type', '=', networkType).where('physical_network', '=', physicalNetwork).execute();
    return rows.map((r) => Number(r.segmentation_id));
  }
}
