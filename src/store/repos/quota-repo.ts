import { queryRows } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** Per-project quota overrides; absent rows mean "the configured default". */
export class QuotaRepo {
  async limitsOf(tx: Tx, projectId: string): Promise<Map<string, number>> {
    const rows = await queryRows<{ resource: string; limit: number }>(tx, 'select "resource", "limit" from "quotas" where "project_id" = ?', [projectId]);
    return new Map(rows.map((r) => [r.resource, Number(r.limit)]));
  }

  async set(tx: Tx, projectId: string, resource: string, limit: number): Promise<void> {
    await tx.db.insertInto('quotas').values({ project_id: projectId, resource, limit })
      .onConflict((oc) => oc.columns(['project_id', 'resource']).doUpdateSet({ limit })).execute();
  }

  async reset(tx: Tx, projectId: string): Promise<void> {
    await tx.db.deleteFrom('quotas').where('project_id', '=', projectId).execute();
  }

  /** Projects that have at least one override. */
  async projects(tx: Tx): Promise<string[]> {
    const rows = await tx.db.selectFrom('quotas').select('project_id').distinct().orderBy('project_id').execute();
    return rows.map((r) => r.project_id);
  }
}
