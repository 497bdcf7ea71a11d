import type { Selectable } from 'kysely';
import type { IdentityProjectTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';
import { IdTableRepo } from './id-table.ts';

export type ProjectRow = Selectable<IdentityProjectTable>;

export interface ProjectFilter {
  name?: string;
  domain_id?: string;
  parent_id?: string;
  enabled?: boolean;
  ids?: readonly string[];
}

/** Identity projects. Every method runs inside the caller's transaction. */
export class ProjectRepo extends IdTableRepo<'identity_projects'> {
  constructor() { super('identity_projects'); }

  getByName(tx: Tx, domainId: string, name: string): Promise<ProjectRow | undefined> {
    return tx.db.selectFrom('identity_projects').selectAll().where('domain_id', '=', domainId).where('name', '=', name).executeTakeFirst();
  }

  list(tx: Tx, filter: ProjectFilter = {}): Promise<ProjectRow[]> {
    if (filter.ids !== undefined && filter.ids.length === 0) return Promise.resolve([]);
    let query = tx.db.selectFrom('identity_projects').selectAll();
    if (filter.name !== undefined) query = query.where('name', '=', filter.name);
    if (filter.domain_id !== undefined) query = query.where('domain_id', '=', filter.domain_id);
    if (filter.parent_id !== undefined) query = query.where('parent_id', '=', filter.parent_id);
    if (filter.enabled !== undefined) query = query.where('enabled', '=', filter.enabled ? 1 : 0);
    if (filter.ids !== undefined) query = query.where('id', 'in', [...filter.ids]);
    return query.orderBy('name').orderBy('id').execute();
  }

  async countByDomain(tx: Tx, domainId: string): Promise<number> {
    const row = await tx.db.selectFrom('identity_projects').select((eb) => eb.fn.countAll<number>().as('n')).where('domain_id', '=', domainId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async countChildren(tx: Tx, parentId: string): Promise<number> {
    const row = await tx.db.selectFrom('identity_projects').select((eb) => eb.fn.countAll<number>().as('n')).where('parent_id', '=', parentId).executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}
