import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { LogView } from '../driver.ts';
import { desiredMeters } from './log-meter-model.ts';
import { logsCovering, withLogging, type LogState } from './log-model.ts';
import { desiredDropGroup, desiredPortGroup, type AclSpec } from './security-group-model.ts';

const SG = '11111111-2222-3333-4444-555555555555';
const OTHER = '99999999-2222-3333-4444-555555555555';
const PG = `pg_${SG.replaceAll('-', '_')}`;
let n = 0;
const log = (attributes: Partial<LogView>): LogView => ({
  id: `log-${++n}`, resource_type: 'security_group', resource_id: null, target_id: null, event: 'ALL', enabled: true, created_at: `2026-01-01T00:00:0${n % 10}Z`, ...attributes,
});
const state = (logs: LogView[], groupsOfTargets: Record<string, string[]> = {}): LogState => ({ logs, groupsOfTargets: new Map(Object.entries(groupsOfTargets)) });
const group = (stateful = true) => desiredPortGroup({ id: SG, name: 'web', project_id: 'p', stateful, revision_number: 1 }, [
  { id: 'r1', security_group_id: SG, direction: 'ingress', ethertype: 'IPv4', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: null, remote_group_id: null, revision_number: 1 },
]);
const logged = (acls: AclSpec[]) => acls.map((a) => [a.priority, a.action, a.match, a.logging?.name ?? null, a.logging?.meter ?? null]);

test('a log of a group logs its rules and adds the group its own logged drops (priority 1001); other groups and the drop group are untouched', () => {
  const audit = log({ resource_id: SG });
  const acls = withLogging(PG, { securityGroupId: SG, stateful: true }, group().acls, state([audit]));
  assert.deepEqual(logged(acls), [
    [1002, 'allow-related', `outport == @${PG} && ip4 && tcp && tcp.dst == 22`, `neutron-${audit.id}`, 'acl_log_meter'],
    [1001, 'drop', `inport == @${PG} && ip`, `neutron-${audit.id}`, 'acl_log_meter'],
    [1001, 'drop', `outport == @${PG} && ip`, `neutron-${audit.id}`, 'acl_log_meter'],
  ]);
  assert.ok(acls.every((a) => a.logging!.severity === 'info' && a.logging!.label > 0 && a.logging!.label < 2 ** 32));
  assert.equal(new Set(acls.map((a) => a.logging!.label)).size, 3, 'one label per ACL');
  assert.deepEqual(withLogging(PG, { securityGroupId: SG, stateful: true }, group().acls, state([audit])), acls, 'labels are stable');
  assert.deepEqual(withLogging('pg_other', { securityGroupId: OTHER, stateful: true }, group().acls, state([audit])), group().acls);
  assert.deepEqual(withLogging('neutron_pg_drop', { drop: true }, desiredDropGroup().acls, state([audit])), desiredDropGroup().acls);
});

test('events choose the ACLs: ACCEPT the rules (no drops of its own), DROP the drops only; a stateless group meters apart', () => {
  const accept = log({ resource_id: SG, event: 'ACCEPT' });
  assert.deepEqual(logged(withLogging(PG, { securityGroupId: SG, stateful: false }, group(false).acls, state([accept]))), [
    [1002, 'allow-stateless', `outport == @${PG} && ip4 && tcp && tcp.dst == 22`, `neutron-${accept.id}`, 'acl_log_meter_stateless'],
  ]);
  const drop = log({ resource_id: SG, event: 'DROP' });
  assert.deepEqual(logged(withLogging(PG, { securityGroupId: SG, stateful: true }, group().acls, state([drop]))).map((a) => a[3]),
    [null, `neutron-${drop.id}`, `neutron-${drop.id}`]);
});

test('disabled logs log nothing; the most specific covering log names an ACL, then the oldest', () => {
  assert.deepEqual(withLogging(PG, { securityGroupId: SG, stateful: true }, group().acls, state([log({ resource_id: SG, enabled: false })])), group().acls);
  const older = log({ resource_id: SG, event: 'DROP', created_at: '2025-01-01T00:00:00Z' });
  const newer = log({ resource_id: SG, event: 'ALL', created_at: '2026-06-01T00:00:00Z' });
  assert.deepEqual(logged(withLogging(PG, { securityGroupId: SG, stateful: true }, group().acls, state([newer, older]))).map((a) => a[3]),
    [`neutron-${newer.id}`, `neutron-${older.id}`, `neutron-${older.id}`]);
  const cloudWide = log({ created_at: '2020-01-01T00:00:00Z' });
  const ofPort = log({ target_id: 'port-1', created_at: '2024-01-01T00:00:00Z' });
  const ofGroup = log({ resource_id: SG, created_at: '2026-12-01T00:00:00Z' });
  assert.deepEqual(logsCovering({ securityGroupId: SG, stateful: true }, state([cloudWide, ofPort, ofGroup], { 'port-1': [SG] })), [ofGroup, ofPort, cloudWide]);
});

test('a log of neither group nor port: ALL every group and the drop group, ACCEPT the groups, DROP the drop group; no drops of their own', () => {
  const all = log({});
  assert.deepEqual(logged(withLogging(PG, { securityGroupId: SG, stateful: true }, group().acls, state([all]))).map((a) => a[3]), [`neutron-${all.id}`]);
  const drop = withLogging('neutron_pg_drop', { drop: true }, desiredDropGroup().acls, state([all]));
  assert.deepEqual(drop.map((a) => a.logging?.name), desiredDropGroup().acls.map(() => `neutron-${all.id}`), 'ALL logs the DHCP allows too');
  const dropOnly = log({ event: 'DROP' });
  assert.deepEqual(logsCovering({ securityGroupId: SG, stateful: true }, state([dropOnly])), []);
  assert.deepEqual(withLogging('neutron_pg_drop', { drop: true }, desiredDropGroup().acls, state([dropOnly])).map((a) => a.logging?.name ?? null),
    [`neutron-${dropOnly.id}`, `neutron-${dropOnly.id}`, null, null]);
  const acceptOnly = log({ event: 'ACCEPT' });
  assert.deepEqual(logsCovering({ drop: true }, state([acceptOnly])), []);
  assert.deepEqual(logsCovering({ securityGroupId: OTHER, stateful: true }, state([acceptOnly])), [acceptOnly]);
});

test("a log of a port covers the port's groups; with a group too, that group alone", () => {
  const ofPort = log({ target_id: 'port-1' });
  assert.deepEqual(logsCovering({ securityGroupId: SG, stateful: true }, state([ofPort], { 'port-1': [OTHER, SG] })), [ofPort]);
  assert.deepEqual(logsCovering({ securityGroupId: SG, stateful: true }, state([ofPort], { 'port-1': [OTHER] })), []);
  const both = log({ target_id: 'port-1', resource_id: OTHER });
  assert.deepEqual(logsCovering({ securityGroupId: SG, stateful: true }, state([both], { 'port-1': [OTHER, SG] })), []);
});

test('meters: both while an enabled log exists, at Neutron\'s rates (100/25, stateless 50/12)', () => {
  assert.deepEqual(desiredMeters([]), []);
  assert.deepEqual(desiredMeters([log({ enabled: false })]), []);
  assert.deepEqual(desiredMeters([log({})]).map((m) => [m.name, m.unit, m.fair, m.rate, m.burst_size, m.external_ids]), [
    ['acl_log_meter', 'pktps', true, 100, 25, { 'neutron:device_owner': 'logging-plugin' }],
    ['acl_log_meter_stateless', 'pktps', true, 50, 12, { 'neutron:device_owner': 'logging-plugin' }],
  ]);
});
