import { randomUUID } from 'node:crypto';
import type { ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import type { Related } from '../../policy/rule-compiler.ts';
import type { ListQuery } from '../../store/repos/list-query.ts';
import type { ResourceRepo, Row } from '../../store/repos/resource-repo.ts';
import type { RowSet, Selection } from '../../store/repos/row-set.ts';
import type { TagRepo } from '../../store/repos/tag-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { HTTPBadRequest, HTTPForbidden, NetworkNotFound, PolicyNotAuthorized, RevisionNumberConstraintFailed, type NeutronError } from '../errors.ts';
import type { QuotaService } from '../quota/quota-service.ts';
import { cloneValues } from './clone-values.ts';
import { encodeInto, recordToRow, rowToRecord, storedColumns, valuesToRecord, type ResourceRecord } from './record-codec.ts';
import type { ResourceHooks } from './resource-hooks.ts';
import { bumpRevision, updateAndBump } from './revision.ts';

/** What every resource service needs from the outside. */
export interface ResourceServiceDeps {
  readonly store: Store;
  readonly tags: TagRepo;
  readonly quotas: QuotaService;
  /** Who may do what (Neutron's policy rules); consulted once per object, attribute views once per response. */
  readonly policy: Policy;
  /** Networks as records, for the policy rules of resources that live on one (subnets, ports). */
  readonly networks: NetworkLookup;
  /** The per-caller `shared` attribute of objects RBAC policies share (core/rbac); absent: only the stored column. */
  readonly sharing?: SharedMarker;
}

/**
 * Sets `shared` on records of a shareable collection as their reader sees it
 * (true when shared with the reader's project or with everyone): one
 * statement for any number of records, none when none can change.
 */
export interface SharedMarker {
  markShared(tx: Tx, projectId: string, collection: string, records: readonly ResourceRecord[]): Promise<void>;
}

/** Reads networks for policy targets; `one` is remembered for the rest of the transaction. */
export interface NetworkLookup {
  one(tx: Tx, id: string): Promise<ResourceRecord | undefined>;
  many(tx: Tx, ids: readonly string[]): Promise<Map<string, ResourceRecord>>;
}

/** Tag operations of the /tags sub-resource and the policy action each one is. */
export type TagChange =
  | { readonly action: 'create' | 'update'; readonly set?: string[]; readonly add?: string[] }
  | { readonly action: 'delete'; readonly set?: []; readonly remove?: string };

/**
 * The generic engine's domain half: create (single and bulk), show, list,
 * update and delete for any resource, with the resource's hooks inside the
 * one transaction of the request. Knows nothing of HTTP.
 */
export class ResourceService {
  /** The related objects (a subnet's or port's network) each rendered record was authorised with, for attribute views. */
  private readonly relatedOfRecord = new WeakMap<ResourceRecord, Related>();
  /** Subnets and ports: their network's owner and sharing decide what callers may do. */
  private readonly onNetwork: boolean;

  constructor(
    readonly resource: ResolvedResource,
    readonly repo: ResourceRepo,
    private readonly deps: ResourceServiceDeps,
    private readonly hooks: ResourceHooks,
    private readonly notFound: (id: string) => NeutronError,
  ) {
    this.onNetwork = resource.name !== 'network' && 'network_id' in resource.attributes;
  }

  /** Creates all `items` atomically (bulk = all or nothing). Each item carries its `project_id`. */
  async create(ctx: RequestContext, items: ResourceRecord[]): Promise<ResourceRecord[]> {
    return this.deps.store.transaction(async (tx) => {
      // Hooks fill values in place: each attempt of a retried transaction starts from the request.
      const all = cloneValues(items);
      await this.hooks.readAhead?.(tx, ctx, all);
      const related: Related[] = [];
      for (const values of all) related.push(await this.authorizeCreate(tx, ctx, values));
      if (this.resource.quotaResource) await this.deps.quotas.checkCreate(tx, this.resource.quotaResource, this.repo, all.map((i) => String(i.project_id)));
      const rows: Row[] = [];
      for (const values of all) rows.push(await this.insertOne(tx, ctx, values));
      const records = await this.renderCreated(tx, ctx, rows, all);
      records.forEach((record, i) => this.relatedOfRecord.set(record, related[i]!));
      return records;
    });
  }

  /** Inserts one resource inside an open transaction; returns the row as stored. */
  private async insertOne(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<Row> {
    const id = randomUUID();
    values.id = id;
    const description = values.description ?? '';
    await this.hooks.beforeCreate?.(tx, ctx, values);
    // Built in place, not by spreading objects into each other (see encodeInto).
    const row = encodeInto({ created_at: tx.now, updated_at: tx.now, revision_number: 0, description }, this.resource, values);
    row.id = id;
    row.project_id = values.project_id;
    await this.repo.insert(tx, row);
    // The row's own revision is not bumped by its children within its creating transaction.
    tx.bumped.add(`${this.resource.table}/${id}`);
    await this.hooks.afterCreate?.(tx, ctx, values);
    if (Array.isArray(values.tags)) await this.deps.tags.add(tx, this.resource.name, id, values.tags as string[]);
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
      const row = await this.repo.get(tx, id, { visibility: this.deps.policy.visibility(ctx, this.resource.collection) });
      if (!row) throw this.notFound(id);
      const record = rowToRecord(this.resource, row);
      await this.markShared(tx, ctx, [record]);
      const related = await this.relatedOf(tx, record, ctx);
      if (!this.deps.policy.authorize(ctx, `get_${this.resource.name}`, record, related)) throw this.notFound(id);
      this.relatedOfRecord.set(record, related);
      return (await this.renderRecords(tx, ctx, [record]))[0]!;
    });
  }

  async list(ctx: RequestContext, query: ListQuery): Promise<ResourceRecord[]> {
    return this.deps.store.read(async (tx) => {
      const listed = await this.repo.listValues(tx, { ...query, caller: ctx.projectId, visibility: this.deps.policy.visibility(ctx, this.resource.collection) }, storedColumns(this.resource));
      const records = await this.readable(tx, ctx, listed.rows.map((values) => valuesToRecord(this.resource, values)));
      return this.renderRecords(tx, ctx, records, listed.selection);
    });
  }

  /** Partial update; `ifMatch` is the expected revision_number (412 when it differs). */
  async update(ctx: RequestContext, id: string, changes: ResourceRecord, ifMatch?: number): Promise<ResourceRecord> {
    return this.deps.store.transaction(async (tx) => {
      const current = await this.getForChange(tx, ctx, id, ifMatch, `update_${this.resource.name}`, changes);
      await this.hooks.beforeUpdate?.(tx, ctx, current, changes);
      await this.writeUpdate(tx, id, recordToRow(this.resource, changes));
      await this.hooks.afterUpdate?.(tx, ctx, current, changes);
      const updated = (await this.load(tx, ctx, [id]))[0]!;
      this.relatedOfRecord.set(updated, await this.relatedOf(tx, updated, ctx));
      return updated;
    });
  }

  async delete(ctx: RequestContext, id: string, ifMatch?: number): Promise<void> {
    await this.deps.store.transaction(async (tx) => {
      const current = await this.getForChange(tx, ctx, id, ifMatch, `delete_${this.resource.name}`);
      await this.hooks.beforeDelete?.(tx, ctx, current);
      await this.deps.tags.removeAll(tx, id);
      await this.repo.delete(tx, id);
      await this.hooks.afterDelete?.(tx, ctx, current);
    });
  }

  /**
   * Creates one resource inside an open transaction on the system's behalf
   * (Neutron's plugin-level create: a router's interface or gateway port, a
   * floating IP's port). The hooks run; neither policy nor quota is asked.
   * Absent attributes get their definition's default.
   */
  async createWithin(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<ResourceRecord> {
    const filled = { ...values };
    for (const [name, spec] of Object.entries(this.resource.attributes)) {
      if (filled[name] === undefined && spec.allowPost && spec.default !== undefined) filled[name] = structuredClone(spec.default);
    }
    const row = await this.insertOne(tx, ctx, filled);
    return (await this.render(tx, ctx, [row]))[0]!;
  }

  /** Updates inside an open transaction on the system's behalf: hooks and revision bump, no policy. Returns the record after. */
  async updateWithin(tx: Tx, ctx: RequestContext, id: string, changes: ResourceRecord): Promise<ResourceRecord> {
    const current = await this.repo.get(tx, id, { forUpdate: true });
    if (!current) throw this.notFound(id);
    await this.hooks.beforeUpdate?.(tx, ctx, current, changes);
    await this.writeUpdate(tx, id, recordToRow(this.resource, changes));
    await this.hooks.afterUpdate?.(tx, ctx, current, changes);
    return (await this.load(tx, ctx, [id]))[0]!;
  }

  /** Deletes inside an open transaction on the system's behalf: hooks run, no policy. A missing row is a no-op. */
  async deleteWithin(tx: Tx, ctx: RequestContext, id: string): Promise<void> {
    const current = await this.repo.get(tx, id, { forUpdate: true });
    if (!current) return;
    await this.hooks.beforeDelete?.(tx, ctx, current);
    await this.deps.tags.removeAll(tx, id);
    await this.repo.delete(tx, id);
    await this.hooks.afterDelete?.(tx, ctx, current);
  }

  /** One record the caller may read (get_<resource>), inside `tx`; else 404 (this resource's NotFound). */
  async readWithin(tx: Tx, ctx: RequestContext, id: string): Promise<ResourceRecord> {
    const row = await this.repo.get(tx, id, { visibility: this.deps.policy.visibility(ctx, this.resource.collection) });
    if (!row) throw this.notFound(id);
    const record = rowToRecord(this.resource, row);
    if (!this.deps.policy.authorize(ctx, `get_${this.resource.name}`, record, await this.relatedOf(tx, record))) throw this.notFound(id);
    return (await this.renderRecords(tx, ctx, [record]))[0]!;
  }

  /** Replaces / adds / removes tags and bumps the revision (the /tags sub-resource). */
  async changeTags(ctx: RequestContext, id: string, change: TagChange): Promise<boolean> {
    return this.deps.store.transaction(async (tx) => {
      await this.getForChange(tx, ctx, id, undefined, `${change.action}_${this.resource.name}:tags`);
      let existed = true;
      if (change.set) {
        await this.deps.tags.removeAll(tx, id);
        await this.deps.tags.add(tx, this.resource.name, id, change.set);
      }
      if ('add' in change && change.add) await this.deps.tags.add(tx, this.resource.name, id, change.add);
      if ('remove' in change && change.remove !== undefined) existed = await this.deps.tags.remove(tx, id, change.remove);
      if (!existed) return false;
      await this.touch(tx, id);
      return true;
    });
  }

  /** Tags of a visible resource. */
  async tagsOf(ctx: RequestContext, id: string): Promise<string[]> {
    return this.deps.store.read(async (tx) => {
      const row = await this.repo.get(tx, id);
      if (!row) throw this.notFound(id);
      const record = rowToRecord(this.resource, row);
      const decision = this.deps.policy.checkAction(ctx, `get_${this.resource.name}:tags`, record, await this.relatedOf(tx, record), `get_${this.resource.name}`);
      if (!decision.allowed) throw decision.notFound ? this.notFound(id) : new PolicyNotAuthorized(decision.rule);
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
    const records = rows.map((row) => rowToRecord(this.resource, row));
    await this.markShared(tx, ctx, records);
    return this.renderRecords(tx, ctx, records);
  }

  private async render(tx: Tx, ctx: RequestContext, rows: Row[]): Promise<ResourceRecord[]> {
    return this.renderRecords(tx, ctx, rows.map((row) => rowToRecord(this.resource, row)));
  }

  /**
   * Adds tags and what hooks compute (fixed_ips, dns_assignment …) to decoded
   * records; `selection`: the list's, for reading the children of a long list.
   */
  private async renderRecords(tx: Tx, ctx: RequestContext, records: ResourceRecord[], selection?: Selection): Promise<ResourceRecord[]> {
    const rows: RowSet = { ids: records.map((r) => String(r.id)), ...(selection ? { selection } : {}) };
    if (this.resource.standardAttributes && 'tags' in this.resource.attributes) {
      const tags = await this.deps.tags.tagsOf(tx, rows);
      for (const record of records) record.tags = tags.get(String(record.id)) ?? [];
    }
    await this.hooks.extend?.(tx, ctx, records, rows);
    return records;
  }

  /**
   * The row a caller wants to change, locked: 404 when they may not see it,
   * 403 when they see it but may not do `action` (with `changes`, the
   * attributes an update sets), 412 when If-Match fails.
   */
  private async getForChange(tx: Tx, ctx: RequestContext, id: string, ifMatch: number | undefined, action: string, changes?: ResourceRecord): Promise<Row> {
    const row = await this.repo.get(tx, id, { forUpdate: true });
    if (!row) throw this.notFound(id);
    const current = rowToRecord(this.resource, row);
    // Neutron checks a change against the object read with its policy fields only: a hidden, computed
    // `shared` (address groups) is not among them, so a project the object is shared with gets a 404.
    if (this.resource.attributes.shared?.visible !== false) await this.markShared(tx, ctx, [current]);
    const related = await this.relatedOf(tx, current, ctx);
    const decision = changes
      ? this.deps.policy.checkUpdate(ctx, this.resource, current, changes, related)
      : this.deps.policy.checkAction(ctx, action, current, related, `get_${this.resource.name}`);
    if (!decision.allowed) throw decision.notFound ? this.notFound(id) : new PolicyNotAuthorized(decision.rule);
    if (ifMatch !== undefined && Number(row.revision_number) !== ifMatch) {
      throw new RevisionNumberConstraintFailed(ifMatch, Number(row.revision_number));
    }
    return row;
  }

  /**
   * Attributes of this resource the caller may not see in a response made
   * of `records` (Neutron decides from the first record). Call with records
   * this service returned.
   */
  hiddenAttributes(ctx: RequestContext, records: readonly ResourceRecord[]): ReadonlySet<string> {
    const sample = records[0];
    if (sample === undefined) return this.deps.policy.attributeView(ctx, this.resource.name).hidden;
    return this.deps.policy.attributeView(ctx, this.resource.name, sample, this.relatedOfRecord.get(sample) ?? {}).hidden;
  }

  /**
   * May `ctx` create `values`? For subnets and ports first Neutron's
   * network-ownership check (its OwnershipValidationHook, which runs before
   * the policy): a network the caller cannot see answers 404; on a network
   * that is not shared, the item must belong to the network's project unless
   * the caller is an admin or a service (Nova, Ironic) — else 403. Then
   * create_<resource> and its attribute rules: 403, or 404 when the caller
   * may not see the network.
   */
  private async authorizeCreate(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<Related> {
    const powers = this.deps.policy.powersOf(ctx);
    // neutron-lib checks this while reading the body, before any policy rule: a 400, not a 403.
    if (!powers.admin && !powers.service && values.project_id !== undefined && values.project_id !== ctx.projectId) {
      throw new HTTPBadRequest("Specifying 'project_id' other than the authenticated project in request is not allowed for the current user.");
    }
    const related = await this.relatedOf(tx, values, ctx);
    const network = related.network;
    if (this.onNetwork) {
      const networkId = String(values.network_id);
      if (network === undefined) throw new NetworkNotFound(networkId);
      if (!powers.admin && !powers.service) {
        if (!this.deps.policy.authorize(ctx, 'get_network', network)) throw new NetworkNotFound(networkId);
        if (network.shared !== true && network.project_id !== values.project_id) {
          throw new HTTPForbidden(`Tenant ${String(values.project_id)} not allowed to create ${this.resource.name} on this network`);
        }
      }
    }
    const decision = this.deps.policy.checkCreate(ctx, this.resource, values, related);
    if (!decision.allowed) throw decision.notFound ? new NetworkNotFound(String(values.network_id)) : new PolicyNotAuthorized(decision.rule);
    return related;
  }

  /** The records (decoded, not yet extended) the caller may read: get_<resource> per record, networks read in one query. */
  private async readable(tx: Tx, ctx: RequestContext, records: ResourceRecord[]): Promise<ResourceRecord[]> {
    const action = `get_${this.resource.name}`;
    const networks = this.onNetwork ? await this.deps.networks.many(tx, [...new Set(records.map((r) => String(r.network_id)))]) : undefined;
    await this.markShared(tx, ctx, records);
    if (networks) await this.markSharedNetworks(tx, ctx, [...networks.values()]);
    const out: ResourceRecord[] = [];
    for (const record of records) {
      // A network gone meanwhile reads as one nobody owns: rules about its owner fail closed.
      const related: Related = networks ? { network: networks.get(String(record.network_id)) ?? {} } : {};
      if (!this.deps.policy.authorize(ctx, action, record, related)) continue;
      if (out.length === 0) this.relatedOfRecord.set(record, related);
      out.push(record);
    }
    return out;
  }

  /** What the policy rules of this resource read besides the object: a subnet's or port's network, `shared` as `ctx` sees it. */
  private async relatedOf(tx: Tx, record: ResourceRecord, ctx?: RequestContext): Promise<Related> {
    if (!this.onNetwork || typeof record.network_id !== 'string') return {};
    const network = await this.deps.networks.one(tx, record.network_id);
    if (network !== undefined && ctx !== undefined) await this.markSharedNetworks(tx, ctx, [network]);
    return network === undefined ? {} : { network };
  }

  /** `shared` of this resource's records as `ctx` sees it (RBAC policies naming its project). */
  private async markShared(tx: Tx, ctx: RequestContext, records: readonly ResourceRecord[]): Promise<void> {
    await this.deps.sharing?.markShared(tx, ctx.projectId, this.resource.collection, records);
  }

  /**
   * `shared` of subnets' and ports' networks as `ctx` sees it. Admins and
   * services pass every network rule without it, so they pay no query.
   */
  private async markSharedNetworks(tx: Tx, ctx: RequestContext, networks: readonly ResourceRecord[]): Promise<void> {
    if (!this.deps.sharing || networks.length === 0) return;
    const powers = this.deps.policy.powersOf(ctx);
    if (powers.admin || powers.service) return;
    await this.deps.sharing.markShared(tx, ctx.projectId, 'networks', networks);
  }

  /** Writes an update's columns and bumps the revision, in one statement where the row's table is the resource's. */
  private async writeUpdate(tx: Tx, id: string, columns: Row): Promise<void> {
    const table = this.resource.table;
    if (table !== undefined && table === this.repo.table && await updateAndBump(tx, table, id, columns)) return;
    await this.repo.update(tx, id, columns);
    await this.touch(tx, id);
  }

  private async touch(tx: Tx, id: string): Promise<void> {
    if (!this.resource.table) return;
    await bumpRevision(tx, this.resource.table, id, { force: true });
  }
}
