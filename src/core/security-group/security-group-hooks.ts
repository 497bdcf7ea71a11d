import type { ResolvedResource } from '../../definitions/index.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import {
  SecurityGroupCannotRemoveDefault, SecurityGroupCannotUpdateDefault, SecurityGroupDefaultAlreadyExists, SecurityGroupInUse,
} from '../errors.ts';
import { rowToRecord, type ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import type { DefaultSecurityGroups } from './default-security-groups.ts';

/** Neutron's name_not_default: no other group may be called "default", in any case. */
function isDefaultName(name: unknown): boolean {
  return typeof name === 'string' && name.toLowerCase() === 'default';
}

/**
 * Security groups: a new group gets its project's default group made first
 * and starts with the template rules (the egress ones); nobody renames the
 * default group, only administrators delete it; groups used by ports are
 * not deleted, nor switched between stateful and stateless; deleting a
 * group deletes its rules and the rules that name it as remote group. Each
 * group shows its rules (`security_group_rules`, as the rules API shows them).
 */
export function securityGroupHooks(defaults: DefaultSecurityGroups, repo: SecurityGroupRepo, rules: ResolvedResource): ResourceHooks {
  const embed = ruleEmbedder(rules);
  /** Template rules of groups being created, from beforeCreate to afterCreate. */
  const pending = new WeakMap<ResourceRecord, Row[]>();

  return {
    async beforeCreate(tx, ctx, values) {
      if (isDefaultName(values.name)) throw new SecurityGroupDefaultAlreadyExists();
      await defaults.ensure(tx, ctx, String(values.project_id));
      const ruleRows = await defaults.templateRules(tx, { id: String(values.id), project_id: String(values.project_id) }, false);
      pending.set(values, ruleRows);
      // Its rules are the group's first change: Neutron shows a new group at revision 1.
      values.revision_number = ruleRows.length > 0 ? 1 : 0;
    },

    async afterCreate(tx, _ctx, values) {
      await repo.insertRules(tx, pending.get(values) ?? []);
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      const id = String(current.id);
      if (changes.name !== undefined) {
        if (isDefaultName(changes.name)) throw new SecurityGroupDefaultAlreadyExists();
        if (current.name === 'default') throw new SecurityGroupCannotUpdateDefault();
      }
      if (changes.stateful !== undefined && changes.stateful !== (Number(current.stateful) === 1) && (await repo.inUse(tx, id))) {
        throw new SecurityGroupInUse(id);
      }
    },

    async beforeDelete(tx, ctx, current) {
      const id = String(current.id);
      if (await repo.inUse(tx, id)) throw new SecurityGroupInUse(id);
      if (current.name === 'default' && !ctx.isAdmin) throw new SecurityGroupCannotRemoveDefault();
      for (const other of await repo.deleteRulesAround(tx, id)) await bumpRevision(tx, 'security_groups', other);
    },

    async extend(tx, _ctx, records) {
      const ids = records.map((r) => String(r.id));
      const [rows, defaultGroups] = await Promise.all([repo.rulesOf(tx, ids), repo.defaultGroupsAmong(tx, ids)]);
      const byGroup = new Map<string, ResourceRecord[]>();
      for (const row of rows) {
        const list = byGroup.get(String(row.security_group_id));
        const rule = embed(row);
        rule.belongs_to_default_sg = defaultGroups.has(String(row.security_group_id));
        if (list) list.push(rule);
        else byGroup.set(String(row.security_group_id), [rule]);
      }
      for (const record of records) {
        record.security_group_rules = byGroup.get(String(record.id)) ?? [];
        // Set by the engine from RBAC policies for reads (core/rbac); a group just made is shared with nobody.
        if (typeof record.shared !== 'boolean') record.shared = false;
      }
    },
  };
}

/** A rule row as the rules API shows it (every visible attribute; tenant_id mirrors project_id). */
function ruleEmbedder(rules: ResolvedResource): (row: Row) => ResourceRecord {
  const names = Object.entries(rules.attributes).filter(([, spec]) => spec.visible !== false).map(([name]) => name);
  return (row) => {
    const record = rowToRecord(rules, row);
    const out: ResourceRecord = {};
    for (const name of names) out[name] = name === 'tenant_id' ? record.project_id : record[name];
    return out;
  };
}
