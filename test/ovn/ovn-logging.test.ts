import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb, SWITCH_TABLES } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventuallyEqual, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();
const TABLES = [...SWITCH_TABLES, 'Meter', 'Meter_Band'];

interface Acl { priority: number; direction: string; match: string; action: string; log: boolean; name: string | null; severity: string | null; meter: string | null; label: number; options: Record<string, string> }

const pg = (id: string) => `pg_${id.replaceAll('-', '_')}`;
/** The ACLs of a port group (by the group their match names), sorted by priority and match. */
async function aclsOf(remote: string, portGroup: string): Promise<Acl[]> {
  const rows = (await dumpNb(remote, ['ACL'])).ACL as Acl[];
  return rows.filter((acl) => acl.match.includes(`@${portGroup} `)).sort((a, b) => b.priority - a.priority || a.match.localeCompare(b.match));
}
/** What a test reads of an ACL's logging: [priority, action, logged for (log id), meter]. */
const logging = (acls: Acl[]) => acls.map((a) => [a.priority, a.action, a.log ? a.name!.slice('neutron-'.length) : null, a.meter]);
/** The log meters: name → [unit, fair, rate, burst]. */
async function meters(remote: string): Promise<Record<string, unknown[]>> {
  const dump = await dumpNb(remote, ['Meter', 'Meter_Band']);
  return Object.fromEntries((dump.Meter as any[]).map((m) => {
    const band = JSON.parse(m.bands[0]);
    return [m.name, [m.unit, m.fair, band.rate, band.burst_size, band.action, m.external_ids]];
  }));
}
const LOG_METERS = {
  acl_log_meter: ['pktps', true, 100, 25, 'drop', { 'neutron:device_owner': 'logging-plugin' }],
  acl_log_meter_stateless: ['pktps', true, 50, 12, 'drop', { 'neutron:device_owner': 'logging-plugin' }],
};

/**
 * Network logs in OVN's northbound DB, as ML2/OVN's log driver writes them:
 * the logged ACLs' columns, a logged group's own drop ACLs, the meters; and
 * the usual driver guarantees (incremental == fresh resync, drift put back).
 */
forEachApi('OVN driver: network logs', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const group = (name: string, attributes: Record<string, unknown> = {}) => api.create('security-groups', 'security_group', { name, ...attributes }, ADMIN);
  const rule = (groupId: string, port: number) => api.create('security-group-rules', 'security_group_rule',
    { security_group_id: groupId, direction: 'ingress', protocol: 'tcp', port_range_min: port, port_range_max: port }, ADMIN);
  const log = (attributes: Record<string, unknown>) => api.create('log/logs', 'log', { resource_type: 'security_group', ...attributes }, ADMIN);
  const update = async (id: string, attributes: Record<string, unknown>) => assert.equal((await api.put(`/v2.0/log/logs/${id}`, { log: attributes }, ADMIN)).status, 200);
  /** A group with one ingress rule and no egress ones (so its ACLs are few), and a port in it. */
  const lonely = async (name: string, networkId: string, port: number, attributes: Record<string, unknown> = {}) => {
    const g = await group(name, attributes);
    const egress = (await api.get(`/v2.0/security-group-rules?security_group_id=${g.id}`, ADMIN)).body.security_group_rules;
    for (const r of egress) assert.equal((await api.delete(`/v2.0/security-group-rules/${r.id}`, ADMIN)).status, 204);
    return { group: g, rule: await rule(g.id, port), port: await api.port(networkId, { security_groups: [g.id] }, ADMIN) };
  };

  before(async () => { nb = await startOvsdbServer(); });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test("a log of a group: its rules' ACLs log (in place), it gets logged drops of its own, the meters exist; disabled, all of it goes", async () => {
    const net = await api.network({ name: 'logged' }, ADMIN);
    await api.subnet(net.id, '10.95.0.0/24', {}, ADMIN);
    const web = await lonely('web', net.id, 80);
    const other = await lonely('other', net.id, 25);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();
    assert.deepEqual(await meters(nb.remote), {}, 'no meter without a log');
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(web.group.id))), [[1002, 'allow-related', null, null]]);
    const ruleAcl = () => nbctl(nb, '--bare', '--columns=_uuid', 'find', 'ACL', `external_ids:"neutron:security_group_rule_id"="${web.rule.id}"`);
    const before = ruleAcl();

    const audit = await log({ resource_id: web.group.id, name: 'audit' });
    await settle();
    const acls = await aclsOf(nb.remote, pg(web.group.id));
    assert.deepEqual(logging(acls), [[1002, 'allow-related', audit.id, 'acl_log_meter'], [1001, 'drop', audit.id, 'acl_log_meter'], [1001, 'drop', audit.id, 'acl_log_meter']]);
    assert.deepEqual(acls.map((a) => a.match).slice(1), [`inport == @${pg(web.group.id)} && ip`, `outport == @${pg(web.group.id)} && ip`]);
    assert.ok(acls.every((a) => a.severity === 'info' && a.label > 0 && a.options['log-related'] === 'true'), JSON.stringify(acls));
    assert.equal(ruleAcl(), before, 'the rule\'s ACL is updated in place');
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(other.group.id))), [[1002, 'allow-related', null, null]]);
    assert.ok((await aclsOf(nb.remote, 'neutron_pg_drop')).every((a) => !a.log && a.priority !== 1001), 'the drop group does not log for a log of one group');
    assert.deepEqual(await meters(nb.remote), LOG_METERS);

    await update(audit.id, { enabled: false });
    await settle();
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(web.group.id))), [[1002, 'allow-related', null, null]]);
    assert.ok((await aclsOf(nb.remote, pg(web.group.id))).every((a) => a.label === 0 && Object.keys(a.options).length === 0));
    assert.equal(ruleAcl(), before);
    assert.deepEqual(await meters(nb.remote), {});
    await update(audit.id, { enabled: true });
    await settle();
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(web.group.id))).map((a) => a[2]), [audit.id, audit.id, audit.id]);
    assert.equal((await api.delete(`/v2.0/log/logs/${audit.id}`, ADMIN)).status, 204);
    await settle();
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(web.group.id))), [[1002, 'allow-related', null, null]]);
  });

  test('events and scopes: ACCEPT of every group, DROP of the drop group, a log of a port follows its groups, a stateless group its meter', async () => {
    const net = await api.network({ name: 'scoped' }, ADMIN);
    await api.subnet(net.id, '10.96.0.0/24', {}, ADMIN);
    const a = await lonely('a', net.id, 81);
    const b = await lonely('b', net.id, 82, { stateful: false });
    const accept = await log({ event: 'ACCEPT' });
    const drops = await log({ event: 'DROP' });
    await settle();
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(a.group.id))), [[1002, 'allow-related', accept.id, 'acl_log_meter']]);
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(b.group.id))), [[1002, 'allow-stateless', accept.id, 'acl_log_meter_stateless']]);
    assert.deepEqual(logging(await aclsOf(nb.remote, 'neutron_pg_drop')), [
      [1002, 'allow', null, null], [1002, 'allow', null, null], [1000, 'drop', drops.id, 'acl_log_meter'], [1000, 'drop', drops.id, 'acl_log_meter'],
    ]);
    await update(accept.id, { enabled: false });
    await update(drops.id, { enabled: false });

    const ofPort = await log({ target_id: a.port.id, event: 'DROP' });
    await settle();
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(a.group.id))).map((x) => x[2]), [null, ofPort.id, ofPort.id]);
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(b.group.id))).map((x) => x[2]), [null]);
    assert.equal((await api.put(`/v2.0/ports/${a.port.id}`, { port: { security_groups: [b.group.id] } }, ADMIN)).status, 200);
    await settle();
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(a.group.id))).map((x) => x[2]), [null], 'the port left group a');
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(b.group.id))), [[1002, 'allow-stateless', null, null], [1001, 'drop', ofPort.id, 'acl_log_meter'], [1001, 'drop', ofPort.id, 'acl_log_meter']]);

    assert.equal((await api.delete(`/v2.0/ports/${a.port.id}`, ADMIN)).status, 204);
    await settle();
    assert.equal((await api.get(`/v2.0/log/logs/${ofPort.id}`, ADMIN)).status, 404, 'the log went with its port');
    assert.deepEqual(logging(await aclsOf(nb.remote, pg(b.group.id))).map((x) => x[2]), [null]);
    const ofGroup = await log({ resource_id: b.group.id });
    await settle();
    assert.equal((await api.delete(`/v2.0/ports/${b.port.id}`, ADMIN)).status, 204);
    assert.equal((await api.delete(`/v2.0/security-groups/${b.group.id}`, ADMIN)).status, 204);
    await settle();
    assert.equal((await api.get(`/v2.0/log/logs/${ofGroup.id}`, ADMIN)).status, 404, 'the log went with its group');
    assert.deepEqual(await aclsOf(nb.remote, pg(b.group.id)), []);
    assert.deepEqual(await meters(nb.remote), {}, 'no enabled log left, no meter');
  });

  test('after a stream of log changes the rows are what a full resync makes; logged ACLs and meters changed behind muon\'s back are put back', async () => {
    const net = await api.network({ name: 'resynced' }, ADMIN);
    await api.subnet(net.id, '10.97.0.0/24', {}, ADMIN);
    const c = await lonely('c', net.id, 83);
    const all = await log({ resource_id: c.group.id });
    await log({ event: 'ALL' });
    await log({ target_id: c.port.id, event: 'ACCEPT', enabled: false });
    await settle();
    await assertFreshResyncEquals(coreDesiredState(api.services), await dumpNb(nb.remote, TABLES), TABLES);

    const wanted = await aclsOf(nb.remote, pg(c.group.id));
    const uuid = nbctl(nb, '--bare', '--columns=_uuid', 'find', 'ACL', `external_ids:"neutron:security_group_rule_id"="${c.rule.id}"`);
    nbctl(nb, 'set', 'ACL', uuid, 'log=false', 'name=[]');
    await eventuallyEqual('the ACL logs again', () => aclsOf(nb.remote, pg(c.group.id)), wanted);
    assert.equal(wanted[0]!.name, `neutron-${all.id}`);
    nbctl(nb, 'meter-del', 'acl_log_meter');
    await eventuallyEqual('the meter back', () => meters(nb.remote), LOG_METERS);
    const band = nbctl(nb, '--bare', '--columns=bands', 'find', 'Meter', 'name=acl_log_meter_stateless');
    nbctl(nb, 'set', 'Meter_Band', band, 'rate=7');
    await eventuallyEqual('the band put back', () => meters(nb.remote), LOG_METERS);
  });
});
