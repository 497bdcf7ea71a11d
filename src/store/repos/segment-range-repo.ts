import type { Tx } from '../store.ts';

/** A range as stored (physical_network '' for tunnel types, project_id '' for shared ranges). */
export interface SegmentRangeRow {
  id: string;
  project_id: string;
  is_default: number | boolean;
  shared: number | boolean;
  network_type: string;
  physical_network: string;
  minimum: number;
  maximum: number;
}

/** The default row a configured range becomes. */
export interface DefaultRange { readonly network_type: string; readonly physical_network: string; readonly minimum: number; readonly maximum: number }

/** Queries of network segment ranges beyond the generic resource repository's. */
export class SegmentRangeRepo {
  /** Ranges of a type (and physnet, when given) a project may draw from, its own first, then shared non-default ones. */
  async candidates(tx: Tx, projectId: string, networkType: string, physicalNetwork: string | null): Promise<SegmentRangeRow[]> {
    let query = tx.db.selectFrom('network_segment_ranges').selectAll().where('network_type', '=', networkType).where('is_default', '=', 0)
      .where((eb) => eb.or([eb('project_id', '=', projectId), eb('shared', '=', 1)]));
    if (physicalNetwork !== null) query = query.where('physical_network', '=', physicalNetwork);
    const rows = await query.orderBy('shared').orderBy('minimum').execute();
    return rows.map(numeric);
  }

  /** Non-default ranges of the same kind whose ids meet [minimum, maximum] (overlap check). */
  async overlapping(tx: Tx, networkType: string, physicalNetwork: string, minimum: number, maximum: number): Promise<string[]> {
    const rows = await tx.db.selectFrom('network_segment_ranges').select('id').where('is_default', '=', 0).where('network_type', '=', networkType)
      .where('physical_network', '=', physicalNetwork).where('minimum', '<=', maximum).where('maximum', '>=', minimum).orderBy('id').execute();
    return rows.map((r) => r.id);
  }

  /** The segmentation ids in [minimum, maximum] held by segments, ascending, with their network's project. */
  async used(tx: Tx, networkType: string, physicalNetwork: string, minimum: number, maximum: number): Promise<Array<{ id: number; project: string }>> {
    const rows = await tx.db.selectFrom('network_segments').select(['segmentation_id', 'project_id']).where('network_type', '=', networkType)
      .where('physical_network', '=', physicalNetwork).where('segmentation_id', '>=', minimum).where('segmentation_id', '<=', maximum)
      .orderBy('segmentation_id').execute();
    return rows.map((r) => ({ id: Number(r.segmentation_id), project: r.project_id }));
  }

  /** Makes the default rows equal `wanted` (start-up; idempotent): stale ones go, missing ones come. */
  async syncDefaults(tx: Tx, wanted: readonly DefaultRange[]): Promise<void> {
    const key = (r: { network_type: string; physical_network: string; minimum: number; maximum: number }) =>
      `${r.network_type}/${r.physical_network}/${Number(r.minimum)}/${Number(r.maximum)}`;
    const current = await tx.db.selectFrom('network_segment_ranges').selectAll().where('is_default', '=', 1).execute();
    const wantedKeys = new Set(wanted.map(key));
    for (const row of current) if (!wantedKeys.has(key(row))) await tx.db.deleteFrom('network_segment_ranges').where('id', '=', row.id).execute();
    const have = new Set(current.map(key));
    for (const range of wanted) {
      if (have.has(key(range))) continue;
      await tx.db.insertInto('network_segment_ranges').values({
        id: crypto.randomUUID(), project_id: '', name: '', description: '', is_default: 1, shared: 1, ...range,
        created_at: tx.now, updated_at: tx.now, revision_number: 0,
      }).execute();
    }
  }
}

function numeric(row: SegmentRangeRow): SegmentRangeRow {
  return { ...row, minimum: Number(row.minimum), maximum: Number(row.maximum) };
}
