import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Database } from '../../schema.ts';
import type { Tx } from '../../store.ts';

/** The identity tables whose rows are addressed by an `id` column. */
type IdTable = 'identity_domains' | 'identity_groups' | 'identity_projects' | 'identity_roles' | 'identity_users' | 'identity_app_credentials';

// Kysely cannot relate a generic table name to its columns; the methods below only
// touch `id` and whole rows, which every IdTable has.
type AnyDb = any;

/**
 * Get, insert, update and delete by id: what every identity repository does
 * the same way for its own table. Every method runs inside the caller's transaction.
 */
export class IdTableRepo<T extends IdTable> {
  constructor(protected readonly table: T) {}

  get(tx: Tx, id: string): Promise<Selectable<Database[T]> | undefined> {
    return (tx.db as AnyDb).selectFrom(this.table).selectAll().where('id', '=', id).executeTakeFirst();
  }

  async insert(tx: Tx, row: Insertable<Database[T]>): Promise<void> {
    await (tx.db as AnyDb).insertInto(this.table).values(row).execute();
  }

  async update(tx: Tx, id: string, patch: Updateable<Database[T]>): Promise<void> {
    if (Object.keys(patch).length > 0) await (tx.db as AnyDb).updateTable(this.table).set(patch).where('id', '=', id).execute();
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await (tx.db as AnyDb).deleteFrom(this.table).where('id', '=', id).execute();
  }
}
