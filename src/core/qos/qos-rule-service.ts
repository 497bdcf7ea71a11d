import type { ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import type { ListQuery } from '../../store/repos/list-query.ts';
import { makeContext, type RequestContext } from '../context.ts';
import { PolicyNotAuthorized, QosRuleNotFound } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';

/**
 * The rules of one type under a policy
 * (`/v2.0/qos/policies/{policy_id}/<type>_rules`): the parent must be a
 * policy the caller sees (404 QosPolicyNotFound), a rule of another policy
 * is not there (404 QosRuleNotFound); the rest is the generic engine with
 * Neutron's policy names (`create_policy_<type>_rule` …). Rules take the
 * policy's project. A caller who could not create a rule even in a policy
 * of its own is refused (403) before the policy is looked up, as Neutron's
 * API layer does; whoever may see a shared policy (with everyone, or with
 * its project by RBAC) may read its rules.
 */
export class QosRuleService {
  constructor(
    /** The rule type (`bandwidth_limit` …). */
    readonly type: string,
    /** The rules as served under a policy: body key `<type>_rule`. */
    readonly resource: ResolvedResource,
    private readonly rules: ResourceService,
    private readonly policies: ResourceService,
    private readonly policy: Policy,
  ) {}

  async list(ctx: RequestContext, policyId: string, query: ListQuery): Promise<ResourceRecord[]> {
    const reader = await this.readerOfRules(ctx, policyId);
    return this.rules.list(reader, { ...query, conditions: [...query.conditions, { kind: 'in', column: 'qos_policy_id', values: [policyId] }] });
  }

  async create(ctx: RequestContext, policyId: string, items: ResourceRecord[]): Promise<ResourceRecord[]> {
    const action = `create_policy_${this.type}_rule`;
    const own = { project_id: ctx.projectId, tenant_id: ctx.projectId };
    if (!this.policy.authorize(ctx, action, own)) throw new PolicyNotAuthorized(action);
    const policy = await this.policies.show(ctx, policyId);
    for (const item of items) Object.assign(item, { qos_policy_id: policyId, project_id: policy.project_id, tenant_id: policy.project_id });
    return this.rules.create(ctx, items);
  }

  async show(ctx: RequestContext, policyId: string, ruleId: string): Promise<ResourceRecord> {
    await this.inPolicy(ctx, policyId, ruleId);
    return this.rules.show(await this.readerOfRules(ctx, policyId), ruleId);
  }

  async update(ctx: RequestContext, policyId: string, ruleId: string, changes: ResourceRecord): Promise<ResourceRecord> {
    await this.inPolicy(ctx, policyId, ruleId);
    await this.refuseSharedReader(ctx, policyId, 'update');
    return this.rules.update(ctx, ruleId, changes);
  }

  async delete(ctx: RequestContext, policyId: string, ruleId: string): Promise<void> {
    await this.inPolicy(ctx, policyId, ruleId);
    await this.refuseSharedReader(ctx, policyId, 'delete');
    await this.rules.delete(ctx, ruleId);
  }

  /** Whoever sees the rules only because the policy is shared with them may not change them: 403, not 404. */
  private async refuseSharedReader(ctx: RequestContext, policyId: string, verb: string): Promise<void> {
    if ((await this.readerOfRules(ctx, policyId)) !== ctx) throw new PolicyNotAuthorized(`${verb}_policy_${this.type}_rule`);
  }

  /** Attributes hidden from this caller in a response of these rules. */
  hiddenAttributes(ctx: RequestContext, records: readonly ResourceRecord[]): ReadonlySet<string> {
    return this.rules.hiddenAttributes(ctx, records);
  }

  /**
   * The context to read a policy's rules with: the caller's own, or for a
   * policy shared with the caller and owned by another project, a reader of
   * the owner's project (rules carry their policy's project, and only
   * reading them is granted). 404 when the caller cannot see the policy.
   */
  private async readerOfRules(ctx: RequestContext, policyId: string): Promise<RequestContext> {
    const policy = await this.policies.show(ctx, policyId);
    if (ctx.isAdmin || policy.project_id === ctx.projectId || policy.shared !== true) return ctx;
    return makeContext(String(policy.project_id), ['reader'], ctx.userId);
  }

  private async inPolicy(ctx: RequestContext, policyId: string, ruleId: string): Promise<void> {
    const policy = await this.policies.show(ctx, policyId);
    const rules = (policy.rules as Array<{ id: string; type: string }> | undefined) ?? [];
    if (!rules.some((r) => r.id === ruleId && r.type === this.type)) throw new QosRuleNotFound(ruleId, policyId);
  }
}
