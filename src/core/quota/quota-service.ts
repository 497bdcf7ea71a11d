import type { QuotaRepo } from '../../store/repos/quota-repo.ts';
import type { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import { InvalidQuotaValue, OverQuota } from '../errors.ts';

/** What counts a project's use of one quota resource (a resource table, or a computed sum). */
export interface UsageCounter {
  countByProject(tx: Tx, projectId: string): Promise<number>;
}

/** The counters of each quota resource. */
export type UsageCounters = ReadonlyMap<string, UsageCounter>;

export interface QuotaDetail { limit: number; used: number; reserved: number }

/**
 * Quotas per project with configured defaults (-1 = unlimited). Usage is
 * counted from the real rows inside the creating transaction, so a bulk
 * create is checked as a whole.
 */
export class QuotaService {
  private counters: UsageCounters = new Map();

  constructor(private readonly store: Store, private readonly repo: QuotaRepo, private readonly defaults: Readonly<Record<string, number>>) {}

  /** Registers which table counts for which quota resource (done once when services are wired). */
  setCounters(counters: UsageCounters): void {
    this.counters = counters;
  }

  /** The quota resource names, in a stable order. */
  resources(): string[] {
    return Object.keys(this.defaults);
  }

  /** 409 OverQuota when creating one row per entry of `projectIds` would exceed a project's limit. */
  async checkCreate(tx: Tx, resource: string, counter: ResourceRepo, projectIds: string[]): Promise<void> {
    const wanted = new Map<string, number>();
    for (const p of projectIds) wanted.set(p, (wanted.get(p) ?? 0) + 1);
    for (const [projectId, count] of wanted) {
      const limit = (await this.repo.limitsOf(tx, projectId)).get(resource) ?? this.defaults[resource] ?? -1;
      if (limit < 0) continue;
      const used = await counter.countByProject(tx, projectId);
      if (used + count > limit) throw new OverQuota([resource]);
    }
  }

  /**
   * 409 OverQuota when `value` exceeds the project's limit of a per-object
   * resource (Neutron's limit_check: `router_route`, routes per router).
   */
  async checkLimit(tx: Tx, resource: string, projectId: string, value: number): Promise<void> {
    const limit = (await this.repo.limitsOf(tx, projectId)).get(resource) ?? this.defaults[resource] ?? -1;
    if (limit >= 0 && value > limit) throw new OverQuota([resource]);
  }

  /** The effective limit of one resource for a project (-1 = unlimited), inside `tx`. */
  async limitOf(tx: Tx, resource: string, projectId: string): Promise<number> {
    return (await this.repo.limitsOf(tx, projectId)).get(resource) ?? this.defaults[resource] ?? -1;
  }

  async limits(projectId: string): Promise<Record<string, number>> {
    return this.store.read(async (tx) => this.effective(tx, projectId));
  }

  defaultLimits(): Record<string, number> {
    return { ...this.defaults };
  }

  async details(projectId: string): Promise<Record<string, QuotaDetail>> {
    return this.store.read(async (tx) => {
      const limits = await this.effective(tx, projectId);
      const out: Record<string, QuotaDetail> = {};
      for (const [resource, limit] of Object.entries(limits)) {
        const counter = this.counters.get(resource);
        out[resource] = { limit, used: counter ? await counter.countByProject(tx, projectId) : 0, reserved: 0 };
      }
      return out;
    });
  }

  /**
   * Sets limits. With `checkUsage`, a limit below current usage is refused
   * (quota-check-limit); without, it is accepted and only blocks new resources.
   */
  async update(projectId: string, limits: Record<string, number>, checkUsage: boolean): Promise<Record<string, number>> {
    return this.store.transaction(async (tx) => {
      for (const [resource, limit] of Object.entries(limits)) {
        if (!Object.hasOwn(this.defaults, resource)) throw new InvalidQuotaValue(`Unrecognized attribute(s) '${resource}'`);
        if (!Number.isInteger(limit) || limit < -1 || limit > 2147483647) throw new InvalidQuotaValue(`Invalid input for ${resource}. Reason: '${limit}' is too small - must be at least '-1'.`);
        const counter = this.counters.get(resource);
        if (checkUsage && limit >= 0 && counter) {
          const used = await counter.countByProject(tx, projectId);
          if (used > limit) throw new InvalidQuotaValue(`Quota limit ${limit} for ${resource} must be greater than or equal to already used and reserved ${used}.`);
        }
        await this.repo.set(tx, projectId, resource, limit);
      }
      return this.effective(tx, projectId);
    });
  }

  async reset(projectId: string): Promise<void> {
    await this.store.transaction((tx) => this.repo.reset(tx, projectId));
  }

  /** Every project with an override, with its effective limits. */
  async listOverrides(): Promise<Array<{ projectId: string; limits: Record<string, number> }>> {
    return this.store.read(async (tx) => {
      const out = [];
      for (const projectId of await this.repo.projects(tx)) out.push({ projectId, limits: await this.effective(tx, projectId) });
      return out;
    });
  }

  private async effective(tx: Tx, projectId: string): Promise<Record<string, number>> {
    const overrides = await this.repo.limitsOf(tx, projectId);
    return Object.fromEntries(Object.entries(this.defaults).map(([r, d]) => [r, overrides.get(r) ?? d]));
  }
}
