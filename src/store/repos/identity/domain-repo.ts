import type { Selectable } from 'kysely';
import type { IdentityDomainTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';
import { IdTableRepo } from './id-table.ts';

export type DomainRow = Selectable<IdentityDomainTable>;

/** Identity domains. Every method runs inside the caller's transaction. */
export class DomainRepo extends IdTableRepo<'identity_domains'> {
  constructor() { super('identity_domains'); }

  getByName(tx: Tx, name: string): Promise<DomainRow | undefined> {
    return tx.db.selectFrom('identity_domains').selectAll().where('name', '=', name).executeTakeFirst();
  }

  list(tx: Tx, filter: { name?: string; enabled?: boolean } = {}): Promise<DomainRow[]> {
    let query = tx.db.selectFrom('identity_domains').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled ? 1 : 0);
    return query.orderBy('name').execute();
  }
}
