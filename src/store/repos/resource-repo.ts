import { CompiledQuery, sql, type Expression, type ExpressionBuilder, type SqlBool } from 'kysely';
import { execute, executeDeferred, inValueList, placeholders, queryRow, queryRows, ROWS_AS_ARRAYS, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import type { Condition, ListQuery, SortKey, Visibility } from './list-query.ts';
import { SELECTION_MIN_ROWS, type Selection } from './row-set.ts';

/** A stored row: column name → value as the driver returns it. */
export type Row = Record<string, unknown>;

// Kysely's types are static; this repository serves every resource table
// chosen at run time from the definitions, so it works on an untyped view.
type AnyDb = any;
type AnyEb = ExpressionBuilder<any, any>;

/**
 * Generic storage for one resource table (networks, ports, …): the same
 * code serves every resource, driven by the table name and the conditions
 * core builds from the definitions. All methods run inside the given `Tx`.
 */
export class ResourceRepo {
  private readonly insertTexts = new Map<string, string>();

  constructor(readonly table: string, readonly resourceType: string) {}

  async insert(tx: Tx, row: Row): Promise<void> {
    const columns = Object.keys(row);
    const key = columns.join(',');
    let text = this.insertTexts.get(key);
    if (text === undefined) {
      text = `insert into "${this.table}" (${columns.map((c) => `"${c}"`).join(', ')}) values (${placeholders(columns.length)})`;
      this.insertTexts.set(key, text);
    }
    // Nothing reads its result, and a key refusing the row fails the transaction wherever that is raised.
    await executeDeferred(tx, text, columns.map((c) => row[c]));
  }

  /** The row, or undefined. `forUpdate` takes a row lock on PostgreSQL (SQLite serialises writers anyway). */
  async get(tx: Tx, id: string, options: { forUpdate?: boolean; visibility?: Visibility } = {}): Promise<Row | undefined> {
    const visible = options.visibility ? visibilitySql(this.table, options.visibility) : { sql: '', params: [] };
    const lock = options.forUpdate && tx.dialect === 'postgres' ? ' for update' : '';
    return queryRow<Row>(tx, `select * from "${this.table}" where "id" = ?${visible.sql}${lock}`, [id, ...visible.params]);
  }

  /** The rows of `ids` that exist, in no particular order (one statement for any number of ids). */
  async getMany(tx: Tx, ids: readonly string[]): Promise<Row[]> {
    if (ids.length === 0) return [];
    return queryRows<Row>(tx, `select * from "${this.table}" where ${inValueList(tx, '"id"')}`, [valueList(tx, ids)]);
  }

  async update(tx: Tx, id: string, changes: Row): Promise<void> {
    const columns = Object.keys(changes);
    if (columns.length === 0) return;
    await execute(tx, `update "${this.table}" set ${columns.map((c) => `"${c}" = ?`).join(', ')} where "id" = ?`, [...columns.map((c) => changes[c]), id]);
  }

  async delete(tx: Tx, id: string): Promise<void> {
    await execute(tx, `delete from "${this.table}" where "id" = ?`, [id]);
  }

  /** Rows matching `query`, in sort order (a reversed page is returned in normal order). */
  async list(tx: Tx, query: ListQuery): Promise<Row[]> {
    const select = await this.listSelect(tx, query);
    if (select === undefined) return [];
    const rows: Row[] = await select.selectAll(this.table).execute();
    return query.pageReverse === true ? rows.reverse() : rows;
  }

  /**
   * Like `list`, but each row is an array of the values of `columns`, in
   * that order: big lists then cost no object per row in the driver. With
   * the rows, for a long list that is not paginated, the list's selection of
   * ids (see `RowSet`), for the statements that read the rows' children.
   */
  async listValues(tx: Tx, query: ListQuery, columns: readonly string[]): Promise<{ rows: unknown[][]; selection?: Selection }> {
    const select = await this.listSelect(tx, query);
    if (select === undefined) return { rows: [] };
    const compiled = select.select(columns.map((c) => `${this.table}.${c}`)).compile();
    const result = await tx.db.executeQuery<unknown[]>(CompiledQuery.raw(ROWS_AS_ARRAYS + compiled.sql, [...compiled.parameters]));
    const rows = query.pageReverse === true ? result.rows.reverse() : result.rows;
    const paginated = query.limit !== undefined || query.marker !== undefined;
    return paginated || rows.length < SELECTION_MIN_ROWS ? { rows } : { rows, selection: this.selection(tx, query) };
  }

  /** The ids `query` selects, unordered and unpaginated, as a statement to embed in another. */
  private selection(tx: Tx, query: ListQuery): Selection {
    const compiled = this.filtered(tx, query).select(`${this.table}.id`).compile();
    return { sql: compiled.sql, parameters: compiled.parameters, everything: query.conditions.length === 0 && query.visibility === undefined };
  }

  /** The filtered, ordered, limited select of `query` without its columns; undefined when the marker does not exist. */
  private async listSelect(tx: Tx, query: ListQuery): Promise<AnyDb | undefined> {
    const sort: SortKey[] = [...query.sort];
    if (!sort.some((k) => k.column === 'id')) sort.push({ column: 'id', direction: 'asc' });
    const reverse = query.pageReverse === true;
    let select = this.filtered(tx, query);
    if (query.marker !== undefined) {
      const marker = await (tx.db as AnyDb).selectFrom(this.table).selectAll().where('id', '=', query.marker).executeTakeFirst();
      if (!marker) return undefined;
      select = select.where((eb: AnyEb) => afterMarker(eb, this.table, sort, marker, reverse));
    }
    for (const key of sort) {
      const direction = reverse ? flip(key.direction) : key.direction;
      // NULLs sort first (Neutron on MySQL, SQLite, and afterMarker); PostgreSQL puts them last unless told.
      // `id` is never NULL, and a plain order on it keeps the primary key index usable.
      if (tx.dialect === 'postgres' && key.column !== 'id') {
        select = select.orderBy(`${this.table}.${key.column}`, (ob: AnyDb) => (direction === 'asc' ? ob.asc().nullsFirst() : ob.desc().nullsLast()));
      } else {
        select = select.orderBy(`${this.table}.${key.column}`, direction);
      }
    }
    if (query.limit !== undefined) select = select.limit(query.limit);
    return select;
  }

  /** The rows of `query`'s conditions and visibility, as a select without columns. */
  private filtered(tx: Tx, query: ListQuery): AnyDb {
    let select = (tx.db as AnyDb).selectFrom(this.table);
    const conditions = [...query.conditions];
    select = select.where((eb: AnyEb) => eb.and(conditions.map((c) => this.condition(eb, c, query.caller))));
    if (query.visibility) select = select.where((eb: AnyEb) => this.visible(eb, query.visibility!));
    return select;
  }

  /** Number of rows owned by a project (quota usage). */
  async countByProject(tx: Tx, projectId: string): Promise<number> {
    const row = await queryRow<{ n: number | string }>(tx, `select count(*) as n from "${this.table}" where "project_id" = ?`, [projectId]);
    return Number(row?.n ?? 0);
  }

  private condition(eb: AnyEb, condition: Condition, caller: string | undefined): Expression<SqlBool> {
    const table = this.table;
    switch (condition.kind) {
      case 'in':
        return condition.values.length === 1
          ? eb(`${table}.${condition.column}`, '=', condition.values[0])
          : eb(`${table}.${condition.column}`, 'in', condition.values as unknown[]);
      case 'fixedIps': {
        const parts: Expression<SqlBool>[] = [];
        if (condition.ipAddresses.length) parts.push(eb('ip_address', 'in', condition.ipAddresses as string[]));
        if (condition.subnetIds.length) parts.push(eb('subnet_id', 'in', condition.subnetIds as string[]));
        for (const text of condition.ipSubstrings) parts.push(eb('ip_address', 'like', `%${likeSafe(text)}%`));
        return eb(`${table}.id`, 'in', eb.selectFrom('ip_allocations').select('port_id').where(eb.and(parts)));
      }
      case 'tags': return tagCondition(eb, table, condition.mode, condition.tags);
      case 'related': {
        const related = () => {
          const select = eb.selectFrom(condition.table).select(condition.select);
          return condition.match === undefined ? select : select.where(condition.match, 'in', (condition.values ?? []) as unknown[]);
        };
        return eb.or((condition.inside ?? [true]).map((inside) => eb(`${table}.${condition.column}`, inside ? 'in' : 'not in', related())));
      }
      case 'sharedWithCaller': {
        // As Neutron's filter on `shared`: an access_as_shared policy for the caller's project or for every project.
        const targets = caller === undefined ? ['*'] : [caller, '*'];
        const sharedIds = () => eb.selectFrom('rbac_policies').select('object_id')
          .where('object_type', '=', condition.objectType).where('action', '=', 'access_as_shared').where('target_tenant', 'in', targets);
        return eb.or(condition.shared.map((wanted) => eb(`${table}.${condition.column}`, wanted ? 'in' : 'not in', sharedIds())));
      }
    }
  }

  private visible(eb: AnyEb, visibility: Visibility): Expression<SqlBool> {
    const table = this.table;
    const alternatives: Expression<SqlBool>[] = [eb(`${table}.project_id`, '=', visibility.projectId)];
    for (const flag of visibility.flags ?? []) alternatives.push(eb(`${table}.${flag}`, '=', 1));
    for (const column of visibility.ownerColumns ?? []) alternatives.push(eb(`${table}.${column}`, '=', visibility.projectId));
    if (visibility.viaNetwork === 'owned') {
      alternatives.push(eb(`${table}.network_id`, 'in', eb.selectFrom('networks').select('id').where('project_id', '=', visibility.projectId)));
    } else if (visibility.viaNetwork === 'shared-or-external') {
      alternatives.push(eb(`${table}.network_id`, 'in', eb.selectFrom('networks').select('id').where((n: AnyEb) => n.or([n('shared', '=', 1), n('router_external', '=', 1)]))));
    }
    if (visibility.rbac) {
      const { objectType, actions, column = 'id' } = visibility.rbac;
      alternatives.push(eb(`${table}.${column}`, 'in', eb.selectFrom('rbac_policies').select('object_id')
        .where('object_type', '=', objectType).where('action', 'in', actions as string[]).where('target_tenant', 'in', [visibility.projectId, '*'])));
    }
    return eb.or(alternatives);
  }
}

/** The visibility rule as an SQL suffix (" and (…)") with its parameters. */
function visibilitySql(table: string, visibility: Visibility): { sql: string; params: unknown[] } {
  const alternatives = [`"${table}"."project_id" = ?`];
  const params: unknown[] = [visibility.projectId];
  for (const flag of visibility.flags ?? []) alternatives.push(`"${table}"."${flag}" = 1`);
  for (const column of visibility.ownerColumns ?? []) {
    alternatives.push(`"${table}"."${column}" = ?`);
    params.push(visibility.projectId);
  }
  if (visibility.viaNetwork === 'owned') {
    alternatives.push(`"${table}"."network_id" in (select "id" from "networks" where "project_id" = ?)`);
    params.push(visibility.projectId);
  } else if (visibility.viaNetwork === 'shared-or-external') {
    alternatives.push(`"${table}"."network_id" in (select "id" from "networks" where "shared" = 1 or "router_external" = 1)`);
  }
  if (visibility.rbac) {
    const { objectType, actions, column = 'id' } = visibility.rbac;
    alternatives.push(`"${table}"."${column}" in (select "object_id" from "rbac_policies" where "object_type" = ? and "action" in (${actions.map(() => '?').join(', ')}) and "target_tenant" in (?, '*'))`);
    params.push(objectType, ...actions, visibility.projectId);
  }
  return { sql: ` and (${alternatives.join(' or ')})`, params };
}

function flip(direction: 'asc' | 'desc'): 'asc' | 'desc' {
  return direction === 'asc' ? 'desc' : 'asc';
}

/**
 * Keyset condition "row comes after the marker row" for a multi-column sort:
 * (k1 > m1) OR (k1 = m1 AND k2 > m2) OR … with each comparison following its
 * column's direction (reversed for page_reverse). NULLs sort first (Neutron).
 */
function afterMarker(eb: AnyEb, table: string, sort: SortKey[], marker: Row, reverse: boolean): Expression<SqlBool> {
  const alternatives: Expression<SqlBool>[] = [];
  for (let i = 0; i < sort.length; i++) {
    const equalities = sort.slice(0, i).map((k) => equalOrBothNull(eb, `${table}.${k.column}`, marker[k.column]));
    const key = sort[i]!;
    const ascending = (key.direction === 'asc') !== reverse;
    alternatives.push(eb.and([...equalities, beyond(eb, `${table}.${key.column}`, marker[key.column], ascending)]));
  }
  return eb.or(alternatives);
}

function equalOrBothNull(eb: AnyEb, column: string, value: unknown): Expression<SqlBool> {
  return value === null || value === undefined ? eb(column, 'is', null) : eb(column, '=', value);
}

/** column strictly after value in the given direction, with NULL as the smallest value. */
function beyond(eb: AnyEb, column: string, value: unknown, ascending: boolean): Expression<SqlBool> {
  if (value === null || value === undefined) return ascending ? eb(column, 'is not', null) : sql<SqlBool>`false`;
  return ascending ? eb(column, '>', value) : eb.or([eb(column, '<', value), eb(column, 'is', null)]);
}

function tagCondition(eb: AnyEb, table: string, mode: 'all' | 'any' | 'notAll' | 'notAny', tags: readonly string[]): Expression<SqlBool> {
  const withTags = eb.selectFrom('tags').select('resource_id').where('tag', 'in', tags as string[]);
  if (mode === 'any') return eb(`${table}.id`, 'in', withTags);
  if (mode === 'notAny') return eb(`${table}.id`, 'not in', withTags);
  const distinct = new Set(tags).size;
  const withAll = withTags.groupBy('resource_id').having(sql`count(tag)`, '=', distinct);
  return mode === 'all' ? eb(`${table}.id`, 'in', withAll) : eb(`${table}.id`, 'not in', withAll);
}

/** Addresses hold only hex digits, ':' and '.': anything else cannot match, and LIKE wildcards must not leak in. */
function likeSafe(text: string): string {
  return /^[0-9a-fA-F:.]*$/.test(text) ? text.toLowerCase() : '\u0000';
}
