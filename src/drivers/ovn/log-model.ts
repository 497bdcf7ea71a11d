import { createHash } from 'node:crypto';
import type { LogView } from '../driver.ts';
import { ACL_PRIORITY_LOG_DROP, type AclSpec } from './security-group-model.ts';

/*
 * Network logs as ML2/OVN's log driver writes them (pure): a logged ACL has
 * `log=true`, `name=neutron-<log id>`, `severity=info`, a `meter` that
 * rate-limits the log lines, a non-zero `label` and `options:log-related`.
 *
 * Which port groups a log covers (its driver's _pgs_from_log_obj): its
 * security group's; else its target port's groups; else, naming neither,
 * every group's with event ALL, every group's but the drop group's with
 * ACCEPT, the drop group's alone with DROP. Which ACLs there it logs: those
 * whose action its event records (ACCEPT: allow*, DROP: drop and reject,
 * ALL: both). A log that names a group or a port and records drops also
 * gives each of its groups two drop ACLs of their own (priority 1001, above
 * the silent drop of every port at 1000), so that the dropped packets of
 * that group's ports are logged under this log and nobody else's are.
 *
 * ML2/OVN lets the first log that touches an ACL keep it (an ACL names one
 * log). Here the state is recomputed, so the rule must not depend on
 * history: an ACL goes to the most specific enabled log that covers it — one
 * naming its group, then one naming a port, then one naming neither — and
 * among those to the oldest (created_at, then id; timestamps have seconds
 * only, so specificity first also keeps a group's own log from losing its
 * ACLs to a cloud-wide log made in the same second). Labels are derived from
 * the log and the ACL rather than drawn at random, so that a resync writes
 * the same rows as the incremental path.
 */

/** The meter of logged ACLs (ML2/OVN's default, `[network_log] local_output_log_base` unset), and of stateless groups' (half the rate, as ML2/OVN). */
export const LOG_METER = 'acl_log_meter';
export const STATELESS_LOG_METER = `${LOG_METER}_stateless`;

/** `neutron-<log id>`: an ACL's name when it logs for that log (ML2/OVN's ovn_name). */
export function logName(logId: string): string {
  return `neutron-${logId}`;
}

const ACCEPTED = ['allow', 'allow-related', 'allow-stateless'];
const DROPPED = ['drop', 'reject'];

/** The ACL actions an event records. */
export function actionsOf(event: LogView['event']): readonly string[] {
  if (event === 'ACCEPT') return ACCEPTED;
  if (event === 'DROP') return DROPPED;
  return [...ACCEPTED, ...DROPPED];
}

/** A port group as logs see it: a security group's (and whether it is stateful), or the drop group. */
export type LoggedGroup = { readonly securityGroupId: string; readonly stateful: boolean } | { readonly drop: true };

/** What logs are judged against: every log, and the security groups of the ports logs target. */
export interface LogState {
  readonly logs: readonly LogView[];
  readonly groupsOfTargets: ReadonlyMap<string, readonly string[]>;
}

/** Does this log name a group or a port (as opposed to every group)? */
function isScoped(log: LogView): boolean {
  return Boolean(log.resource_id || log.target_id);
}

/** The security groups a scoped log covers (its own group wins over its port's). */
export function groupsOfLog(log: LogView, groupsOfTargets: ReadonlyMap<string, readonly string[]>): readonly string[] {
  if (log.resource_id) return [log.resource_id];
  if (log.target_id) return groupsOfTargets.get(log.target_id) ?? [];
  return [];
}

/** The enabled logs that cover a port group, the one an ACL goes to first (most specific, then oldest). */
export function logsCovering(group: LoggedGroup, state: LogState): LogView[] {
  return state.logs.filter((log) => {
    if (!log.enabled || log.resource_type !== 'security_group') return false;
    if ('drop' in group) return !isScoped(log) && log.event !== 'ACCEPT';
    if (!isScoped(log)) return log.event !== 'DROP';
    return groupsOfLog(log, state.groupsOfTargets).includes(group.securityGroupId);
  }).sort(byClaim);
}

function byClaim(a: LogView, b: LogView): number {
  const rank = (log: LogView) => (log.resource_id ? 0 : log.target_id ? 1 : 2);
  if (rank(a) !== rank(b)) return rank(a) - rank(b);
  return a.created_at < b.created_at ? -1 : a.created_at > b.created_at ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The ACLs of port group `portGroup` with their log columns, plus the
 * group's own logged drops when a scoped log records drops.
 */
export function withLogging(portGroup: string, group: LoggedGroup, acls: readonly AclSpec[], state: LogState): AclSpec[] {
  const covering = logsCovering(group, state);
  if (covering.length === 0) return [...acls];
  const meter = 'drop' in group || group.stateful ? LOG_METER : STATELESS_LOG_METER;
  const logged = acls.map((acl) => {
    const log = covering.find((l) => actionsOf(l.event).includes(acl.action));
    return log === undefined ? acl : logAcl(acl, log, meter);
  });
  const dropper = covering.find((log) => isScoped(log) && log.event !== 'ACCEPT');
  if (dropper === undefined) return logged;
  return [...logged, ...groupDropAcls(portGroup).map((acl) => logAcl(acl, dropper, LOG_METER))];
}

/** A port group's own drop ACLs (ML2/OVN's add_acls_for_log_drop_port_group), before their log columns. */
function groupDropAcls(portGroup: string): AclSpec[] {
  return [['from-lport', 'inport'], ['to-lport', 'outport']].map(([direction, field]) => ({
    priority: ACL_PRIORITY_LOG_DROP, direction: direction as AclSpec['direction'], match: `${field} == @${portGroup} && ip`, action: 'drop', external_ids: {},
  }));
}

function logAcl(acl: AclSpec, log: LogView, meter: string): AclSpec {
  const name = logName(log.id);
  return { ...acl, logging: { name, severity: 'info', meter, label: labelOf(name, acl) } };
}

/** A stable non-zero 32-bit label for a logged ACL. */
function labelOf(name: string, acl: AclSpec): number {
  const digest = createHash('sha256').update(`${name}\n${acl.priority}\n${acl.direction}\n${acl.match}\n${JSON.stringify(acl.external_ids)}`).digest();
  return digest.readUInt32BE(0) || 1;
}
