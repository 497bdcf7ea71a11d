import type { Selectable } from 'kysely';
import type { IdentityGroupTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';
import { IdTableRepo } from './id-table.ts';

export type GroupRow = Selectable<IdentityGroupTable>;

/** Identity groups and their members. Every method runs inside the caller's transaction. */
export class GroupRepo extends IdTableRepo<'identity_groups'> {
  constructor() { super('identity_groups'); }

  getByName(tx: Tx, domainId: string, name: string): Promise<GroupRow | undefined> {
    return tx.db.selectFrom('identity_groups').selectAll().where('domain_id', '=', domainId).where('name', '=', name).executeTakeFirst();
  }

  list(tx: Tx, filter: { name?: string; domain_id?: string } = {}): Promise<GroupRow[]> {
    let query = tx.db.selectFrom('identity_groups').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.domain_id !== undefined) query = query.where('domain_id', '=', filter.domain_id);
    return query.orderBy('name').orderBy('id').execute();
  }

  async countByDomain(tx: Tx, domainId: string): Promise<number> {
    const row = await tx.db.selectFrom('identity_groups').select((eb) => eb.fn.countAll<number>().as('n')).where('domain_id', '=', domainId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  /** Adds a member; idempotent. */
  async addMember(tx: Tx, groupId: string, userId: string): Promise<void> {
    await tx.db.insertInto('identity_group_members').values({ group_id: groupId, user_id: userId })
      .onConflict((oc) => oc.columns(['group_id', 'user_id']).doNothing()).execute();
  }

  /** Removes a member; true when there was one. */
  async removeMember(tx: Tx, groupId: string, userId: string): Promise<boolean> {
    const result = await tx.db.deleteFrom('identity_group_members').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  async isMember(tx: Tx, groupId: string, userId: string): Promise<boolean> {
    const row = await tx.db.selectFrom('identity_group_members').select('user_id').where('group_id', '=', groupId).where('user_id', '=', userId).executeTakeFirst();
    return row !== undefined;
  }

  async memberIds(tx: Tx, groupId: string): Promise<string[]> {
    const rows = await tx.db.selectFrom('identity_group_members').select('user_id').where('group_id', '=', groupId).execute();
    return rows.map((r) => r.user_id);
  }

  async groupIdsOf(tx: Tx, userId: string): Promise<string[]> {
    const rows = await tx.db.selectFrom('identity_group_members').select('group_id').where('user_id', '=', userId).execute();
    return rows.map((r) => r.group_id);
  }
}
