import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { Replica } from '../../ovsdb/replica.ts';
import { Transaction } from '../../ovsdb/transaction.ts';
import type { DesiredState, PortView } from '../driver.ts';
import { withLogging, type LogState } from './log-model.ts';
import { desiredDropGroup, desiredPortGroup, DROP_PORT_GROUP, isSecured, portGroupName, portGroupsOf, SG_ID_KEY, SG_RULE_ID_KEY } from './security-group-model.ts';
import { isMuonGroup, PgIndex, planMembership, planPortGroup } from './security-group-plan.ts';

/** What the security-group part needs of the reconciler: the schema's transactions and a commit. */
export interface NbWriter {
  readonly replica: () => Replica;
  readonly transaction: () => Transaction<OvnNorthbound>;
  /** Sends `txn` unless empty; true when sent. */
  readonly commit: (txn: Transaction<OvnNorthbound>) => Promise<boolean>;
}

/*
 * Who writes what: a group's reconcile owns its port group row, its ACLs and
 * its whole member list (read from every port); a port's (or its network's)
 * reconcile moves that port's switch port in and out of the groups that
 * exist. Both compute membership from the same desired state, so they agree;
 * a group that does not exist yet when a port is looked at is created by its
 * own reconcile, called right after, which then sees the port's switch port
 * (ovsdb-server sends a transaction's monitor updates before its reply).
 */
export class SecurityGroupReconcile {
  constructor(private readonly nb: NbWriter, private readonly state: DesiredState) {}

  /** A security group's port group and ACLs (logged as its network logs say) with all of its ports; no port group when the group is gone. */
  async reconcileGroup(groupId: string, allPorts?: readonly PortView[], logs?: LogState): Promise<boolean> {
    const group = await this.state.securityGroup(groupId);
    const [rules, ports, logState] = group ? await Promise.all([this.state.securityGroupRules(groupId), allPorts ?? this.state.ports(), logs ?? this.logState()]) : [[], [], undefined];
    const txn = this.nb.transaction();
    const members = ports.filter((p) => isSecured(p) && (p.security_groups ?? []).includes(groupId));
    const name = portGroupName(groupId);
    const spec = group && desiredPortGroup(group, rules);
    const logged = spec && { ...spec, acls: withLogging(name, { securityGroupId: groupId, stateful: group.stateful !== false }, spec.acls, logState!) };
    planPortGroup(txn, this.index(), name, logged, this.lspUuids(members));
    return this.nb.commit(txn);
  }

  /** The drop group with every secured port (its ACLs logged as network logs of every group say). */
  async reconcileDropGroup(allPorts?: readonly PortView[], logs?: LogState): Promise<boolean> {
    const [ports, logState] = await Promise.all([allPorts ?? this.state.ports(), logs ?? this.logState()]);
    const txn = this.nb.transaction();
    const spec = desiredDropGroup();
    const logged = { ...spec, acls: withLogging(DROP_PORT_GROUP, { drop: true }, spec.acls, logState) };
    planPortGroup(txn, this.index(), DROP_PORT_GROUP, logged, this.lspUuids(ports.filter(isSecured)));
    return this.nb.commit(txn);
  }

  /** Network logs, with the security groups of the ports they target (read now: a port's groups may have changed). */
  async logState(allPorts?: readonly PortView[]): Promise<LogState> {
    const logs = await this.state.logs();
    const targets = [...new Set(logs.flatMap((log) => (log.enabled && !log.resource_id && log.target_id ? [log.target_id] : [])))];
    const byId = allPorts && new Map(allPorts.map((p) => [p.id, p]));
    const ports = await Promise.all(targets.map(async (id) => byId?.get(id) ?? this.state.port(id)));
    return { logs, groupsOfTargets: new Map(ports.flatMap((p) => (p ? [[p.id, p.security_groups ?? []] as const] : []))) };
  }

  /** A rule's group (found through the rule's ACL when the rule is gone). */
  async reconcileRule(ruleId: string): Promise<void> {
    const rule = await this.state.securityGroupRule(ruleId);
    if (rule) {
      await this.reconcileGroup(rule.security_group_id);
      return;
    }
    const index = this.index();
    for (const row of index.groups.values()) {
      const groupId = (row.external_ids as Record<string, string>)[SG_ID_KEY];
      const holds = (row.acls as string[]).some((uuid) => (index.acls.get(uuid)?.external_ids as Record<string, string> | undefined)?.[SG_RULE_ID_KEY] === ruleId);
      if (groupId && holds) await this.reconcileGroup(groupId);
    }
  }

  /** These ports' switch ports in exactly their groups; groups missing are then made by their own reconcile. */
  async syncMembership(ports: readonly PortView[]): Promise<void> {
    const index = this.index();
    const lsps = this.nb.replica().rows('Logical_Switch_Port');
    const uuidOf = new Map([...lsps.values()].map((row) => [row.name as string, row._uuid]));
    const txn = this.nb.transaction();
    const missing = new Set<string>();
    for (const port of ports) {
      const uuid = uuidOf.get(port.id);
      if (uuid === undefined) continue;
      const wanted = portGroupsOf(port);
      for (const name of planMembership(txn, index, uuid, wanted)) missing.add(name);
    }
    await this.nb.commit(txn);
    const groupIds = new Set(ports.flatMap((p) => p.security_groups ?? []));
    if (missing.has(DROP_PORT_GROUP)) await this.reconcileDropGroup();
    for (const id of groupIds) if (missing.has(portGroupName(id))) await this.reconcileGroup(id);
  }

  /** Every group, the drop group, and no port group of a security group muon no longer has. Returns the transactions sent. */
  async fullResync(ports: readonly PortView[]): Promise<number> {
    let written = 0;
    const [groups, logs] = await Promise.all([this.state.securityGroups(), this.logState(ports)]);
    for (const group of groups) if (await this.reconcileGroup(group.id, ports, logs)) written++;
    if (await this.reconcileDropGroup(ports, logs)) written++;
    const wanted = new Set(groups.map((g) => portGroupName(g.id)));
    const txn = this.nb.transaction();
    for (const [name, row] of this.index().groups) {
      if (isMuonGroup(row) && name !== DROP_PORT_GROUP && !wanted.has(name)) planPortGroup(txn, this.index(), name, undefined, []);
    }
    if (await this.nb.commit(txn)) written++;
    return written;
  }

  private index(): PgIndex {
    const replica = this.nb.replica();
    return new PgIndex(replica.rows('Port_Group').values(), replica.rows('ACL').values());
  }

  /** The switch port uuids of `ports` that have one now (the others' own reconcile adds them). */
  private lspUuids(ports: readonly PortView[]): string[] {
    const wanted = new Set(ports.map((p) => p.id));
    return [...this.nb.replica().rows('Logical_Switch_Port').values()].filter((row) => wanted.has(row.name as string)).map((row) => row._uuid);
  }
}
