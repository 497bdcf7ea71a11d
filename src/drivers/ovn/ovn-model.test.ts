import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PortView, SubnetView } from '../driver.ts';
import { chassisOptions, desiredPort, desiredSwitch, networkIdOf, portSecurityOf, switchName } from './ovn-model.ts';

const NET = '3f9b2c1e-0000-4000-8000-000000000001';
const SUBNETS = new Map<string, SubnetView>([
  ['s4', { id: 's4', network_id: NET, cidr: '10.0.0.0/24', ip_version: 4, enable_dhcp: true, gateway_ip: '10.0.0.1', revision_number: 0 }],
  ['s6', { id: 's6', network_id: NET, cidr: 'fd00::/64', ip_version: 6, enable_dhcp: false, gateway_ip: null, revision_number: 0 }],
]);
const PORT: PortView = {
  id: 'p1', name: 'vm', network_id: NET, project_id: 'proj', mac_address: 'fa:16:3e:00:00:01',
  fixed_ips: [{ subnet_id: 's4', ip_address: '10.0.0.5' }, { subnet_id: 's6', ip_address: 'fd00::5' }],
  allowed_address_pairs: [], port_security_enabled: true, security_groups: ['sg1', 'sg2'],
  device_id: 'vm-1', device_owner: 'compute:nova', admin_state_up: true, 'binding:host_id': 'hv1', revision_number: 4,
};

test('switch names round-trip; foreign names are not ours', () => {
  assert.equal(networkIdOf(switchName(NET)), NET);
  assert.equal(networkIdOf('neutron-not-a-uuid'), undefined);
  assert.equal(networkIdOf('sw0'), undefined);
});

test('a network becomes neutron-<id> with ML2/OVN external_ids', () => {
  const spec = desiredSwitch({ id: NET, name: 'blue', project_id: 'p', mtu: 1442, admin_state_up: true, revision_number: 3, availability_zone_hints: ['az1', 'az2'] });
  assert.deepEqual(spec.external_ids, { 'neutron:network_name': 'blue', 'neutron:mtu': '1442', 'neutron:revision_number': '3', 'neutron:availability_zone_hints': 'az1,az2' });
  assert.equal(spec.name, `neutron-${NET}`);
});

test('a VM port: addresses, port security, cidrs, chassis, security groups', () => {
  const spec = desiredPort(PORT, SUBNETS)!;
  assert.deepEqual(spec.addresses, ['fa:16:3e:00:00:01 10.0.0.5 fd00::5']);
  assert.deepEqual(spec.port_security, ['fa:16:3e:00:00:01 10.0.0.5 fd00::5']);
  assert.equal(spec.external_ids['neutron:cidrs'], '10.0.0.5/24 fd00::5/64');
  assert.equal(spec.external_ids['neutron:security_group_ids'], 'sg1 sg2');
  assert.equal(spec.external_ids['neutron:network_name'], `neutron-${NET}`);
  assert.deepEqual(spec.options, { 'requested-chassis': 'hv1', mcast_flood_reports: 'true' });
  assert.equal(spec.type, '');
});

test('live migration: migrating_to in the profile requests both chassis, activated by RARP (not for vhost-user)', () => {
  const migrating = { ...PORT, 'binding:profile': { migrating_to: 'hv2' }, 'binding:vif_type': 'ovs' };
  assert.deepEqual(desiredPort(migrating, SUBNETS)!.options, { 'requested-chassis': 'hv1,hv2', 'activation-strategy': 'rarp', mcast_flood_reports: 'true' });
  assert.deepEqual(chassisOptions({ ...migrating, 'binding:vif_type': 'vhostuser' }), { 'requested-chassis': 'hv1,hv2' });
  assert.deepEqual(chassisOptions({ ...migrating, 'binding:profile': { migrating_to: 'hv1' } }), { 'requested-chassis': 'hv1' });
  assert.deepEqual(chassisOptions({ ...migrating, 'binding:profile': { migrating_to: 7 } }), { 'requested-chassis': 'hv1' });
  assert.deepEqual(chassisOptions({ ...migrating, 'binding:host_id': '' }), {}, 'an unbound port requests no chassis');
});

test('allowed address pairs: same MAC joins the port entry, another MAC gets its own', () => {
  const port = { ...PORT, allowed_address_pairs: [{ ip_address: '10.0.0.100', mac_address: PORT.mac_address }, { ip_address: '10.0.0.101', mac_address: 'fa:16:3e:ff:ff:ff' }] };
  assert.deepEqual(portSecurityOf(port), ['fa:16:3e:00:00:01 10.0.0.5 fd00::5 10.0.0.100', 'fa:16:3e:ff:ff:ff 10.0.0.101']);
  assert.deepEqual(desiredPort(port, SUBNETS)!.addresses, ['fa:16:3e:00:00:01 10.0.0.5 fd00::5', 'fa:16:3e:ff:ff:ff']);
});

test('without port security: "unknown", and the address only when DHCP serves it', () => {
  const open = { ...PORT, port_security_enabled: false };
  assert.deepEqual(desiredPort(open, SUBNETS)!.addresses, ['fa:16:3e:00:00:01 10.0.0.5 fd00::5', 'unknown']);
  assert.deepEqual(desiredPort({ ...open, fixed_ips: [{ subnet_id: 's6', ip_address: 'fd00::5' }] }, SUBNETS)!.addresses, ['unknown']);
  assert.deepEqual(desiredPort(open, SUBNETS)!.port_security, []);
});

test('network-owned ports: trusted, metadata is a localport, router interfaces point at their router port, floating IPs have none', () => {
  assert.deepEqual(desiredPort({ ...PORT, device_owner: 'network:dhcp' }, SUBNETS)!.port_security, []);
  const metadata = desiredPort({ ...PORT, device_owner: 'network:distributed' }, SUBNETS)!;
  assert.equal(metadata.type, 'localport');
  assert.deepEqual(metadata.addresses, ['fa:16:3e:00:00:01 10.0.0.5 fd00::5']);
  assert.equal(metadata.options.mcast_flood_reports, undefined);
  const router = desiredPort({ ...PORT, device_owner: 'network:router_interface' }, SUBNETS)!;
  assert.deepEqual([router.type, router.addresses, router.options['router-port']], ['router', ['router'], 'lrp-p1']);
  assert.equal(desiredPort({ ...PORT, device_owner: 'network:floatingip' }, SUBNETS), undefined);
});
