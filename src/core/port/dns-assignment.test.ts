import assert from 'node:assert/strict';
import { test } from 'node:test';
import { dnsAssignment } from './dns-assignment.ts';

test('hostnames from addresses as in the real Neutron sample', () => {
  assert.deepEqual(dnsAssignment([{ subnet_id: 's', ip_address: '10.77.0.98' }, { subnet_id: 't', ip_address: 'fd77::f816:3eff:fee8:2ddd' }], '', ['', '', 'openstackgate.local.']), [
    { hostname: 'host-10-77-0-98', ip_address: '10.77.0.98', fqdn: 'host-10-77-0-98.openstackgate.local.' },
    { hostname: 'host-fd77--f816-3eff-fee8-2ddd', ip_address: 'fd77::f816:3eff:fee8:2ddd', fqdn: 'host-fd77--f816-3eff-fee8-2ddd.openstackgate.local.' },
  ]);
});

test('dns_name and the most specific domain win', () => {
  assert.deepEqual(dnsAssignment([{ subnet_id: 's', ip_address: '10.0.0.5' }], 'web1', ['', 'example.org.', 'openstacklocal.']),
    [{ hostname: 'web1', ip_address: '10.0.0.5', fqdn: 'web1.example.org.' }]);
  assert.equal(dnsAssignment([{ subnet_id: 's', ip_address: '10.0.0.5' }], 'web1', ['port.example.', 'net.example.', 'x.'])[0]!.fqdn, 'web1.port.example.');
});
