import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { canonicalMac, macAddress, macAddressOrNone, macNotMulticast } from './mac-validators.ts';

test('canonicalMac reads every netaddr EUI-48 text form', () => {
  const forms: Array<[string, string]> = [
    ['fa:16:3e:00:00:01', 'fa:16:3e:00:00:01'], ['FA-16-3E-00-00-01', 'fa:16:3e:00:00:01'], ['fa16.3e00.0001', 'fa:16:3e:00:00:01'],
    ['fa163e000001', 'fa:16:3e:00:00:01'], ['1:2:3', '00:01:00:02:00:03'], ['fa163e-000001', 'fa:16:3e:00:00:01'],
    ['fa163e:000001', 'fa:16:3e:00:00:01'], ['aabbccddeef', '0a:ab:bc:cd:de:ef'], ['a:b:c:d:e:f', '0a:0b:0c:0d:0e:0f'],
  ];
  for (const [text, mac] of forms) assert.equal(canonicalMac(text), mac, text);
  for (const bad of ['fa:16:3e:00:00:0g', ' fa:16:3e:00:00:01', 'fa:16-3e:00:00:01', 'junk', '']) assert.equal(canonicalMac(bad), undefined, bad);
});

test('macAddress', () => {
  assert.equal(macAddress('fa:16:3e:00:00:01'), undefined);
  assert.equal(macAddress('01:00:5e:00:00:01'), undefined);
  assert.equal(macAddress('00:00:00:00:00:00'), "'00:00:00:00:00:00' is not a valid MAC address");
  assert.equal(macAddress('FF-FF-FF-FF-FF-FF'), "'FF-FF-FF-FF-FF-FF' is not a valid MAC address");
  assert.equal(macAddress('fa:16:3e:00:00:0g'), "'fa:16:3e:00:00:0g' is not a valid MAC address");
  assert.equal(macAddress(null), "'None' is not a valid MAC address");
  assert.equal(macAddressOrNone(null), undefined);
  assert.equal(macNotMulticast('01:00:5e:00:00:01'), 'MAC address 01:00:5e:00:00:01 is a multicast address, which is not supported.');
  assert.equal(macNotMulticast('fa:16:3e:00:00:01'), undefined);
});

test('property: any non-zero, non-broadcast six octets pass in colon, dash and Cisco forms', () => {
  fc.assert(fc.property(fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 }), (octets) => {
    const hex = octets.map((o) => o.toString(16).padStart(2, '0'));
    const expected = octets.every((o) => o === 0) || octets.every((o) => o === 255) ? 'invalid' : 'valid';
    for (const text of [hex.join(':'), hex.join('-').toUpperCase(), `${hex[0]}${hex[1]}.${hex[2]}${hex[3]}.${hex[4]}${hex[5]}`]) {
      assert.equal(canonicalMac(text), hex.join(':'));
      assert.equal(macAddress(text) === undefined ? 'valid' : 'invalid', expected);
    }
  }));
});
