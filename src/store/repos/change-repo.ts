import { execute } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** A committed change, as the change feed serves it. */
export interface ChangeRecord {
  revision: number;
  resource_type: string;
  resource_id: string;
  action: string;
  project_id: string;
  changed_at: string;
}

/**
 * The change log ("outbox"): one row per change, written in the same
 * transaction as the change itself, so watchers never see a change that was
 * rolled back and never miss one that committed.
 */
export class ChangeRepo {
  async record(tx: Tx, resourceType: string, resourceId: string, action: 'create' | 'update' | 'delete', projectId: string): Promise<void> {
    await execute(tx, 'insert into "changes" ("resource_type", "resource_id", "action", "project_id", "changed_at") values (?, ?, ?, ?, ?)',
      [resourceType, resourceId, action, projectId, tx.now]);
  }

  /** Changes after `revision`, oldest first. */
  async since(tx: Tx, revision: number, limit = 1000): Promise<ChangeRecord[]> {
    return tx.db.selectFrom('changes').selectAll().where('revision', '>', revision).orderBy('revision').limit(limit).execute();
  }
}
