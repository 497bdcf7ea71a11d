import { placeholders, queryRows } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** Tags of standard-attribute resources; one row per (resource, tag). */
export class TagRepo {
  /** Tags of many resources at once (one query per list response, not per row), sorted. */
  async tagsOf(tx: Tx, resourceIds: readonly string[]): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    if (resourceIds.length === 0) return result;
    for (const chunk of chunks(resourceIds, 500)) {
      const rows = await queryRows<{ resource_id: string; tag: string }>(tx,
        `select "resource_id", "tag" from "tags" where "resource_id" in (${placeholders(chunk.length)}) order by "tag"`, chunk);
      for (const row of rows) {
        const list = result.get(row.resource_id) ?? [];
        list.push(row.tag);
        result.set(row.resource_id, list);
      }
    }
    return result;
  }

  /** Adds tags; existing ones are kept (idempotent). */
  async add(tx: Tx, resourceType: string, resourceId: string, tags: readonly string[]): Promise<void> {
    if (tags.length === 0) return;
    await tx.db.insertInto('tags')
      .values([...new Set(tags)].map((tag) => ({ resource_id: resourceId, resource_type: resourceType, tag })))
      .onConflict((oc) => oc.doNothing()).execute();
  }

  /** Removes one tag; returns whether it existed. */
  async remove(tx: Tx, resourceId: string, tag: string): Promise<boolean> {
    const result = await tx.db.deleteFrom('tags').where('resource_id', '=', resourceId).where('tag', '=', tag).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async removeAll(tx: Tx, resourceId: string): Promise<void> {
    await tx.db.deleteFrom('tags').where('resource_id', '=', resourceId).execute();
  }
}

/** Splits a list so that IN (…) lists stay under the databases' parameter limits. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
