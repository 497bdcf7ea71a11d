import { execute, executeDeferred, inValueList, placeholders, queryRow, queryRows, ROWS_AS_ARRAYS, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';
import type { Row } from './resource-repo.ts';
import { childRows, type Rows } from './row-set.ts';

/** A security group as the checks of rules and ports need it. */
export interface GroupSummary { id: string; project_id: string; name: string; stateful: boolean }

/** Columns of a rule row, in insert order. */
const RULE_COLUMNS = [
  'id', 'project_id', 'security_group_id', 'security_group_project_id', 'remote_group_id', 'remote_address_group_id', 'direction',
  'ethertype', 'protocol', 'port_range_min', 'port_range_max', 'remote_ip_prefix', 'normalized_cidr', 'description',
  'created_at', 'updated_at', 'revision_number',
] as const;
const INSERT_RULE = `insert into "security_group_rules" (${RULE_COLUMNS.map((c) => `"${c}"`).join(', ')}) values (${placeholders(RULE_COLUMNS.length)})`;

/**
 * The `tx.memo` key under which a read-ahead may leave the id of a project's
 * default group for `defaultGroupOf`. Only a group that exists is left there:
 * a default group is never replaced, while a missing one may be made later in
 * the same transaction.
 */
export function defaultGroupKey(projectId: string): string {
  return `default-group-of/${projectId}`;
}

/**
 * The tables around security groups that are not resources of their own:
 * which group is a project's default, the rule templates, the groups of
 * each port, and rule rows written on a group's behalf. Every method runs
 * inside the given transaction.
 */
export class SecurityGroupRepo {
  /** The id of a project's default group, if it has one: read ahead in this transaction (`defaultGroupKey`), else read now. */
  async defaultGroupOf(tx: Tx, projectId: string): Promise<string | undefined> {
    const known = tx.memo.get(defaultGroupKey(projectId)) as string | undefined;
    if (known !== undefined) return known;
    const row = await queryRow<{ security_group_id: string }>(tx, 'select "security_group_id" from "default_security_groups" where "project_id" = ?', [projectId]);
    return row?.security_group_id;
  }

  /** Records a project's default group; a concurrent recording makes the primary key refuse this one (the transaction retries). */
  async setDefaultGroup(tx: Tx, projectId: string, groupId: string): Promise<void> {
    await execute(tx, 'insert into "default_security_groups" ("project_id", "security_group_id") values (?, ?)', [projectId, groupId]);
  }

  /** Which of `ids` are default groups. */
  async defaultGroupsAmong(tx: Tx, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ security_group_id: string }>(tx,
      `select "security_group_id" from "default_security_groups" where ${inValueList(tx, '"security_group_id"')}`, [valueList(tx, ids)]);
    return new Set(rows.map((r) => r.security_group_id));
  }

  /** The rule templates for a project's default group (`forDefault`) or for any other new group. */
  async templates(tx: Tx, forDefault: boolean): Promise<Row[]> {
    const column = forDefault ? 'used_in_default_sg' : 'used_in_non_default_sg';
    return queryRows(tx, `select * from "default_security_group_rules" where "${column}" = 1 order by "created_at", "id"`);
  }

  /** Inserts rule rows (every column of RULE_COLUMNS present). */
  async insertRules(tx: Tx, rules: readonly Row[]): Promise<void> {
    for (const rule of rules) await execute(tx, INSERT_RULE, RULE_COLUMNS.map((c) => rule[c] ?? null));
  }

  /** The rule rows of the given groups, ordered by group then id. */
  async rulesOf(tx: Tx, groupIds: readonly string[]): Promise<Row[]> {
    if (groupIds.length === 0) return [];
    return queryRows(tx, `select * from "security_group_rules" where ${inValueList(tx, '"security_group_id"')} order by "security_group_id", "id"`, [valueList(tx, groupIds)]);
  }

  /**
   * Deletes the rules of a group and the rules of other groups that name it
   * as their remote group; returns the ids of those other groups.
   */
  async deleteRulesAround(tx: Tx, groupId: string): Promise<string[]> {
    const others = await queryRows<{ security_group_id: string }>(tx,
      'select distinct "security_group_id" from "security_group_rules" where "remote_group_id" = ? and "security_group_id" <> ?', [groupId, groupId]);
    await execute(tx, 'delete from "security_group_rules" where "remote_group_id" = ? or "security_group_id" = ?', [groupId, groupId]);
    return others.map((r) => r.security_group_id);
  }

  /** Groups by id (those that exist). */
  async groups(tx: Tx, ids: readonly string[]): Promise<Map<string, GroupSummary>> {
    if (ids.length === 0) return new Map();
    const rows = await queryRows<{ id: string; project_id: string; name: string; stateful: number | boolean }>(tx,
      `select "id", "project_id", "name", "stateful" from "security_groups" where ${inValueList(tx, '"id"')}`, [valueList(tx, ids)]);
    return new Map(rows.map((r) => [r.id, { id: r.id, project_id: r.project_id, name: r.name, stateful: r.stateful === 1 || r.stateful === true }]));
  }

  /** Whether any port uses the group. */
  async inUse(tx: Tx, groupId: string): Promise<boolean> {
    return (await queryRow(tx, 'select 1 as "x" from "security_group_port_bindings" where "security_group_id" = ? limit 1', [groupId])) !== undefined;
  }

  /** The groups of each port, ordered by group id; ports without groups are absent. */
  async groupsOfPorts(tx: Tx, ports: Rows): Promise<Map<string, string[]>> {
    const out = new Map<string, string[]>();
    // Unordered: most ports have one group; sorting the few lists of several here is cheaper than sorting every row there.
    const rows = await childRows<[string, string]>(tx, '"port_id"', ports,
      (where) => `${ROWS_AS_ARRAYS}select "port_id", "security_group_id" from "security_group_port_bindings" where ${where}`, { exclusive: true });
    for (const [portId, groupId] of rows) {
      const list = out.get(portId);
      if (list) list.push(groupId);
      else out.set(portId, [groupId]);
    }
    // Group ids are generated UUIDs (ASCII): code-unit order is the database's order.
    for (const list of out.values()) if (list.length > 1) list.sort();
    return out;
  }

  /** Replaces the groups of a port (`fresh`: a port created in this transaction has none to remove). */
  async setPortGroups(tx: Tx, portId: string, groupIds: readonly string[], fresh = false): Promise<void> {
    if (!fresh) await execute(tx, 'delete from "security_group_port_bindings" where "port_id" = ?', [portId]);
    for (const groupId of groupIds) {
      await executeDeferred(tx, 'insert into "security_group_port_bindings" ("port_id", "security_group_id") values (?, ?)', [portId, groupId]);
    }
  }

  /** Whether any rule matches the addresses of the address group. */
  async addressGroupInUse(tx: Tx, addressGroupId: string): Promise<boolean> {
    return (await queryRow(tx, 'select 1 as "x" from "security_group_rules" where "remote_address_group_id" = ? limit 1', [addressGroupId])) !== undefined;
  }

  /** The project of an address group, if it exists. */
  async addressGroupOwner(tx: Tx, addressGroupId: string): Promise<string | undefined> {
    return (await queryRow<{ project_id: string }>(tx, 'select "project_id" from "address_groups" where "id" = ?', [addressGroupId]))?.project_id;
  }
}
