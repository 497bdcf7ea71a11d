import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkView, PortView, QosRuleView } from '../driver.ts';
import { desiredFipQos, desiredGatewayQos, desiredNetworkQos, desiredPortQos, effectiveQosPolicy } from './qos-model.ts';

const network: NetworkView = { id: 'n', name: 'n', project_id: 'p', mtu: 1442, admin_state_up: true, revision_number: 0, qos_policy_id: 'net-policy' };
const port = (id: string, over: Partial<PortView> = {}): PortView => ({
  id, name: '', network_id: 'n', project_id: 'p', mac_address: 'fa:16:3e:00:00:01', fixed_ips: [], device_id: '', device_owner: 'compute:nova', admin_state_up: true, revision_number: 0, ...over,
});
const limit = (direction: 'egress' | 'ingress', max_kbps: number, max_burst_kbps = 0): QosRuleView => ({ id: `bw-${direction}`, type: 'bandwidth_limit', qos_policy_id: 'x', direction, max_kbps, max_burst_kbps });
const dscp = (mark: number): QosRuleView => ({ id: 'dscp', type: 'dscp_marking', qos_policy_id: 'x', dscp_mark: mark });

test('the effective policy: the port\'s own, else its network\'s, none for the network\'s own ports', () => {
  assert.equal(effectiveQosPolicy(port('a', { qos_policy_id: 'own' }), network), 'own');
  assert.equal(effectiveQosPolicy(port('a'), network), 'net-policy');
  assert.equal(effectiveQosPolicy(port('a', { qos_policy_id: null }), { ...network, qos_policy_id: null }), undefined);
  assert.equal(effectiveQosPolicy(port('r', { device_owner: 'network:router_interface', qos_policy_id: 'own' }), network), undefined);
});

test('egress: bandwidth limit and DSCP in one from-lport row; ingress: a to-lport row; ML2/OVN\'s match, priority and external_ids', () => {
  assert.deepEqual(desiredPortQos('p1', [limit('egress', 1000, 100), dscp(26), limit('ingress', 2000)]), [
    { direction: 'from-lport', priority: 2002, match: 'inport == "p1"', bandwidth: { rate: 1000, burst: 100 }, action: { dscp: 26 }, external_ids: { 'neutron:port_id': 'p1' } },
    { direction: 'to-lport', priority: 2002, match: 'outport == "p1"', bandwidth: { rate: 2000 }, action: {}, external_ids: { 'neutron:port_id': 'p1' } },
  ]);
  assert.deepEqual(desiredPortQos('p1', [dscp(10)]).map((r) => [r.direction, r.bandwidth, r.action]), [['from-lport', {}, { dscp: 10 }]]);
  assert.deepEqual(desiredPortQos('p1', []), []);
});

test('a network\'s rows: each port under its effective policy\'s rules', () => {
  const rules = new Map([['net-policy', [dscp(8)]], ['own', [limit('ingress', 500)]]]);
  const rows = desiredNetworkQos(network, [port('a'), port('b', { qos_policy_id: 'own' }), port('r', { device_owner: 'network:dhcp' })], rules);
  assert.deepEqual(rows.map((r) => r.match), ['inport == "a"', 'outport == "b"']);
});

test('a floating IP\'s rows: on the gateway port, its address and the NAT chassis, priority 2003, neutron:fip_id; a gateway\'s: the port alone', () => {
  const fip = { fipId: 'f', address: '198.51.100.7', gatewayPortId: 'gw', residentPort: 'cr-lrp-gw', rules: [limit('ingress', 300), dscp(8)] };
  assert.deepEqual(desiredFipQos(fip), [
    { direction: 'from-lport', priority: 2003, match: 'inport == "gw" && ip4.src == 198.51.100.7 && is_chassis_resident("cr-lrp-gw")', bandwidth: {}, action: { dscp: 8 }, external_ids: { 'neutron:fip_id': 'f' } },
    { direction: 'to-lport', priority: 2003, match: 'outport == "gw" && ip4.dst == 198.51.100.7 && is_chassis_resident("cr-lrp-gw")', bandwidth: { rate: 300 }, action: {}, external_ids: { 'neutron:fip_id': 'f' } },
  ]);
  assert.deepEqual(desiredGatewayQos({ routerId: 'r', gatewayPortId: 'gw', rules: [limit('egress', 10)] }), [
    { direction: 'from-lport', priority: 2002, match: 'inport == "gw"', bandwidth: { rate: 10 }, action: {}, external_ids: { 'neutron:router_id': 'r' } },
  ]);
  assert.deepEqual(desiredGatewayQos({ routerId: 'r', gatewayPortId: 'gw', rules: [] }), []);
});
