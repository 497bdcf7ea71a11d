import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkView, PortView, SubnetView } from '../driver.ts';
import type { RouterContext } from './router-model.ts';
import { routerPortRaConfigs } from './router-ra.ts';

const subnet = (id: string, cidr: string, mode: string | null): SubnetView => ({
  id, network_id: 'n', cidr, ip_version: cidr.includes(':') ? 6 : 4, enable_dhcp: true, gateway_ip: null, revision_number: 0, ipv6_address_mode: mode,
});
const network = (external: boolean): NetworkView => ({ id: 'n', name: 'n', project_id: 'p', mtu: 1442, admin_state_up: true, revision_number: 0, 'router:external': external });
const port = (subnetIds: string[]): PortView => ({
  id: 'p1', name: '', network_id: 'n', project_id: 'p', mac_address: 'fa:16:3e:00:00:01', device_id: 'r', device_owner: 'network:router_interface',
  admin_state_up: true, revision_number: 1, fixed_ips: subnetIds.map((subnet_id, i) => ({ subnet_id, ip_address: `2001:db8:${i}::1` })),
});
const context = (external = false): RouterContext => ({
  ports: [],
  subnets: new Map([subnet('v4', '10.0.0.0/24', null), subnet('plain6', '2001:db8:9::/64', null), subnet('slaac', '2001:db8:1::/64', 'slaac'),
    subnet('stateful', '2001:db8:2::/64', 'dhcpv6-stateful'), subnet('stateless', '2001:db8:3::/64', 'dhcpv6-stateless')].map((s) => [s.id, s])),
  networks: new Map([['n', network(external)]]),
  gatewayChassis: [],
});

test('no IPv6 address mode on any subnet of the port: no router advertisements', () => {
  assert.deepEqual(routerPortRaConfigs(port(['v4', 'plain6']), false, context()), {});
});

test('each Neutron address mode maps to OVN\'s spelling, periodic, with the network MTU', () => {
  assert.deepEqual(routerPortRaConfigs(port(['slaac']), false, context()), { address_mode: 'slaac', send_periodic: 'true', mtu: '1442' });
  assert.equal(routerPortRaConfigs(port(['stateful']), false, context()).address_mode, 'dhcpv6_stateful');
  assert.equal(routerPortRaConfigs(port(['stateless']), false, context()).address_mode, 'dhcpv6_stateless');
});

test('the first subnet with a mode decides', () => {
  assert.equal(routerPortRaConfigs(port(['v4', 'stateless', 'slaac']), false, context()).address_mode, 'dhcpv6_stateless');
});

test('a gateway port on an external network does not send periodic RAs; an interface on it does', () => {
  assert.equal(routerPortRaConfigs(port(['slaac']), true, context(true)).send_periodic, 'false');
  assert.equal(routerPortRaConfigs(port(['slaac']), false, context(true)).send_periodic, 'true');
  assert.equal(routerPortRaConfigs(port(['slaac']), true, context(false)).send_periodic, 'true');
});
