import type { Selectable } from 'kysely';
import type { IdentityUserTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';
import { IdTableRepo } from './id-table.ts';

export type UserRow = Selectable<IdentityUserTable>;

export interface UserFilter {
  name?: string;
  domain_id?: string;
  enabled?: boolean;
  ids?: readonly string[];
}

/** Identity users. Every method runs inside the caller's transaction. */
export class UserRepo extends IdTableRepo<'identity_users'> {
  constructor() { super('identity_users'); }

  getByName(tx: Tx, domainId: string, name: string): Promise<UserRow | undefined> {
    return tx.db.selectFrom('identity_users').selectAll().where('domain_id', '=', domainId).where('name', '=', name).executeTakeFirst();
  }

  list(tx: Tx, filter: UserFilter = {}): Promise<UserRow[]> {
    if (filter.ids !== undefined && filter.ids.length === 0) return Promise.resolve([]);
    let query = tx.db.selectFrom('identity_users').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.domain_id !== undefined) query = query.where('domain_id', '=', filter.domain_id);
    if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled ? 1 : 0);
    if (filter.ids !== undefined) query = query.where('id', 'in', [...filter.ids]);
    return query.orderBy('name').orderBy('id').execute();
  }

  async countByDomain(tx: Tx, domainId: string): Promise<number> {
    const row = await tx.db.selectFrom('identity_users').select((eb) => eb.fn.countAll<number>().as('n')).where('domain_id', '=', domainId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Users whose default project was `projectId` get none (the project is gone). */
  async clearDefaultProject(tx: Tx, projectId: string): Promise<void> {
    await tx.db.updateTable('identity_users').set({ default_project_id: null }).where('default_project_id', '=', projectId).execute();
  }
}
