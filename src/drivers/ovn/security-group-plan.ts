import type { Acl, OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { Transaction } from '../../ovsdb/transaction.ts';
import { DROP_PORT_GROUP, SG_ID_KEY, SG_RULE_ID_KEY, type AclSpec, type PortGroupSpec } from './security-group-model.ts';

/** Port groups and ACLs as they are now (built from the monitor's replica; cheap to rebuild). */
export class PgIndex {
  readonly groups = new Map<string, ReplicaRow>();
  readonly acls = new Map<string, ReplicaRow>();
  /** Switch port uuid → the muon port groups that hold it. */
  readonly groupsOfPort = new Map<string, Set<string>>();

  constructor(groups: Iterable<ReplicaRow>, acls: Iterable<ReplicaRow>) {
    for (const row of groups) {
      this.groups.set(row.name as string, row);
      if (!isMuonGroup(row)) continue;
      for (const uuid of row.ports as string[]) {
        const set = this.groupsOfPort.get(uuid) ?? new Set<string>();
        set.add(row.name as string);
        this.groupsOfPort.set(uuid, set);
      }
    }
    for (const row of acls) this.acls.set(row._uuid, row);
  }
}

/** muon's port groups: the drop group and those of security groups. */
export function isMuonGroup(row: ReplicaRow): boolean {
  return row.name === DROP_PORT_GROUP || (row.external_ids as Record<string, string>)[SG_ID_KEY] !== undefined;
}

/** An ACL row with every column muon decides (those it does not use at OVN's defaults; a logged ACL's as ML2/OVN's log driver sets them). */
function aclRow(spec: AclSpec): Partial<Acl> {
  const { logging, ...columns } = spec;
  return { ...columns, ...logColumns(logging) };
}

function logColumns(logging: AclSpec['logging']): Pick<Acl, 'log' | 'name' | 'severity' | 'meter' | 'label' | 'options'> {
  if (logging === undefined) return { log: false, name: null, severity: null, meter: null, label: 0, options: {} };
  return { log: true, name: logging.name, severity: logging.severity, meter: logging.meter, label: logging.label, options: { 'log-related': 'true' } };
}

/** A canonical text of an ACL's columns: two ACLs with the same text are the same rule. */
function aclKey(acl: Record<string, unknown>): string {
  return JSON.stringify([identityOf(acl), acl.log ?? false, acl.name ?? null, acl.severity ?? null, acl.meter ?? null, acl.label ?? 0, sortedMap(acl.options)]);
}

/** What makes an ACL the same rule whether it logs or not: an ACL differing only there is updated in place. */
function identityOf(acl: Record<string, unknown>): string {
  return JSON.stringify([acl.priority, acl.direction, acl.match, acl.action, sortedMap(acl.external_ids)]);
}

function sortedMap(m: unknown): Array<[string, string]> {
  return Object.entries((m ?? {}) as Record<string, string>).sort(([a], [b]) => a.localeCompare(b));
}

/**
 * Adds to `txn` what makes port group `name` equal `spec` with exactly
 * `members` (switch port uuids), or removes it (its ACLs go with it) when
 * `spec` is undefined. ACLs are compared whole: a changed one is replaced.
 */
export function planPortGroup(txn: Transaction<OvnNorthbound>, index: PgIndex, name: string, spec: PortGroupSpec | undefined, members: readonly string[]): void {
  const row = index.groups.get(name);
  if (spec === undefined) {
    if (row !== undefined) txn.delete('Port_Group', [['_uuid', '==', row._uuid]]);
    return;
  }
  if (row === undefined) {
    spec.acls.forEach((acl, i) => txn.insert('ACL', aclRow(acl), `acl${i}`));
    txn.insert('Port_Group', { name, external_ids: spec.external_ids, ports: [...members], acls: spec.acls.map((_, i) => `acl${i}`) });
    return;
  }
  const where: ['_uuid', '==', string][] = [['_uuid', '==', row._uuid]];
  const update: Record<string, unknown> = {};
  if (JSON.stringify(sortedMap(row.external_ids)) !== JSON.stringify(sortedMap(spec.external_ids))) update.external_ids = spec.external_ids;
  const current = new Set(row.ports as string[]);
  if (current.size !== members.length || members.some((m) => !current.has(m))) update.ports = [...members];
  if (Object.keys(update).length > 0) txn.update('Port_Group', where, update);
  planAcls(txn, index, row, spec.acls);
}

/*
 * An ACL that stays the same rule but starts or stops logging (a network log
 * enabled, disabled or deleted) is updated in place, as ML2/OVN's log driver
 * does, rather than replaced: the rule never leaves the group meanwhile.
 */
function planAcls(txn: Transaction<OvnNorthbound>, index: PgIndex, row: ReplicaRow, wanted: readonly AclSpec[]): void {
  const missing = new Map(wanted.map((acl) => [aclKey(aclRow(acl) as Record<string, unknown>), acl]));
  const stale: ReplicaRow[] = [];
  for (const uuid of row.acls as string[]) {
    const acl = index.acls.get(uuid);
    const key = acl && aclKey(acl);
    if (key !== undefined && missing.has(key)) missing.delete(key);
    else stale.push(acl ?? ({ _uuid: uuid } as ReplicaRow));
  }
  const staleByIdentity = new Map<string, ReplicaRow[]>();
  for (const acl of stale) if (acl.match !== undefined) staleByIdentity.set(identityOf(acl), [...(staleByIdentity.get(identityOf(acl)) ?? []), acl]);
  const removed = new Set(stale.map((acl) => acl._uuid));
  const added: string[] = [];
  for (const acl of missing.values()) {
    const relogged = staleByIdentity.get(identityOf(acl as unknown as Record<string, unknown>))?.shift();
    if (relogged !== undefined) {
      txn.update('ACL', [['_uuid', '==', relogged._uuid]], logColumns(acl.logging));
      removed.delete(relogged._uuid);
      continue;
    }
    txn.insert('ACL', aclRow(acl), `acl${added.length}`);
    added.push(`acl${added.length}`);
  }
  const mutations: Array<['acls', 'insert' | 'delete', string[]]> = [];
  if (removed.size > 0) mutations.push(['acls', 'delete', [...removed]]);
  if (added.length > 0) mutations.push(['acls', 'insert', added]);
  if (mutations.length > 0) txn.mutate('Port_Group', [['_uuid', '==', row._uuid]], mutations);
}

/**
 * One switch port (`lspUuid`) in exactly the muon port groups `wanted`
 * (names): mutations of the groups that exist. Returns the wanted groups
 * that do not exist (their own reconcile creates them with their members).
 */
export function planMembership(txn: Transaction<OvnNorthbound>, index: PgIndex, lspUuid: string, wanted: readonly string[]): string[] {
  const now = index.groupsOfPort.get(lspUuid) ?? new Set<string>();
  const missing: string[] = [];
  for (const name of wanted) {
    const row = index.groups.get(name);
    if (row === undefined) missing.push(name);
    else if (!now.has(name)) txn.mutate('Port_Group', [['_uuid', '==', row._uuid]], [['ports', 'insert', [lspUuid]]]);
  }
  for (const name of now) {
    if (!wanted.includes(name)) txn.mutate('Port_Group', [['_uuid', '==', index.groups.get(name)!._uuid]], [['ports', 'delete', [lspUuid]]]);
  }
  return missing;
}

/**
 * The reconcile keys a changed Port_Group or ACL row brings (drift repair):
 * a muon port group its security group (or the drop group), an ACL the
 * group that holds it — through its rule id, or the group rows in `groups`.
 */
export function securityKeysOf(table: string, row: ReplicaRow, groups: Iterable<ReplicaRow>): string[] {
  const ids = row.external_ids as Record<string, string>;
  if (table === 'Port_Group') return groupKey(row);
  if (ids[SG_RULE_ID_KEY] !== undefined) return [`security_group_rule:${ids[SG_RULE_ID_KEY]}`];
  return [...groups].filter((group) => (group.acls as string[]).includes(row._uuid)).flatMap(groupKey);
}

function groupKey(row: ReplicaRow): string[] {
  if (row.name === DROP_PORT_GROUP) return [`port_group:${DROP_PORT_GROUP}`];
  const groupId = (row.external_ids as Record<string, string>)[SG_ID_KEY];
  return groupId === undefined ? [] : [`security_group:${groupId}`];
}
