import { execute, inValueList, queryRow, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/** One RBAC policy row (wire names). */
export interface RbacPolicyRow {
  readonly id: string;
  readonly project_id: string;
  readonly object_type: string;
  readonly object_id: string;
  readonly action: string;
  readonly target_tenant: string;
}

/**
 * The RBAC policies as the rest of core asks about them: which objects are
 * shared with a project, who an object is shared with, and the policies the
 * system itself writes (a network's `shared` and `router:external`). The
 * API resource itself goes through the generic ResourceRepo. Every method
 * runs inside the given `Tx`.
 */
export class RbacPolicyRepo {
  /**
   * Of `ids`, the objects of `objectType` that a policy with `action` shares
   * with `projectId` or with everyone. One statement for any number of ids.
   */
  async sharedAmong(tx: Tx, objectType: string, action: string, projectId: string, ids: readonly string[]): Promise<Set<string>> {
    if (ids.length === 0) return new Set();
    const rows = await queryRows<{ object_id: string }>(tx,
      `select "object_id" from "rbac_policies" where "object_type" = ? and "action" = ? and "target_tenant" in (?, '*') and ${inValueList(tx, '"object_id"')}`,
      [objectType, action, projectId, valueList(tx, ids)]);
    return new Set(rows.map((r) => r.object_id));
  }

  /** Whether a policy with `action` shares the object with `projectId` or with everyone. */
  async isSharedWith(tx: Tx, objectType: string, objectId: string, action: string, projectId: string): Promise<boolean> {
    const row = await queryRow(tx,
      `select 1 as "x" from "rbac_policies" where "object_type" = ? and "object_id" = ? and "action" = ? and "target_tenant" in (?, '*') limit 1`,
      [objectType, objectId, action, projectId]);
    return row !== undefined;
  }

  /** The policies of one object with `action` (every target). */
  async ofObject(tx: Tx, objectType: string, objectId: string, action?: string): Promise<RbacPolicyRow[]> {
    return queryRows<RbacPolicyRow>(tx,
      `select "id", "project_id", "object_type", "object_id", "action", "target_tenant" from "rbac_policies" where "object_type" = ? and "object_id" = ?${action === undefined ? '' : ' and "action" = ?'}`,
      action === undefined ? [objectType, objectId] : [objectType, objectId, action]);
  }

  /** The policy (object, action, target), if any: the unique key. */
  async find(tx: Tx, objectType: string, objectId: string, action: string, target: string): Promise<RbacPolicyRow | undefined> {
    return queryRow<RbacPolicyRow>(tx,
      'select "id", "project_id", "object_type", "object_id", "action", "target_tenant" from "rbac_policies" where "object_type" = ? and "object_id" = ? and "action" = ? and "target_tenant" = ?',
      [objectType, objectId, action, target]);
  }

  /** Writes a policy the system makes (shared=True, router:external=True), unless it exists. */
  async ensure(tx: Tx, policy: Omit<RbacPolicyRow, 'id'>): Promise<boolean> {
    if (await this.find(tx, policy.object_type, policy.object_id, policy.action, policy.target_tenant)) return false;
    await execute(tx,
      'insert into "rbac_policies" ("id", "project_id", "object_type", "object_id", "action", "target_tenant", "description", "created_at", "updated_at", "revision_number") values (?, ?, ?, ?, ?, ?, \'\', ?, ?, 0)',
      [crypto.randomUUID(), policy.project_id, policy.object_type, policy.object_id, policy.action, policy.target_tenant, tx.now, tx.now]);
    return true;
  }

  /** Deletes the policies of an object with `action` (and `target`, when given); returns how many. */
  async remove(tx: Tx, objectType: string, objectId: string, action?: string, target?: string): Promise<number> {
    const where = ['"object_type" = ?', '"object_id" = ?'];
    const params: unknown[] = [objectType, objectId];
    if (action !== undefined) { where.push('"action" = ?'); params.push(action); }
    if (target !== undefined) { where.push('"target_tenant" = ?'); params.push(target); }
    return execute(tx, `delete from "rbac_policies" where ${where.join(' and ')}`, params);
  }

  /** Projects holding rows of `table` whose `column` is `objectId` (who uses an object). */
  async projectsUsing(tx: Tx, table: string, column: string, objectId: string): Promise<Set<string>> {
    const rows = await queryRows<{ project_id: string }>(tx, `select distinct "project_id" from "${table}" where "${column}" = ?`, [objectId]);
    return new Set(rows.map((r) => r.project_id));
  }

  /** Projects of the ports that use a security group. */
  async projectsOfPortsWithGroup(tx: Tx, groupId: string): Promise<Set<string>> {
    const rows = await queryRows<{ project_id: string }>(tx,
      'select distinct p."project_id" from "ports" p join "security_group_port_bindings" b on b."port_id" = p."id" where b."security_group_id" = ?', [groupId]);
    return new Set(rows.map((r) => r.project_id));
  }

  /** Projects owning routers whose gateway is on a network (a gateway port itself belongs to no project). */
  async projectsOfRoutersWithGatewayOn(tx: Tx, networkId: string): Promise<Set<string>> {
    const rows = await queryRows<{ project_id: string }>(tx,
      'select distinct r."project_id" from "routers" r join "router_ports" rp on rp."router_id" = r."id" join "ports" p on p."id" = rp."port_id" '
      + 'where p."network_id" = ? and p."device_owner" = \'network:router_gateway\'', [networkId]);
    return new Set(rows.map((r) => r.project_id));
  }

  /** Projects with ports on a network, leaving out network:* owners unless `deviceOwner` names one (router gateways). */
  async projectsWithPortsOn(tx: Tx, networkId: string, deviceOwner?: string): Promise<Set<string>> {
    const rows = deviceOwner === undefined
      ? await queryRows<{ project_id: string }>(tx, 'select distinct "project_id" from "ports" where "network_id" = ? and "device_owner" not like \'network:%\'', [networkId])
      : await queryRows<{ project_id: string }>(tx, 'select distinct "project_id" from "ports" where "network_id" = ? and "device_owner" = ?', [networkId, deviceOwner]);
    return new Set(rows.map((r) => r.project_id));
  }
}
