import type { Selectable, Updateable } from 'kysely';
import type { IdentityDomainTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';

export type DomainRow = Selectable<IdentityDomainTable>;

/** Identity domains. Every method runs inside the caller's transaction. */
export class DomainRepo {
  get(tx: Tx, id: string): Promise<DomainRow | undefined> {
    return tx.db.selectFrom('identity_domains').selectAll().where('id', '=', id).executeTakeFirst();
  }

  getByName(tx: Tx, name: string): Promise<DomainRow | undefined> {
    return tx.db.selectFrom('identity_domains').selectAll().where('name', '=', name).executeTakeFirst();
  }

  list(tx: Tx, filter: { name?: string; enabled?: boolean } = {}): Promise<DomainRow[]> {
    let query = tx.db.selectFrom('identity_domains').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled ? 1 : 0);
    return query.orderBy('name').execute();
  }

  async insert(tx: Tx, row: DomainRow): Promise<void> {
    await tx.db.insertInto('identity_domains').values(row).execute();
  }

  async update(tx: Tx, id: string, patch: Updateable<IdentityDomainTable>): Promise<void> {
    if (Object.keys(patch).length > 0) await tx.db.updateTable('identity_domains').set(patch).where('id', '=', id).execute();
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await tx.db.deleteFrom('identity_domains').where('id', '=', id).execute();
  }
}
