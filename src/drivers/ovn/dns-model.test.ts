import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { NetworkView, PortView } from '../driver.ts';
import { desiredDns, portDnsRecords, reverseDnsName } from './dns-model.ts';

const NET: NetworkView = { id: '0b6e2e3a-1111-4222-8333-444455556666', name: 'n', project_id: 'p', mtu: 1442, admin_state_up: true, revision_number: 1 };
const port = (over: Partial<PortView>): PortView => ({
  id: 'a', name: '', network_id: NET.id, project_id: 'p', mac_address: 'fa:16:3e:00:00:01', fixed_ips: [], device_id: 'vm', device_owner: 'compute:nova',
  admin_state_up: true, revision_number: 1, dns_name: 'web',
  dns_assignment: [{ hostname: 'web', ip_address: '10.0.0.5', fqdn: 'web.example.org.' }, { hostname: 'web', ip_address: 'fd00::5', fqdn: 'web.example.org.' }],
  ...over,
});

test('PTR names: reversed octets, or 32 reversed nibbles', () => {
  assert.equal(reverseDnsName('10.0.0.5'), '5.0.0.10.in-addr.arpa');
  assert.equal(reverseDnsName('fd00::5'), `5.${'0.'.repeat(27)}0.0.d.f.ip6.arpa`);
  assert.equal(reverseDnsName('2001:db8::ffff:1.2.3.4').split('.').slice(0, 8).join('.'), '4.0.3.0.2.0.1.0');
});

test('a named port: hostname, FQDN without the dot, the network domain\'s name when it differs, PTR → FQDN', () => {
  assert.deepEqual(portDnsRecords(port({}), 'cloud.test.'), {
    web: '10.0.0.5 fd00::5',
    'web.cloud.test': '10.0.0.5 fd00::5',
    'web.example.org': '10.0.0.5 fd00::5',
    '5.0.0.10.in-addr.arpa': 'web.example.org',
    [reverseDnsName('fd00::5')]: 'web.example.org',
  });
  assert.deepEqual(Object.keys(portDnsRecords(port({}), 'example.org')).sort(), [reverseDnsName('fd00::5'), '5.0.0.10.in-addr.arpa', 'web', 'web.example.org'].sort());
  const bare = port({ dns_assignment: [{ hostname: 'web', ip_address: '10.0.0.5', fqdn: 'web.' }] });
  assert.deepEqual(portDnsRecords(bare, ''), { web: '10.0.0.5', '5.0.0.10.in-addr.arpa': 'web' }, 'no domain: the FQDN is the hostname, once');
});

test('no name, no device, no addresses: nothing published (default host-<ip> names are not)', () => {
  assert.deepEqual(portDnsRecords(port({ dns_name: '', dns_assignment: [{ hostname: 'host-10-0-0-5', ip_address: '10.0.0.5', fqdn: 'host-10-0-0-5.' }] }), ''), {});
  assert.deepEqual(portDnsRecords(port({ device_id: '' }), ''), {});
  assert.deepEqual(portDnsRecords(port({ dns_assignment: [] }), ''), {});
});

test('the switch row: ls_name, every port\'s records; none without names; a name claimed twice goes to the greater port id', () => {
  assert.equal(desiredDns(NET, [port({ dns_name: null })]), undefined);
  const one = (id: string, ip: string) => port({ id, dns_assignment: [{ hostname: 'web', ip_address: ip, fqdn: 'web.' }] });
  const spec = desiredDns(NET, [one('b', '10.0.0.7'), one('a', '10.0.0.6')])!;
  assert.deepEqual(spec.external_ids, { ls_name: `neutron-${NET.id}` });
  assert.equal(spec.records.web, '10.0.0.7');
  assert.deepEqual(desiredDns(NET, [one('a', '10.0.0.6'), one('b', '10.0.0.7')]), spec, 'order of the ports does not matter');
});
