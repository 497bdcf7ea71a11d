import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PortView, SubnetView } from '../driver.ts';
import { ipBlockRoutes, withIpBlockSecurity } from './ip-block-routes.ts';
import type { PortSpec } from './ovn-model.ts';

const spec = (name: string, portSecurity: string[]): PortSpec => ({ name, type: '', addresses: [], port_security: portSecurity, enabled: true, external_ids: {}, options: {} });
const port = (id: string, over: Partial<PortView>): PortView => ({
  id, name: '', network_id: 'n', project_id: 'p', mac_address: 'fa:16:3e:00:00:01', fixed_ips: [], device_id: '', device_owner: 'compute:nova', admin_state_up: true, revision_number: 1, ...over,
});
const subnet = (id: string, cidr: string): SubnetView => ({ id, network_id: 'n', cidr, ip_version: cidr.includes(':') ? 6 : 4, enable_dhcp: true, gateway_ip: null, revision_number: 1 });

test('port security: the blocks join the first entry, sorted; other entries and ports without port security stay', () => {
  const blocks = [{ id: 'b2', cidr: '203.0.113.16/29', port_id: 'p1' }, { id: 'b1', cidr: '203.0.113.8/29', port_id: 'p1' }, { id: 'b3', cidr: '198.51.100.0/29', port_id: 'p2' }];
  const [p1, p2, p3] = withIpBlockSecurity([spec('p1', ['m1 10.0.0.5', 'm9 10.0.0.9']), spec('p2', []), spec('p3', ['m3 10.0.0.7'])], blocks);
  assert.deepEqual(p1!.port_security, ['m1 10.0.0.5 203.0.113.16/29 203.0.113.8/29', 'm9 10.0.0.9']);
  assert.deepEqual(p2!.port_security, [], 'no port security: nothing to open');
  assert.deepEqual(p3!.port_security, ['m3 10.0.0.7']);
});

test('routes: via the holder\'s address of the block\'s family on a subnet the router serves; none otherwise', () => {
  const subnets = new Map([subnet('s4', '10.0.0.0/24'), subnet('s6', 'fd00::/64'), subnet('other', '10.9.0.0/24')].map((s) => [s.id, s]));
  const iface = port('r1', { device_owner: 'network:router_interface', fixed_ips: [{ subnet_id: 's4', ip_address: '10.0.0.1' }, { subnet_id: 's6', ip_address: 'fd00::1' }] });
  const holder = port('h', { fixed_ips: [{ subnet_id: 'other', ip_address: '10.9.0.5' }, { subnet_id: 's4', ip_address: '10.0.0.5' }, { subnet_id: 's6', ip_address: 'fd00::5' }] });
  const elsewhere = port('x', { fixed_ips: [{ subnet_id: 'other', ip_address: '10.9.0.6' }] });
  const routes = ipBlockRoutes([iface], subnets, [
    { id: 'b4', cidr: '203.0.113.8/29', port_id: 'h' }, { id: 'b6', cidr: '2001:db8:1::/64', port_id: 'h' },
    { id: 'bx', cidr: '203.0.113.16/29', port_id: 'x' }, { id: 'gone', cidr: '203.0.113.24/29', port_id: 'deleted' },
  ], new Map([holder, elsewhere].map((p) => [p.id, p])));
  assert.deepEqual(routes, [
    { ip_prefix: '2001:db8:1::/64', nexthop: 'fd00::5', external_ids: { 'muon:ip_block_id': 'b6', 'muon:port_id': 'h' } },
    { ip_prefix: '203.0.113.8/29', nexthop: '10.0.0.5', external_ids: { 'muon:ip_block_id': 'b4', 'muon:port_id': 'h' } },
  ]);
  assert.deepEqual(ipBlockRoutes([], subnets, [{ id: 'b4', cidr: '203.0.113.8/29', port_id: 'h' }], new Map([[holder.id, holder]])), [], 'a router without interfaces routes nothing');
});
