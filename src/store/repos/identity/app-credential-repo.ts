import type { Selectable } from 'kysely';
import type { IdentityAppCredentialTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';
import { IdTableRepo } from './id-table.ts';

export type AppCredentialRow = Selectable<IdentityAppCredentialTable>;

/** Application credentials. Every method runs inside the caller's transaction. */
export class AppCredentialRepo extends IdTableRepo<'identity_app_credentials'> {
  constructor() { super('identity_app_credentials'); }

  getByName(tx: Tx, userId: string, name: string): Promise<AppCredentialRow | undefined> {
    return tx.db.selectFrom('identity_app_credentials').selectAll().where('user_id', '=', userId).where('name', '=', name).executeTakeFirst();
  }

  listByUser(tx: Tx, userId: string, name?: string): Promise<AppCredentialRow[]> {
    let query = tx.db.selectFrom('identity_app_credentials').selectAll().where('user_id', '=', userId);
    if (name !== undefined) query = query.where('name', '=', name);
    return query.orderBy('name').execute();
  }

  async deleteForUser(tx: Tx, userId: string): Promise<void> {
    await tx.db.deleteFrom('identity_app_credentials').where('user_id', '=', userId).execute();
  }

  async deleteForProject(tx: Tx, projectId: string): Promise<void> {
    await tx.db.deleteFrom('identity_app_credentials').where('project_id', '=', projectId).execute();
  }
}
