import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkView, PortView, RouterView, SubnetView } from '../driver.ts';
import { desiredRouterPort, desiredStaticRoutes, gatewayChassis, routerIdOf, type RouterContext } from './router-model.ts';

const ROUTER_ID = '11111111-2222-4333-8444-555555555555';
const router = (over: Partial<RouterView> = {}): RouterView => ({
  id: ROUTER_ID, name: 'r', project_id: 'p', admin_state_up: true, revision_number: 3, external_gateway_info: null, routes: [], ...over,
});
const subnet = (id: string, networkId: string, cidr: string, gateway: string | null): SubnetView => ({
  id, network_id: networkId, cidr, ip_version: cidr.includes(':') ? 6 : 4, enable_dhcp: true, gateway_ip: gateway, revision_number: 0,
});
const network = (id: string, mtu: number, type = 'geneve'): NetworkView => ({ id, name: id, project_id: 'p', mtu, admin_state_up: true, revision_number: 0, 'provider:network_type': type });
const port = (id: string, owner: string, networkId: string, ips: Array<[string, string]>): PortView => ({
  id, name: '', network_id: networkId, project_id: 'p', mac_address: 'fa:16:3e:00:00:01', device_id: ROUTER_ID, device_owner: owner, admin_state_up: true, revision_number: 7,
  fixed_ips: ips.map(([subnet_id, ip_address]) => ({ subnet_id, ip_address })),
});

const gw = port('gw', 'network:router_gateway', 'ext', [['s-ext', '198.51.100.10'], ['s-ext6', '2001:db8::10']]);
const iface = port('if', 'network:router_interface', 'blue', [['s-blue', '10.0.0.1']]);
const vlanIface = port('if2', 'network:router_interface', 'vlan', [['s-vlan', '10.2.0.1']]);
const context: RouterContext = {
  ports: [gw, iface, vlanIface],
  subnets: new Map([
    subnet('s-ext', 'ext', '198.51.100.0/24', '198.51.100.1'), subnet('s-ext6', 'ext', '2001:db8::/64', null),
    subnet('s-blue', 'blue', '10.0.0.0/24', '10.0.0.1'), subnet('s-vlan', 'vlan', '10.2.0.0/24', '10.2.0.1'),
  ].map((s) => [s.id, s])),
  networks: new Map([network('ext', 1500, 'flat'), network('blue', 1442), network('vlan', 1400, 'vlan')].map((n) => [n.id, n])),
  gatewayChassis: ['c', 'a', 'b'],
};

test('router ids come only from names muon gives routers', () => {
  assert.equal(routerIdOf(`neutron-${ROUTER_ID}`), ROUTER_ID);
  assert.equal(routerIdOf('neutron-foo'), undefined);
  assert.equal(routerIdOf(ROUTER_ID), undefined);
});

test('an interface port: its addresses with prefix lengths, ML2/OVN external_ids, centralized on provider networks', () => {
  const lrp = desiredRouterPort(router(), iface, context);
  assert.deepEqual(lrp, {
    name: 'lrp-if', mac: 'fa:16:3e:00:00:01', networks: ['10.0.0.1/24'],
    external_ids: {
      'neutron:revision_number': '7', 'neutron:subnet_ids': 's-blue', 'neutron:network_name': 'neutron-blue',
      'neutron:is_ext_gw': 'False', 'neutron:router_name': `neutron-${ROUTER_ID}`,
    },
    options: {}, ipv6_ra_configs: {}, gateway_chassis: [],
  });
  assert.deepEqual(desiredRouterPort(router(), vlanIface, context).options, { 'reside-on-redirect-chassis': 'true' });
});

test('the gateway port: both address families, the lowest MTU of the router\'s networks, gateway chassis', () => {
  const lrp = desiredRouterPort(router(), gw, context);
  assert.deepEqual(lrp.networks, ['198.51.100.10/24', '2001:db8::10/64']);
  assert.equal(lrp.external_ids['neutron:is_ext_gw'], 'True');
  assert.deepEqual(lrp.options, { gateway_mtu: '1400' });
  assert.equal(lrp.gateway_chassis.length, 3);
});

test('gateway chassis: a stable rotation of the sorted candidates, at most five, decreasing priorities', () => {
  const chosen = gatewayChassis(ROUTER_ID, 'gw', ['c', 'a', 'b', 'a']);
  assert.deepEqual(chosen.map((c) => c.priority), [3, 2, 1]);
  assert.deepEqual(chosen.map((c) => c.chassis_name).join('').repeat(2).includes('abc'), true, 'a rotation of a, b, c');
  assert.deepEqual(chosen[0]!.name, `lrp-gw_${chosen[0]!.chassis_name}`);
  assert.deepEqual(gatewayChassis(ROUTER_ID, 'gw', ['a', 'b', 'c']), chosen, 'the order of candidates does not matter');
  const many = gatewayChassis(ROUTER_ID, 'gw', ['h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'h7']);
  assert.deepEqual(many.map((c) => c.priority), [5, 4, 3, 2, 1]);
  assert.deepEqual(gatewayChassis(ROUTER_ID, 'gw', []), []);
  const starts = new Set(['r1', 'r2', 'r3', 'r4', 'r5', 'r6'].map((id) => gatewayChassis(id, 'gw', ['a', 'b', 'c'])[0]!.chassis_name));
  assert.ok(starts.size > 1, 'routers spread over the chassis');
});

test('static routes: a default route per gateway subnet with a gateway IP, then the extra routes', () => {
  const routes = desiredStaticRoutes(router({ routes: [{ destination: '192.0.2.0/24', nexthop: '10.0.0.9' }] }), context);
  assert.deepEqual(routes, [
    { ip_prefix: '0.0.0.0/0', nexthop: '198.51.100.1', external_ids: { 'neutron:is_ext_gw': 'true', 'neutron:subnet_id': 's-ext', 'neutron:is_static_route': 'true' } },
    { ip_prefix: '192.0.2.0/24', nexthop: '10.0.0.9', external_ids: { 'neutron:is_static_route': 'true' } },
  ]);
});
