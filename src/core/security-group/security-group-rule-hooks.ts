import type { ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import type { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { parseBoolean } from '../../definitions/validators/index.ts';
import {
  AddressGroupNotFound, DuplicateSecurityGroupRuleInPost, InvalidInput, PolicyNotAuthorized, SecurityGroupNotFound, SecurityGroupNotSingleGroupRules,
  SecurityGroupRuleExists, SecurityGroupRulesNotSingleProject,
} from '../errors.ts';
import type { Sharing } from '../rbac/sharing.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { normaliseRule, normalizedCidr, ruleKey, ruleMatchOf, type RuleMatch } from './rule-checks.ts';

/** What one POST (single or bulk) has established so far, kept in the transaction's memo. */
interface PostState {
  readonly groupId: string;
  readonly projectId: string;
  /** Keys of the group's rules before this POST → their ids. */
  readonly existing: Map<string, string>;
  /** Keys of the rules this POST created. */
  readonly posted: Set<string>;
}

const POST_STATE = 'security-group-rules/post';

/**
 * Security group rules, in Neutron's order: the group must exist (404) and
 * the caller may add rules to it (`create_security_group_rule` with the
 * group's owner; 404 when they cannot even see the group, else 403); all
 * rules of one POST go to one group for one project (400); the match is
 * checked and normalised (rule-checks.ts); remote groups and address
 * groups must be the rule project's (administrators: any; 404); a
 * non-administrator's rule belongs to the group's project (404 otherwise);
 * no two equal rules (409). Adding or deleting a rule is a change of its group.
 *
 * The service serving rules defers its generic create check to this hook
 * (see deferCreateCheck): only here is the group's owner known.
 */
export function securityGroupRuleHooks(policy: Policy, resource: ResolvedResource, repo: SecurityGroupRepo, sharing: Sharing): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const groupId = String(values.security_group_id);
      const group = (await repo.groups(tx, [groupId])).get(groupId);
      if (!group) throw new SecurityGroupNotFound(groupId);
      values['security_group:project_id'] = group.project_id;
      const decision = policy.checkCreate(ctx, resource, values);
      if (!decision.allowed) {
        const shared = await sharing.isSharedWith(tx, 'security_group', groupId, ctx.projectId);
        const visible = policy.authorize(ctx, 'get_security_group', { ...group, tenant_id: group.project_id, shared });
        throw visible ? new PolicyNotAuthorized(decision.rule) : new SecurityGroupNotFound(groupId);
      }
      const projectId = String(values.project_id);
      const state = await postState(tx, repo, groupId, projectId);

      for (const remote of ['remote_group_id', 'remote_address_group_id'] as const) if (values[remote] === '') values[remote] = null;
      const match = ruleMatchOf(values);
      normaliseRule(match);
      Object.assign(values, match);
      await checkRemotes(tx, ctx, repo, sharing, match, projectId);
      if (!ctx.isAdmin && group.project_id !== projectId) throw new SecurityGroupNotFound(groupId);

      const key = ruleKey({ ...match, security_group_id: groupId });
      if (state.posted.has(key)) throw new DuplicateSecurityGroupRuleInPost();
      const existing = state.existing.get(key);
      if (existing !== undefined) throw new SecurityGroupRuleExists(existing);
      state.posted.add(key);
      values.normalized_cidr = normalizedCidr(match.remote_ip_prefix);
    },

    async afterCreate(tx, _ctx, values) {
      await bumpRevision(tx, 'security_groups', String(values.security_group_id));
    },

    async afterDelete(tx, _ctx, current) {
      await bumpRevision(tx, 'security_groups', String(current.security_group_id));
    },

    async extend(tx, _ctx, records) {
      const defaults = await repo.defaultGroupsAmong(tx, [...new Set(records.map((r) => String(r.security_group_id)))]);
      for (const record of records) record.belongs_to_default_sg = defaults.has(String(record.security_group_id));
    },

    filter(name, values) {
      if (name !== 'belongs_to_default_sg') return undefined;
      const wanted = values.map((value) => {
        const parsed = parseBoolean(value);
        if (parsed === undefined) throw new InvalidInput(`'${value}' cannot be converted to boolean`);
        return parsed;
      });
      // Repeated filters are ORs: true and false together is either.
      return { kind: 'related', column: 'security_group_id', table: 'default_security_groups', select: 'security_group_id', inside: [...new Set(wanted)] };
    },
  };
}

/** The rules of one POST share a group and a project; the group's current rules are read once. */
async function postState(tx: Tx, repo: SecurityGroupRepo, groupId: string, projectId: string): Promise<PostState> {
  const known = tx.memo.get(POST_STATE) as PostState | undefined;
  if (known) {
    if (known.groupId !== groupId) throw new SecurityGroupNotSingleGroupRules();
    if (known.projectId !== projectId) throw new SecurityGroupRulesNotSingleProject();
    return known;
  }
  const existing = new Map<string, string>();
  for (const row of await repo.rulesOf(tx, [groupId])) existing.set(ruleKey({ ...ruleMatchOf(row), security_group_id: groupId }), String(row.id));
  const state = { groupId, projectId, existing, posted: new Set<string>() };
  tx.memo.set(POST_STATE, state);
  return state;
}


/**
 * A remote group or address group must exist and, unless an administrator
 * asks, belong to the rule's project or be shared with it (RBAC).
 */
async function checkRemotes(tx: Tx, ctx: RequestContext, repo: SecurityGroupRepo, sharing: Sharing, match: RuleMatch, projectId: string): Promise<void> {
  if (match.remote_group_id !== null) {
    const id = match.remote_group_id;
    const remote = (await repo.groups(tx, [id])).get(id);
    if (!remote || !(ctx.isAdmin || remote.project_id === projectId || await sharing.isSharedWith(tx, 'security_group', id, projectId))) {
      throw new SecurityGroupNotFound(id);
    }
  }
  if (match.remote_address_group_id !== null) {
    const id = match.remote_address_group_id;
    const owner = await repo.addressGroupOwner(tx, id);
    if (owner === undefined || !(ctx.isAdmin || owner === projectId || await sharing.isSharedWith(tx, 'address_group', id, projectId))) {
      throw new AddressGroupNotFound(id);
    }
  }
}
