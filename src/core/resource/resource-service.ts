import { randomUUID } from 'node:crypto';
import type { ResolvedResource } from '../../definitions/index.ts';
import { visibilityFor } from '../../policy/visibility.ts';
import type { ChangeRepo } from '../../store/repos/change-repo.ts';
import type { ListQuery } from '../../store/repos/list-query.ts';
import type { ResourceRepo, Row } from '../../store/repos/resource-repo.ts';
import type { TagRepo } from '../../store/repos/tag-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { PolicyNotAuthorized, RevisionNumberConstraintFailed, type NeutronError } from '../errors.ts';
import type { QuotaService } from '../quota/quota-service.ts';
import { recordToRow, rowToRecord, storedColumns, valuesToRecord, type ResourceRecord } from './record-codec.ts';
import type { ResourceHooks } from './resource-hooks.ts';
import { bumpRevision } from './revision.ts';

/** What every resource service needs from the outside. */
export interface ResourceServiceDeps {
  readonly store: Store;
  readonly tags: TagRepo;
  readonly changes: ChangeRepo;
  readonly quotas: QuotaService;
}

/**
 * The generic engine's domain half: create (single and bulk), show, list,
 * update and delete for any resource, with the resource's hooks inside the
 * one transaction of the request. Knows nothing of HTTP.
 */
export class ResourceService {
  constructor(
    readonly resource: ResolvedResource,
    readonly repo: ResourceRepo,
    private readonly deps: ResourceServiceDeps,
    private readonly hooks: ResourceHooks,
    private readonly notFound: (id: string) => NeutronError,
  ) {}

  /** Creates all `items` atomically (bulk = all or nothing). Each item carries its `project_id`. */
  async create(ctx: RequestContext, items: ResourceRecord[]): Promise<ResourceRecord[]> {
    return this.deps.store.transaction(async (tx) => {
      if (this.resource.quotaResource) await this.deps.quotas.checkCreate(tx, this.resource.quotaResource, this.repo, items.map((i) => String(i.project_id)));
      // Hooks fill values in place: each attempt of a retried transaction starts from the request.
      const all = structuredClone(items);
      const rows: Row[] = [];
      for (const values of all) rows.push(await this.insertOne(tx, ctx, values));
      return this.renderCreated(tx, ctx, rows, all);
    });
  }

  /** Inserts one resource inside an open transaction; returns the row as stored. */
  private async insertOne(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<Row> {
    const id = randomUUID();
    values.id = id;
    const standard = { created_at: tx.now, updated_at: tx.now, revision_number: 0, description: values.description ?? '' };
    await this.hooks.beforeCreate?.(tx, ctx, values);
    const row = { ...standard, ...recordToRow(this.resource, values), id, project_id: values.project_id };
    await this.repo.insert(tx, row);
    // The row's own revision is not bumped by its children within its creating transaction.
    tx.bumped.add(`${this.resource.table}/${id}`);
    await this.hooks.afterCreate?.(tx, ctx, values);
    if (Array.isArray(values.tags)) await this.deps.tags.add(tx, this.resource.name, id, values.tags as string[]);
    await this.deps.changes.record(tx, this.resource.name, id, 'create', String(values.project_id));
    return row;
  }

  /** Created records without re-reading what the transaction just wrote, when the hooks allow it. */
  private async renderCreated(tx: Tx, ctx: RequestContext, rows: Row[], values: ResourceRecord[]): Promise<ResourceRecord[]> {
    if (!this.hooks.extendCreated) return this.render(tx, ctx, rows);
    const records = rows.map((row) => rowToRecord(this.resource, row));
    if (this.resource.standardAttributes && 'tags' in this.resource.attributes) {
      records.forEach((record, i) => { record.tags = Array.isArray(values[i]!.tags) ? [...new Set(values[i]!.tags as string[])].sort() : []; });
    }
    this.hooks.extendCreated(records, values);
    return records;
  }

  async show(ctx: RequestContext, id: string): Promise<ResourceRecord> {
    return this.deps.store.read(async (tx) => {
      const row = await this.repo.get(tx, id, { visibility: visibilityFor(ctx, this.resource.collection) });
      if (!row) throw this.notFound(id);
      return (await this.render(tx, ctx, [row]))[0]!;
    });
  }

  async list(ctx: RequestContext, query: ListQuery): Promise<ResourceRecord[]> {
    return this.deps.store.read(async (tx) => {
      const rows = await this.repo.listValues(tx, { ...query, visibility: visibilityFor(ctx, this.resource.collection) }, storedColumns(this.resource));
      return this.renderRecords(tx, ctx, rows.map((values) => valuesToRecord(this.resource, values)));
    });
  }

  /** Partial update; `ifMatch` is the expected revision_number (412 when it differs). */
  async update(ctx: RequestContext, id: string, changes: ResourceRecord, ifMatch?: number): Promise<ResourceRecord> {
    return this.deps.store.transaction(async (tx) => {
      const current = await this.getForChange(tx, ctx, id, ifMatch, 'update');
      await this.hooks.beforeUpdate?.(tx, ctx, current, changes);
      await this.repo.update(tx, id, recordToRow(this.resource, changes));
      await this.touch(tx, id);
      await this.hooks.afterUpdate?.(tx, ctx, current, changes);
      await this.deps.changes.record(tx, this.resource.name, id, 'update', String(current.project_id));
      return (await this.load(tx, ctx, [id]))[0]!;
    });
  }

  async delete(ctx: RequestContext, id: string, ifMatch?: number): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const current = await this.getForChange(tx, ctx, id, ifMatch, 'delete');
      await this.hooks.beforeDelete?.(tx, ctx, current);
      await this.deps.tags.removeAll(tx, id);
      await this.repo.delete(tx, id);
      await this.hooks.afterDelete?.(tx, ctx, current);
      await this.deps.changes.record(tx, this.resource.name, id, 'delete', String(current.project_id));
    });
  }

  /** Replaces / adds / removes tags and bumps the revision (the /tags sub-resource). */
  async changeTags(ctx: RequestContext, id: string, change: { set?: string[]; add?: string[]; remove?: string }): Promise<boolean> {
    return this.deps.store.transaction(async (tx) => {
      const current = await this.getForChange(tx, ctx, id, undefined, 'update');
      let existed = true;
      if (change.set) {
        await this.deps.tags.removeAll(tx, id);
        await this.deps.tags.add(tx, this.resource.name, id, change.set);
      }
      if (change.add) await this.deps.tags.add(tx, this.resource.name, id, change.add);
      if (change.remove !== undefined) existed = await this.deps.tags.remove(tx, id, change.remove);
      if (!existed) return false;
      await this.touch(tx, id);
      await this.deps.changes.record(tx, this.resource.name, id, 'update', String(current.project_id));
      return true;
    });
  }

  /** Tags of a visible resource. */
  async tagsOf(ctx: RequestContext, id: string): Promise<string[]> {
    return this.deps.store.read(async (tx) => {
      const row = await this.repo.get(tx, id, { visibility: visibilityFor(ctx, this.resource.collection) });
      if (!row) throw this.notFound(id);
      return (await this.deps.tags.tagsOf(tx, [id])).get(id) ?? [];
    });
  }

  /** Loads and renders rows by id inside `tx`, in the given order. */
  async load(tx: Tx, ctx: RequestContext, ids: string[]): Promise<ResourceRecord[]> {
    const rows: Row[] = [];
    for (const id of ids) {
      const row = await this.repo.get(tx, id);
      if (row) rows.push(row);
    }
    return this.render(tx, ctx, rows);
  }

  private async render(tx: Tx, ctx: RequestContext, rows: Row[]): Promise<ResourceRecord[]> {
    return this.renderRecords(tx, ctx, rows.map((row) => rowToRecord(this.resource, row)));
  }

  /** Adds tags and what hooks compute (fixed_ips, dns_assignment …) to decoded records. */
  private async renderRecords(tx: Tx, ctx: RequestContext, records: ResourceRecord[]): Promise<ResourceRecord[]> {
    if (this.resource.standardAttributes && 'tags' in this.resource.attributes) {
      const tags = await this.deps.tags.tagsOf(tx, records.map((r) => String(r.id)));
      for (const record of records) record.tags = tags.get(String(record.id)) ?? [];
    }
    await this.hooks.extend?.(tx, ctx, records);
    return records;
  }

  /**
   * The row a caller wants to change, locked: 404 when they cannot see it,
   * 403 when they see it but do not own it, 412 when If-Match fails.
   */
  private async getForChange(tx: Tx, ctx: RequestContext, id: string, ifMatch: number | undefined, action: 'update' | 'delete'): Promise<Row> {
    const row = await this.repo.get(tx, id, { forUpdate: true, visibility: visibilityFor(ctx, this.resource.collection) });
    if (!row) throw this.notFound(id);
    if (!ctx.isAdmin && row.project_id !== ctx.projectId && !(await this.ownsParentNetwork(tx, ctx, row))) {
      throw new PolicyNotAuthorized(`${action}_${this.resource.name}`);
    }
    if (ifMatch !== undefined && Number(row.revision_number) !== ifMatch) {
      throw new RevisionNumberConstraintFailed(ifMatch, Number(row.revision_number));
    }
    return row;
  }

  /** Network owners may change ports and subnets others created on their networks (Neutron's NO-M rule). */
  private async ownsParentNetwork(tx: Tx, ctx: RequestContext, row: Row): Promise<boolean> {
    if (typeof row.network_id !== 'string') return false;
    const network = await tx.db.selectFrom('networks').select('project_id').where('id', '=', row.network_id).executeTakeFirst();
    return network?.project_id === ctx.projectId;
  }

  private async touch(tx: Tx, id: string): Promise<void> {
    if (!this.resource.table) return;
    await bumpRevision(tx, this.resource.table, id, { force: true });
  }
}
