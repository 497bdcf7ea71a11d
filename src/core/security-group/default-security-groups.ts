import { randomUUID } from 'node:crypto';
import type { ResourceRepo, Row } from '../../store/repos/resource-repo.ts';
import type { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import type { QuotaService } from '../quota/quota-service.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { normalizedCidr } from './rule-checks.ts';

/** The description Neutron gives every project's default group. */
export const DEFAULT_GROUP_DESCRIPTION = 'Default security group';

/**
 * Every project's security group named `default`, created on first need
 * (its first port, network, or list of groups or rules), and the rules new
 * groups start with, copied from the templates (default-security-group-rules).
 */
export class DefaultSecurityGroups {
  constructor(
    private readonly store: Store,
    private readonly repo: SecurityGroupRepo,
    private readonly groups: ResourceRepo,
    private readonly rules: ResourceRepo,
    private readonly quotas: QuotaService,
  ) {}

  /**
   * The id of `projectId`'s default group, creating it (with the default
   * rules) inside `tx` when it does not exist. As in Neutron, nobody but an
   * administrator makes another project's default group: for them the
   * answer is undefined. 409 OverQuota when the project cannot hold the
   * group's rules. Idempotent; two transactions racing to create it collide
   * on the primary key of default_security_groups, and the loser retries.
   */
  async ensure(tx: Tx, ctx: RequestContext, projectId: string): Promise<string | undefined> {
    if (!mayMake(ctx, projectId)) return undefined;
    const key = `default-security-group/${projectId}`;
    const known = tx.memo.get(key) as string | undefined;
    if (known !== undefined) return known;
    const id = (await this.repo.defaultGroupOf(tx, projectId)) ?? (await this.create(tx, projectId));
    tx.memo.set(key, id);
    return id;
  }

  /** {@link ensure} in a transaction of its own (before a list of groups or rules). */
  async ensureNow(ctx: RequestContext, projectId: string): Promise<void> {
    if (!mayMake(ctx, projectId)) return;
    // Almost always there already: one read, no transaction.
    if (await this.store.read((tx) => this.repo.defaultGroupOf(tx, projectId)) !== undefined) return;
    await this.store.transaction((tx) => this.ensure(tx, ctx, projectId));
  }

  /**
   * The rules a new group starts with, from the templates for default or
   * other groups; the quota of rules is checked for all of them.
   */
  async templateRules(tx: Tx, group: { id: string; project_id: string }, forDefault: boolean): Promise<Row[]> {
    const templates = await this.repo.templates(tx, forDefault);
    await this.quotas.checkCreate(tx, 'security_group_rule', this.rules, templates.map(() => group.project_id));
    return templates.map((t) => {
      const remoteIpPrefix = (t.remote_ip_prefix as string | null) ?? null;
      return {
        id: randomUUID(), project_id: group.project_id, security_group_id: group.id, security_group_project_id: group.project_id,
        remote_group_id: t.remote_group_id === 'PARENT' ? group.id : t.remote_group_id, remote_address_group_id: t.remote_address_group_id,
        direction: t.direction, ethertype: t.ethertype, protocol: t.protocol, port_range_min: t.port_range_min, port_range_max: t.port_range_max,
        remote_ip_prefix: remoteIpPrefix, normalized_cidr: normalizedCidr(remoteIpPrefix),
        description: null, created_at: tx.now, updated_at: tx.now, revision_number: 0,
      };
    });
  }

  private async create(tx: Tx, projectId: string): Promise<string> {
    const id = randomUUID();
    const rules = await this.templateRules(tx, { id, project_id: projectId }, true);
    // The group's rules count as one change of the group, as Neutron's revision 1 for a new group shows.
    await this.groups.insert(tx, {
      id, project_id: projectId, name: 'default', description: DEFAULT_GROUP_DESCRIPTION, stateful: 1,
      created_at: tx.now, updated_at: tx.now, revision_number: rules.length > 0 ? 1 : 0,
    });
    await this.repo.setDefaultGroup(tx, projectId, id);
    await this.repo.insertRules(tx, rules);
    return id;
  }
}

/** Whether `ctx` may have `projectId`'s default group made (a project id as the API accepts them: 1-255 characters). */
function mayMake(ctx: RequestContext, projectId: string): boolean {
  return projectId.length > 0 && projectId.length <= 255 && (projectId === ctx.projectId || ctx.isAdmin);
}

/** Hooks that make a project's default group when the project creates its first network (Neutron does it on network create). */
export function defaultGroupOnCreate(defaults: DefaultSecurityGroups): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      await defaults.ensure(tx, ctx, String(values.project_id));
    },
  };
}
