import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkView, PortView, SubnetView } from '../driver.ts';
import { desiredPortDhcp, desiredSubnetDhcp, dhcpKeyOf, dhcpServerMac, servesDhcp } from './dhcp-model.ts';

const NET: NetworkView = { id: 'n1', name: 'blue', project_id: 'p', mtu: 1442, admin_state_up: true, revision_number: 1 };
const V4: SubnetView = {
  id: 's4', network_id: 'n1', cidr: '10.0.0.0/24', ip_version: 4, enable_dhcp: true, gateway_ip: '10.0.0.1', revision_number: 7,
  dns_nameservers: ['8.8.8.8', '1.1.1.1'], host_routes: [{ destination: '192.168.0.0/16', nexthop: '10.0.0.254' }],
};
const V6: SubnetView = { id: 's6', network_id: 'n1', cidr: 'fd00::/64', ip_version: 6, enable_dhcp: true, gateway_ip: 'fd00::1', revision_number: 2, ipv6_address_mode: 'dhcpv6-stateless', ipv6_ra_mode: null } as SubnetView;
const port = (over: Partial<PortView> = {}): PortView => ({
  id: 'p1', name: '', network_id: 'n1', project_id: 'p', mac_address: 'fa:16:3e:00:00:01',
  fixed_ips: [{ subnet_id: 's4', ip_address: '10.0.0.5' }, { subnet_id: 's6', ip_address: 'fd00::5' }],
  device_id: 'vm', device_owner: 'compute:nova', admin_state_up: true, revision_number: 1, ...over,
});
const METADATA = port({ id: 'md', device_owner: 'network:distributed', fixed_ips: [{ subnet_id: 's4', ip_address: '10.0.0.2' }] });

test('a DHCPv4 subnet: server, router, lease, MTU of the network, DNS, routes with metadata first and the default last', () => {
  const spec = desiredSubnetDhcp(V4, NET, [port(), METADATA])!;
  assert.deepEqual(spec, {
    key: 's4', cidr: '10.0.0.0/24',
    external_ids: { subnet_id: 's4', 'neutron:revision_number': '7' },
    options: {
      server_id: '10.0.0.1', server_mac: dhcpServerMac('s4'), lease_time: '43200', mtu: '1442', router: '10.0.0.1',
      dns_server: '{8.8.8.8, 1.1.1.1}',
      classless_static_route: '{169.254.169.254/32,10.0.0.2, 192.168.0.0/16,10.0.0.254, 0.0.0.0/0,10.0.0.1}',
    },
  });
});

test('no host routes and no metadata port: no classless_static_route; no DNS servers: no dns_server', () => {
  const options = desiredSubnetDhcp({ ...V4, host_routes: [], dns_nameservers: [] }, NET, [])!.options;
  assert.equal(options.classless_static_route, undefined);
  assert.equal(options.dns_server, undefined);
  assert.equal(options.router, '10.0.0.1');
});

test('no gateway: the metadata port answers, with no router; neither: a row with no options', () => {
  const options = desiredSubnetDhcp({ ...V4, gateway_ip: null, host_routes: [] }, NET, [METADATA])!.options;
  assert.equal(options.server_id, '10.0.0.2');
  assert.equal(options.router, undefined);
  assert.equal(options.classless_static_route, '{169.254.169.254/32,10.0.0.2}');
  assert.deepEqual(desiredSubnetDhcp({ ...V4, gateway_ip: null }, NET, [])!.options, {});
});

test('DHCPv6: server id is the server MAC, stateless flag, DNS; SLAAC and disabled subnets have no row', () => {
  assert.deepEqual(desiredSubnetDhcp({ ...V6, dns_nameservers: ['fd00::53'] }, NET, [])!.options, { server_id: dhcpServerMac('s6'), dns_server: '{fd00::53}', dhcpv6_stateless: 'true' });
  assert.deepEqual(desiredSubnetDhcp({ ...V6, ipv6_address_mode: 'dhcpv6-stateful' }, NET, [])!.options, { server_id: dhcpServerMac('s6') });
  assert.equal(servesDhcp({ ...V6, ipv6_address_mode: 'slaac' }), false);
  assert.equal(desiredSubnetDhcp({ ...V4, enable_dhcp: false }, NET, []), undefined);
});

test('the server MAC is Neutron-based, fixed per subnet, different between subnets', () => {
  assert.match(dhcpServerMac('s4'), /^fa:16:3e(:[0-9a-f]{2}){3}$/);
  assert.equal(dhcpServerMac('s4'), dhcpServerMac('s4'));
  assert.notEqual(dhcpServerMac('s4'), dhcpServerMac('s6'));
});

const ROWS = new Map([['s4', desiredSubnetDhcp(V4, NET, [])!], ['s6', desiredSubnetDhcp(V6, NET, [])!]]);

test('a port without extra options uses its subnets\' rows; a network port and dhcp_disabled get none', () => {
  assert.deepEqual(desiredPortDhcp(port(), 4, ROWS), { kind: 'subnet', key: 's4' });
  assert.deepEqual(desiredPortDhcp(port(), 6, ROWS), { kind: 'subnet', key: 's6' });
  assert.deepEqual(desiredPortDhcp(port({ device_owner: 'network:router_interface' }), 4, ROWS), { kind: 'none' });
  const disabled = port({ extra_dhcp_opts: [{ opt_name: 'mtu', opt_value: '1400', ip_version: 4 }, { opt_name: 'dhcp_disabled', opt_value: 'true', ip_version: 4 }] });
  assert.deepEqual(desiredPortDhcp(disabled, 4, ROWS), { kind: 'none' });
  assert.deepEqual(desiredPortDhcp(disabled, 6, ROWS), { kind: 'subnet', key: 's6' }, 'dhcp_disabled is per IP version');
  assert.deepEqual(desiredPortDhcp(port({ fixed_ips: [] }), 4, ROWS), { kind: 'none' });
});

test('extra options make a row of the port\'s own: subnet options overridden, names mapped, strings quoted, unknown names ignored', () => {
  const dhcp = desiredPortDhcp(port({ extra_dhcp_opts: [
    { opt_name: 'mtu', opt_value: '1400', ip_version: 4 }, { opt_name: '67', opt_value: 'pxelinux.0', ip_version: 4 },
    { opt_name: 'server-ip-address', opt_value: '10.0.0.9', ip_version: 4 }, { opt_name: 'no-such-option', opt_value: 'x', ip_version: 4 },
    { opt_name: 'domain-search', opt_value: 'example.org', ip_version: 6 },
  ] }), 4, ROWS);
  assert.equal(dhcp.kind, 'port');
  if (dhcp.kind !== 'port') return;
  assert.equal(dhcp.spec.key, 's4/p1');
  assert.deepEqual(dhcp.spec.external_ids, { subnet_id: 's4', 'neutron:revision_number': '7', port_id: 'p1' });
  assert.deepEqual(dhcp.spec.options, { ...ROWS.get('s4')!.options, mtu: '1400', bootfile_name: '"pxelinux.0"', next_server: '10.0.0.9' });
  assert.equal(dhcpKeyOf(dhcp.spec.external_ids), 's4/p1');
  assert.equal(dhcpKeyOf({ foo: 'bar' }), undefined, 'rows without subnet_id are not muon\'s');
});
