import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb, SWITCH_TABLES } from '../helpers/nb-dump.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';
import { assertFreshResyncEquals, eventually, nbctl } from '../helpers/ovn-test-kit.ts';
import { ok, qosRule, sharedQosPolicy, switchQosRows } from '../helpers/qos-test-kit.ts';

const skip = ovsdbSkipReason();
const TABLES = [...SWITCH_TABLES, 'QoS'];


/** The QoS rows of muon's floating IPs and gateways in a switch, as `direction priority match rate burst dscp owner`, sorted. */
const l3QosRows = (server: OvsdbServer, networkId: string): string[] =>
  switchQosRows(server, networkId).map((r) => `${r.direction} ${r.priority} ${r.match} ${r.rate} ${r.burst} ${r.dscp} ${r.owner}`).sort();

/** qos-fip and qos-gateway-ip in the northbound DB: ML2/OVN's rows in the external network's switch. */
forEachApi('OVN driver: QoS of floating IPs and gateways', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const t: Record<string, any> = {};
  const policy = (label: string) => sharedQosPolicy(api, label);
  const rule = (policyId: string, type: string, body: Record<string, unknown>) => qosRule(api, policyId, type, body);
  const gatewayPort = async (routerId: string) => ok(await api.get(`/v2.0/ports?device_id=${routerId}&device_owner=network:router_gateway`, ADMIN)).ports[0].id as string;

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('the first full resync writes a floating IP\'s and a gateway\'s rows as ML2/OVN does', async () => {
    t.fipPolicy = await policy('fip');
    t.fipLimit = await rule(t.fipPolicy.id, 'bandwidth_limit', { max_kbps: 1000, max_burst_kbps: 100, direction: 'egress' });
    await rule(t.fipPolicy.id, 'bandwidth_limit', { max_kbps: 2000, direction: 'ingress' });
    await rule(t.fipPolicy.id, 'dscp_marking', { dscp_mark: 26 });
    t.gwPolicy = await policy('gateway');
    await rule(t.gwPolicy.id, 'bandwidth_limit', { max_kbps: 5000, direction: 'egress' });
    t.ext = await api.network({ name: 'public', 'router:external': true }, ADMIN);
    await api.subnet(t.ext.id, '198.51.100.0/24', {}, ADMIN);
    t.net = await api.network({ name: 'inside' }, MEMBER_A);
    t.subnet = await api.subnet(t.net.id, '10.0.0.0/24', {}, MEMBER_A);
    t.router = await api.create('routers', 'router', { external_gateway_info: { network_id: t.ext.id, qos_policy_id: t.gwPolicy.id } }, MEMBER_A);
    ok(await api.put(`/v2.0/routers/${t.router.id}/add_router_interface`, { subnet_id: t.subnet.id }, MEMBER_A));
    t.vm = await api.port(t.net.id, { name: 'vm' }, MEMBER_A);
    t.fip = ok(await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: t.ext.id, port_id: t.vm.id, qos_policy_id: t.fipPolicy.id } }, MEMBER_A), 201).floatingip;
    t.unassociated = ok(await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: t.ext.id, qos_policy_id: t.fipPolicy.id } }, MEMBER_A), 201).floatingip;
    t.gw = await gatewayPort(t.router.id);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    const ip = t.fip.floating_ip_address;
    const resident = `is_chassis_resident("cr-lrp-${t.gw}")`;
    assert.deepEqual(l3QosRows(nb, t.ext.id), [
      `from-lport 2002 inport == "${t.gw}" 5000 - - neutron:router_id=${t.router.id}`,
      `from-lport 2003 inport == "${t.gw}" && ip4.src == ${ip} && ${resident} 1000 100 26 neutron:fip_id=${t.fip.id}`,
      `to-lport 2003 outport == "${t.gw}" && ip4.dst == ${ip} && ${resident} 2000 - - neutron:fip_id=${t.fip.id}`,
    ].sort(), 'an unassociated floating IP has none');
    assert.deepEqual(l3QosRows(nb, t.net.id), [], 'nothing in the internal switch');
  });

  test('after a stream of changes the rows are what a full resync makes', async () => {
    ok(await api.put(`/v2.0/qos/policies/${t.fipPolicy.id}/bandwidth_limit_rules/${t.fipLimit.id}`, { bandwidth_limit_rule: { max_kbps: 3000 } }, ADMIN));
    const vm2 = await api.port(t.net.id, { name: 'vm2' }, MEMBER_A);
    ok(await api.put(`/v2.0/floatingips/${t.unassociated.id}`, { floatingip: { port_id: vm2.id } }, MEMBER_A));
    await settle();
    assert.ok(l3QosRows(nb, t.ext.id).some((r) => r.includes(`neutron:fip_id=${t.unassociated.id}`)), 'associating brings the rows');
    assert.ok(l3QosRows(nb, t.ext.id).some((r) => r.startsWith(`from-lport 2003 inport == "${t.gw}" && ip4.src == ${t.fip.floating_ip_address} `) && r.includes(' 3000 100 26 ')));
    ok(await api.put(`/v2.0/floatingips/${t.fip.id}`, { floatingip: { qos_policy_id: null } }, MEMBER_A));
    ok(await api.put(`/v2.0/floatingips/${t.unassociated.id}`, { floatingip: { port_id: null } }, MEMBER_A));
    ok(await api.put(`/v2.0/routers/${t.router.id}`, { router: { external_gateway_info: { network_id: t.ext.id, qos_policy_id: null } } }, MEMBER_A));
    await settle();
    assert.deepEqual(l3QosRows(nb, t.ext.id), [], 'no policy, or no association: no rows');
    ok(await api.put(`/v2.0/floatingips/${t.fip.id}`, { floatingip: { qos_policy_id: t.fipPolicy.id } }, MEMBER_A));
    ok(await api.put(`/v2.0/routers/${t.router.id}`, { router: { external_gateway_info: { network_id: t.ext.id, qos_policy_id: t.gwPolicy.id } } }, MEMBER_A));
    await settle();
    assert.equal(l3QosRows(nb, t.ext.id).length, 3);
    const incremental = await dumpNb(nb.remote, TABLES);
    await assertFreshResyncEquals(coreDesiredState(api.services), incremental, TABLES);
  });

  test('rows changed or deleted behind muon\'s back are put back', async () => {
    const expected = l3QosRows(nb, t.ext.id);
    const uuid = nbctl(nb, '--bare', '--columns=_uuid', 'find', 'QoS', `external_ids:"neutron:router_id"="${t.router.id}"`);
    nbctl(nb, 'set', 'QoS', uuid, 'bandwidth:rate=1');
    await eventually('the gateway rate put back', () => l3QosRows(nb, t.ext.id).join() === expected.join());
    nbctl(nb, 'qos-del', `neutron-${t.ext.id}`);
    await eventually('the rows put back', () => l3QosRows(nb, t.ext.id).join() === expected.join());
  });

  test("qos-fip-network-policy: a floating IP or gateway without a policy takes the external network's; its own wins", async () => {
    const netPolicy = await policy('external-network');
    await rule(netPolicy.id, 'bandwidth_limit', { max_kbps: 700, direction: 'egress' });
    ok(await api.put(`/v2.0/floatingips/${t.fip.id}`, { floatingip: { qos_policy_id: null } }, MEMBER_A));
    ok(await api.put(`/v2.0/routers/${t.router.id}`, { router: { external_gateway_info: { network_id: t.ext.id, qos_policy_id: null } } }, MEMBER_A));
    await settle();
    assert.deepEqual(l3QosRows(nb, t.ext.id), [], 'no policy anywhere: no rows');
    ok(await api.put(`/v2.0/networks/${t.ext.id}`, { network: { qos_policy_id: netPolicy.id } }, ADMIN));
    await settle();
    const ip = t.fip.floating_ip_address;
    const resident = `is_chassis_resident("cr-lrp-${t.gw}")`;
    assert.deepEqual(l3QosRows(nb, t.ext.id), [
      `from-lport 2002 inport == "${t.gw}" 700 - - neutron:router_id=${t.router.id}`,
      `from-lport 2003 inport == "${t.gw}" && ip4.src == ${ip} && ${resident} 700 - - neutron:fip_id=${t.fip.id}`,
    ].sort());
    ok(await api.put(`/v2.0/floatingips/${t.fip.id}`, { floatingip: { qos_policy_id: t.fipPolicy.id } }, MEMBER_A));
    await settle();
    assert.ok(l3QosRows(nb, t.ext.id).some((r) => r.includes(' 3000 100 26 ') && r.includes(`neutron:fip_id=${t.fip.id}`)), 'the floating IP\'s own policy wins');
    await assertFreshResyncEquals(coreDesiredState(api.services), await dumpNb(nb.remote, TABLES), TABLES);
    ok(await api.put(`/v2.0/networks/${t.ext.id}`, { network: { qos_policy_id: null } }, ADMIN));
    ok(await api.put(`/v2.0/routers/${t.router.id}`, { router: { external_gateway_info: { network_id: t.ext.id, qos_policy_id: t.gwPolicy.id } } }, MEMBER_A));
    await settle();
    assert.equal(l3QosRows(nb, t.ext.id).length, 3, 'back to the own policies');
  });

  test('deleting the floating IP and clearing the gateway take their rows away', async () => {
    assert.equal((await api.delete(`/v2.0/floatingips/${t.fip.id}`, MEMBER_A)).status, 204);
    ok(await api.put(`/v2.0/routers/${t.router.id}`, { router: { external_gateway_info: {} } }, MEMBER_A));
    await settle();
    assert.deepEqual(l3QosRows(nb, t.ext.id), []);
    await assertFreshResyncEquals(coreDesiredState(api.services), await dumpNb(nb.remote, TABLES), TABLES);
  });
});
