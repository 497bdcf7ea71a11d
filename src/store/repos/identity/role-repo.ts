import type { Selectable } from 'kysely';
import type { IdentityRoleTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';
import { IdTableRepo } from './id-table.ts';

export type RoleRow = Selectable<IdentityRoleTable>;

/** A prior role and a role it implies. */
export interface ImpliedRule { readonly prior_role_id: string; readonly implied_role_id: string }

/** Roles (global when domain_id is '') and implied-role rules. Every method runs inside the caller's transaction. */
export class RoleRepo extends IdTableRepo<'identity_roles'> {
  constructor() { super('identity_roles'); }

  getByName(tx: Tx, name: string, domainId = ''): Promise<RoleRow | undefined> {
    return tx.db.selectFrom('identity_roles').selectAll().where('name', '=', name).where('domain_id', '=', domainId).executeTakeFirst();
  }

  list(tx: Tx, filter: { name?: string; domain_id?: string; ids?: readonly string[] } = {}): Promise<RoleRow[]> {
    if (filter.ids !== undefined && filter.ids.length === 0) return Promise.resolve([]);
    let query = tx.db.selectFrom('identity_roles').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.domain_id !== undefined) query = query.where('domain_id', '=', filter.domain_id);
    if (filter.ids !== undefined) query = query.where('id', 'in', [...filter.ids]);
    return query.orderBy('name').orderBy('id').execute();
  }

  /** Adds a rule; idempotent. */
  async addImplied(tx: Tx, priorId: string, impliedId: string): Promise<void> {
    await tx.db.insertInto('identity_implied_roles').values({ prior_role_id: priorId, implied_role_id: impliedId })
      .onConflict((oc) => oc.columns(['prior_role_id', 'implied_role_id']).doNothing()).execute();
  }

  async removeImplied(tx: Tx, priorId: string, impliedId: string): Promise<boolean> {
    const result = await tx.db.deleteFrom('identity_implied_roles').where('prior_role_id', '=', priorId).where('implied_role_id', '=', impliedId).executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }

  /** Every implied-role rule (a small table: read whole). */
  listImplied(tx: Tx): Promise<ImpliedRule[]> {
    return tx.db.selectFrom('identity_implied_roles').selectAll().orderBy('prior_role_id').orderBy('implied_role_id').execute();
  }
}
