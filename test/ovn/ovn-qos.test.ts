import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb, SWITCH_TABLES } from '../helpers/nb-dump.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';
import { assertFreshResyncEquals, eventually, nbctl } from '../helpers/ovn-test-kit.ts';
import { ok, qosRule, sharedQosPolicy, switchQosRows } from '../helpers/qos-test-kit.ts';

const skip = ovsdbSkipReason();
const TABLES = [...SWITCH_TABLES, 'QoS'];


/** The QoS rows of a switch as `direction match rate burst dscp`, sorted. */
const qosRows = (server: OvsdbServer, networkId: string): string[] =>
  switchQosRows(server, networkId).map((r) => `${r.direction} ${r.match} ${r.rate} ${r.burst} ${r.dscp}`).sort();

forEachApi('OVN driver: QoS', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const t: Record<string, any> = {};
  const policy = (label: string) => sharedQosPolicy(api, label);
  const rule = (policyId: string, type: string, body: Record<string, unknown>) => qosRule(api, policyId, type, body);

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('the first full resync writes bandwidth limits and DSCP marks as ML2/OVN\'s QoS rows', async () => {
    t.own = await policy('own');
    t.egress = await rule(t.own.id, 'bandwidth_limit', { max_kbps: 1000, max_burst_kbps: 100, direction: 'egress' });
    await rule(t.own.id, 'bandwidth_limit', { max_kbps: 2000, direction: 'ingress' });
    t.dscp = await rule(t.own.id, 'dscp_marking', { dscp_mark: 26 });
    t.netPolicy = await policy('net');
    await rule(t.netPolicy.id, 'dscp_marking', { dscp_mark: 10 });
    t.net = await api.network({ name: 'qos', qos_policy_id: t.netPolicy.id }, ADMIN);
    t.subnet = await api.subnet(t.net.id, '10.9.0.0/24', {}, ADMIN);
    t.a = await api.port(t.net.id, { name: 'a', qos_policy_id: t.own.id }, ADMIN);
    t.b = await api.port(t.net.id, { name: 'b' }, ADMIN);
    t.dhcp = await api.port(t.net.id, { name: 'dhcp', device_owner: 'network:dhcp' }, ADMIN);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    assert.deepEqual(qosRows(nb, t.net.id), [
      `from-lport inport == "${t.a.id}" 1000 100 26`,
      `from-lport inport == "${t.b.id}" - - 10`,
      `to-lport outport == "${t.a.id}" 2000 - -`,
    ].sort());
    assert.equal(nbctl(nb, '--bare', '--columns=priority', 'find', 'QoS', `external_ids:"neutron:port_id"="${t.a.id}"`).split(/\s+/)[0], '2002');
  });

  test('after a stream of changes the QoS rows are what a full resync makes', async () => {
    ok(await api.put(`/v2.0/qos/policies/${t.own.id}/bandwidth_limit_rules/${t.egress.id}`, { bandwidth_limit_rule: { max_kbps: 3000 } }, ADMIN));
    assert.equal((await api.delete(`/v2.0/qos/policies/${t.own.id}/dscp_marking_rules/${t.dscp.id}`, ADMIN)).status, 204);
    ok(await api.put(`/v2.0/networks/${t.net.id}`, { network: { qos_policy_id: null } }, ADMIN));
    const c = await api.port(t.net.id, { name: 'c', qos_policy_id: t.netPolicy.id }, ADMIN);
    const doomed = await api.port(t.net.id, { name: 'doomed', qos_policy_id: t.own.id }, ADMIN);
    await settle();
    assert.ok(qosRows(nb, t.net.id).some((r) => r.includes(doomed.id)));
    assert.equal((await api.delete(`/v2.0/ports/${doomed.id}`, ADMIN)).status, 204);
    await settle();
    const incremental = await dumpNb(nb.remote, TABLES);
    assert.deepEqual(qosRows(nb, t.net.id), [
      `from-lport inport == "${c.id}" - - 10`,
      `from-lport inport == "${t.a.id}" 3000 100 -`,
      `to-lport outport == "${t.a.id}" 2000 - -`,
    ].sort());
    await assertFreshResyncEquals(coreDesiredState(api.services), incremental, TABLES);
  });

  test('QoS rows changed or deleted behind muon\'s back are put back; others\' rows stay', async () => {
    const expected = qosRows(nb, t.net.id);
    const uuid = nbctl(nb, '--bare', '--columns=_uuid', 'find', 'QoS', `match="outport == \\"${t.a.id}\\""`);
    nbctl(nb, 'set', 'QoS', uuid, 'bandwidth:rate=1');
    await eventually('the rate put back', () => qosRows(nb, t.net.id).join() === expected.join());
    nbctl(nb, 'qos-del', `neutron-${t.net.id}`);
    await eventually('the rows put back', () => qosRows(nb, t.net.id).join() === expected.join());
    nbctl(nb, 'qos-add', `neutron-${t.net.id}`, 'to-lport', '100', 'ip4', 'rate=64');
    await eventually('muon\'s rows unchanged', () => qosRows(nb, t.net.id).length === expected.length + 1);
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(qosRows(nb, t.net.id).includes('to-lport ip4 64 - -'), 'an operator\'s row stays');
  });
});
