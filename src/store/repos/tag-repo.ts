import { ROWS_AS_ARRAYS } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import { childRows, type Rows } from './row-set.ts';

/** Tags of standard-attribute resources; one row per (resource, tag). */
export class TagRepo {
  /** Tags of many resources at once (one query per list response, not per row), sorted. */
  async tagsOf(tx: Tx, resources: Rows): Promise<Map<string, string[]>> {
    const result = new Map<string, string[]>();
    const rows = await childRows<[string, string]>(tx, '"resource_id"', resources,
      (where) => `${ROWS_AS_ARRAYS}select "resource_id", "tag" from "tags" where ${where} order by "tag"`);
    for (const [resourceId, tag] of rows) {
      const list = result.get(resourceId);
      if (list === undefined) result.set(resourceId, [tag]);
      else list.push(tag);
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
