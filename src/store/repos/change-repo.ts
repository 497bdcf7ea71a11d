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
 * The change log ("outbox"): one row per change, written by database
 * triggers in the same transaction as the change itself
 * (migrations/change-log-triggers.ts), so watchers never see a change that
 * was rolled back and never miss one that committed.
 */
export class ChangeRepo {
  /** Changes after `revision`, oldest first. */
  async since(tx: Tx, revision: number, limit = 1000): Promise<ChangeRecord[]> {
    return tx.db.selectFrom('changes').selectAll().where('revision', '>', revision).orderBy('revision').limit(limit).execute();
  }
}
