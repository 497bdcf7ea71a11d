import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { allowedAddressPairs, allowedAddressPairsMax } from './address-pair-validators.ts';

test('allowedAddressPairs: Neutron order and messages', () => {
  assert.equal(allowedAddressPairs([{ ip_address: '10.0.0.5' }, { ip_address: '10.0.0.0/24', mac_address: 'fa:16:3e:00:00:01' }]), undefined);
  assert.equal(allowedAddressPairs({}), 'Allowed address pairs must be a list.');
  const eleven = Array.from({ length: 11 }, (_, i) => ({ ip_address: `10.0.0.${i + 1}` }));
  assert.equal(allowedAddressPairs(eleven), 'The number of allowed address pair exceeds the maximum 10.');
  assert.equal(allowedAddressPairsMax(20)(eleven), undefined);
  assert.equal(allowedAddressPairs(['x']), "'x' is not a dictionary");
  assert.equal(allowedAddressPairs([{ ip_address: '10.0.0.5', mac_address: 'zz' }]), "'zz' is not a valid MAC address");
  assert.equal(allowedAddressPairs([{ mac_address: 'fa:16:3e:00:00:01' }]), 'AllowedAddressPair must contain ip_address');
  assert.equal(allowedAddressPairs([{ ip_address: '10.0.0.5' }, { ip_address: '10.0.0.5' }]),
    'Request contains duplicate address pair: mac_address None ip_address 10.0.0.5.');
  assert.equal(allowedAddressPairs([{ ip_address: '10.0.0.5', foo: 1 }]), "Unrecognized attribute(s) 'foo'");
  assert.equal(allowedAddressPairs([{ ip_address: '10.0.0.256' }]), "'10.0.0.256' is not a valid IP address");
  assert.equal(allowedAddressPairs([{ ip_address: '10/8' }]), "'10/8' is not a valid IP subnet");
  assert.equal(allowedAddressPairs([{ ip_address: '224.0.0.5' }]), 'IP 224.0.0.5 is a multicast address, which is not supported.');
  assert.equal(allowedAddressPairs([{ ip_address: '::/0' }]), 'Subnet ::/0 overlaps with multicast range ff00::/8, which is not supported.');
  assert.equal(allowedAddressPairs([{ ip_address: '10.0.0.5', mac_address: '01:00:5e:00:00:01' }]),
    'MAC address 01:00:5e:00:00:01 is a multicast address, which is not supported.');
});

test('property: more than 10 pairs is always refused first', () => {
  fc.assert(fc.property(fc.array(fc.anything(), { minLength: 11, maxLength: 30 }), (pairs) => {
    assert.equal(allowedAddressPairs(pairs), 'The number of allowed address pair exceeds the maximum 10.');
  }));
});
