import { queryRows } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** The `tx.memo` key under which a read-ahead may leave a project's overrides (resource → limit) for `limitsOf`. */
export function quotaLimitsKey(projectId: string): string {
  return `quota-limits/${projectId}`;
}

/** Per-project quota overrides; absent rows mean "the configured default". */
export class QuotaRepo {
  /** The project's overrides: read ahead in this transaction (`quotaLimitsKey`), else read now. */
  async limitsOf(tx: Tx, projectId: string): Promise<Map<string, number>> {
    const known = tx.memo.get(quotaLimitsKey(projectId)) as ReadonlyMap<string, number> | undefined;
    if (known !== undefined) return new Map(known);
    const rows = await queryRows<{ resource: string; limit: number }>(tx, 'select "resource", "limit" from "quotas" where "project_id" = ?', [projectId]);
    return new Map(rows.map((r) => [r.resource, Number(r.limit)]));
  }

  async set(tx: Tx, projectId: string, resource: string, limit: number): Promise<void> {
    tx.memo.delete(quotaLimitsKey(projectId));
    await tx.db.insertInto('quotas').values({ project_id: projectId, resource, limit })
      .onConflict((oc) => oc.columns(['project_id', 'resource']).doUpdateSet({ limit })).execute();
  }

  async reset(tx: Tx, projectId: string): Promise<void> {
    tx.memo.delete(quotaLimitsKey(projectId));
    await tx.db.deleteFrom('quotas').where('project_id', '=', projectId).execute();
  }

  /** Projects that have at least one override. */
  async projects(tx: Tx): Promise<string[]> {
    const rows = await tx.db.selectFrom('quotas').select('project_id').distinct().orderBy('project_id').execute();
    return rows.map((r) => r.project_id);
  }
}
