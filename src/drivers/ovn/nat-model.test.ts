import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { FloatingIpView, PortForwardingView, PortView, RouterView, SubnetView } from '../driver.ts';
import { desiredFloatingIpNat, desiredLoadBalancers, desiredSnats, unrollPorts } from './nat-model.ts';
import type { RouterContext } from './router-model.ts';

const router = (over: Partial<RouterView> = {}): RouterView => ({
  id: 'r1', name: 'r', project_id: 'p', admin_state_up: true, revision_number: 1, external_gateway_info: { network_id: 'ext', enable_snat: true }, ...over,
});
const port = (id: string, owner: string, ips: Array<[string, string]>): PortView => ({
  id, name: '', network_id: 'n', project_id: 'p', mac_address: 'fa:16:3e:00:00:02', device_id: 'r1', device_owner: owner, admin_state_up: true, revision_number: 0,
  fixed_ips: ips.map(([subnet_id, ip_address]) => ({ subnet_id, ip_address })),
});
const subnet = (id: string, cidr: string): SubnetView => ({ id, network_id: 'n', cidr, ip_version: cidr.includes(':') ? 6 : 4, enable_dhcp: true, gateway_ip: null, revision_number: 0 });
const context: RouterContext = {
  ports: [
    port('gw', 'network:router_gateway', [['s-ext', '198.51.100.10'], ['s-ext6', '2001:db8::10']]),
    port('if1', 'network:router_interface', [['s-a', '10.0.0.1']]),
    port('if2', 'network:router_interface', [['s-b', '10.1.0.1'], ['s-v6', 'fd00::1']]),
  ],
  subnets: new Map([subnet('s-ext', '198.51.100.0/24'), subnet('s-ext6', '2001:db8::/64'), subnet('s-a', '10.0.0.0/24'), subnet('s-b', '10.1.0.0/24'), subnet('s-v6', 'fd00::/64')].map((s) => [s.id, s])),
  networks: new Map(),
  gatewayChassis: [],
};
const fip = (over: Partial<FloatingIpView> = {}): FloatingIpView => ({
  id: 'f1', project_id: 'p', floating_ip_address: '198.51.100.20', floating_network_id: 'ext', router_id: 'r1', port_id: 'vm', fixed_ip_address: '10.0.0.5', revision_number: 4, floating_port_id: 'fp', ...over,
});
const forwarding = (over: Partial<PortForwardingView> = {}): PortForwardingView => ({
  id: 'pf', floatingip_id: 'f1', protocol: 'tcp', internal_port_id: 'vm', internal_ip_address: '10.0.0.5', internal_port: 22, external_port: 2222,
  internal_port_range: '22:22', external_port_range: '2222:2222', revision_number: 0, ...over,
});

test('SNAT: each IPv4 subnet of the interfaces through each IPv4 gateway address; none when SNAT is off or there is no gateway', () => {
  assert.deepEqual(desiredSnats(router(), context).map((n) => [n.type, n.logical_ip, n.external_ip]), [['snat', '10.0.0.0/24', '198.51.100.10'], ['snat', '10.1.0.0/24', '198.51.100.10']]);
  assert.deepEqual(desiredSnats(router({ external_gateway_info: { network_id: 'ext', enable_snat: false } }), context), []);
  assert.deepEqual(desiredSnats(router({ external_gateway_info: null }), context), []);
});

test('a floating IP: dnat_and_snat with ML2/OVN\'s external_ids; the external MAC only on distributed routers', () => {
  const nat = desiredFloatingIpNat(router(), fip(), 'fa:16:3e:aa:aa:aa')!;
  assert.deepEqual(nat, {
    type: 'dnat_and_snat', logical_ip: '10.0.0.5', external_ip: '198.51.100.20', logical_port: 'vm', external_mac: null, options: { stateless: 'false' },
    external_ids: {
      'neutron:fip_id': 'f1', 'neutron:revision_number': '4', 'neutron:fip_port_id': 'vm', 'neutron:router_name': 'neutron-r1',
      'neutron:fip_network_id': 'ext', 'neutron:fip_external_mac': 'fa:16:3e:aa:aa:aa',
    },
  });
  assert.equal(desiredFloatingIpNat(router({ distributed: true }), fip(), 'fa:16:3e:aa:aa:aa')!.external_mac, 'fa:16:3e:aa:aa:aa');
  assert.equal(desiredFloatingIpNat(router(), fip({ port_id: null, fixed_ip_address: null }), undefined), undefined);
  assert.equal(desiredFloatingIpNat(router(), fip({ router_id: 'other' }), undefined), undefined);
});

test('port ranges unroll one to one, or many onto one internal port', () => {
  assert.deepEqual(unrollPorts(forwarding()), [[2222, 22]]);
  assert.deepEqual(unrollPorts(forwarding({ external_port: null, internal_port: null, external_port_range: '8000:8002', internal_port_range: '80:82' })), [[8000, 80], [8001, 81], [8002, 82]]);
  assert.deepEqual(unrollPorts(forwarding({ external_port: null, internal_port: null, external_port_range: '8000:8001', internal_port_range: '80:80' })), [[8000, 80], [8001, 80]]);
  assert.deepEqual(unrollPorts(forwarding({ external_port: null, internal_port: null, external_port_range: null, internal_port_range: null })), []);
});

test('forwarding load balancers: one per floating IP and protocol for single ports, one per port of a range', () => {
  const lbs = desiredLoadBalancers(router(), [fip({ port_id: null, fixed_ip_address: null })], [
    forwarding(),
    forwarding({ id: 'pf2', internal_port: 80, external_port: 8080, internal_port_range: '80:80', external_port_range: '8080:8080' }),
    forwarding({ id: 'pf3', protocol: 'udp', external_port: null, internal_port: null, external_port_range: '5000:5001', internal_port_range: '50:51' }),
    forwarding({ id: 'pf4', floatingip_id: 'elsewhere' }),
  ]);
  assert.deepEqual(lbs.map((lb) => [lb.name, lb.protocol, lb.vips]), [
    ['pf-floatingip-f1-tcp', 'tcp', { '198.51.100.20:2222': '10.0.0.5:22', '198.51.100.20:8080': '10.0.0.5:80' }],
    ['pf-floatingip-f1-udp-5000', 'udp', { '198.51.100.20:5000': '10.0.0.5:50' }],
    ['pf-floatingip-f1-udp-5001', 'udp', { '198.51.100.20:5001': '10.0.0.5:51' }],
  ]);
  assert.deepEqual(lbs[0]!.external_ids, { 'neutron:device_owner': 'port_forwarding_plugin', 'neutron:fip_id': 'f1', 'neutron:router_name': 'neutron-r1' });
});
