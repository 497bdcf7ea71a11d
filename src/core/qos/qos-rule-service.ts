import type { ResolvedResource } from '../../definitions/index.ts';
import type { ListQuery } from '../../store/repos/list-query.ts';
import type { RequestContext } from '../context.ts';
import { QosRuleNotFound } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';

/**
 * The rules of one type under a policy
 * (`/v2.0/qos/policies/{policy_id}/<type>_rules`): the parent must be a
 * policy the caller sees (404 QosPolicyNotFound), a rule of another policy
 * is not there (404 QosRuleNotFound); the rest is the generic engine with
 * Neutron's policy names (`create_policy_<type>_rule` …). Rules take the
 * policy's project.
 */
export class QosRuleService {
  constructor(
    /** The rule type (`bandwidth_limit` …). */
    readonly type: string,
    /** The rules as served under a policy: body key `<type>_rule`. */
    readonly resource: ResolvedResource,
    private readonly rules: ResourceService,
    private readonly policies: ResourceService,
  ) {}

  async list(ctx: RequestContext, policyId: string, query: ListQuery): Promise<ResourceRecord[]> {
    await this.policies.show(ctx, policyId);
    return this.rules.list(ctx, { ...query, conditions: [...query.conditions, { kind: 'in', column: 'qos_policy_id', values: [policyId] }] });
  }

  async create(ctx: RequestContext, policyId: string, items: ResourceRecord[]): Promise<ResourceRecord[]> {
    const policy = await this.policies.show(ctx, policyId);
    for (const item of items) Object.assign(item, { qos_policy_id: policyId, project_id: policy.project_id, tenant_id: policy.project_id });
    return this.rules.create(ctx, items);
  }

  async show(ctx: RequestContext, policyId: string, ruleId: string): Promise<ResourceRecord> {
    await this.inPolicy(ctx, policyId, ruleId);
    return this.rules.show(ctx, ruleId);
  }

  async update(ctx: RequestContext, policyId: string, ruleId: string, changes: ResourceRecord): Promise<ResourceRecord> {
    await this.inPolicy(ctx, policyId, ruleId);
    return this.rules.update(ctx, ruleId, changes);
  }

  async delete(ctx: RequestContext, policyId: string, ruleId: string): Promise<void> {
    await this.inPolicy(ctx, policyId, ruleId);
    await this.rules.delete(ctx, ruleId);
  }

  /** Attributes hidden from this caller in a response of these rules. */
  hiddenAttributes(ctx: RequestContext, records: readonly ResourceRecord[]): ReadonlySet<string> {
    return this.rules.hiddenAttributes(ctx, records);
  }

  private async inPolicy(ctx: RequestContext, policyId: string, ruleId: string): Promise<void> {
    const policy = await this.policies.show(ctx, policyId);
    const rules = (policy.rules as Array<{ id: string; type: string }> | undefined) ?? [];
    if (!rules.some((r) => r.id === ruleId && r.type === this.type)) throw new QosRuleNotFound(ruleId, policyId);
  }
}
