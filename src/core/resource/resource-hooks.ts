import type { Condition } from '../../store/repos/list-query.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { RowSet } from '../../store/repos/row-set.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import type { ResourceRecord } from './record-codec.ts';

/**
 * What a resource module adds to the generic engine (ML2 extension drivers in
 * miniature). Every hook runs inside the request's transaction: it may read
 * and write through repositories and may throw a NeutronError, which rolls the
 * whole request back. Hooks do no I/O besides the database.
 */
export interface ResourceHooks {
  /**
   * First step of a create (single or bulk), before the policy check: may read,
   * in one statement, what the checks and hooks of the items would read one by
   * one, and leave it in `tx.memo` for them (each statement is a round trip on
   * PostgreSQL). Must not write and must not decide: the later steps do.
   */
  readAhead?(tx: Tx, ctx: RequestContext, items: readonly ResourceRecord[]): Promise<void>;
  /** Before the row is inserted: fill computed columns in `values`, check references, allocate. */
  beforeCreate?(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<void>;
  /** After the row is inserted: child rows (segments, IP allocations, options). */
  afterCreate?(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<void>;
  /** Before the row is updated; `changes` may be edited (computed columns). */
  beforeUpdate?(tx: Tx, ctx: RequestContext, current: Row, changes: ResourceRecord): Promise<void>;
  afterUpdate?(tx: Tx, ctx: RequestContext, current: Row, changes: ResourceRecord): Promise<void>;
  /** Before the row is deleted: refuse (409 …InUse) or clean up children. */
  beforeDelete?(tx: Tx, ctx: RequestContext, current: Row): Promise<void>;
  afterDelete?(tx: Tx, ctx: RequestContext, current: Row): Promise<void>;
  /**
   * Adds computed attributes to many records at once (one query per attribute,
   * never per row). `rows` names the same records for the repositories that
   * read their children: for a long list, by the list's own selection.
   */
  extend?(tx: Tx, ctx: RequestContext, records: ResourceRecord[], rows: RowSet): Promise<void>;
  /**
   * Adds computed attributes to just-created records from what the create
   * hooks already know (`values` of the same index), sparing the queries of
   * `extend`. Without it, created records are rendered through `extend`.
   */
  extendCreated?(records: ResourceRecord[], values: ResourceRecord[]): void;
  /** Turns a filter the generic engine cannot express as `column IN (…)` into a condition. */
  filter?(name: string, values: string[]): Condition | undefined;
}
