import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatIpAddress } from './ip-address.ts';
import { cidrContainsAddress, cidrFromAddress, parseCidr, type Cidr } from './cidr.ts';
import { eui64Address } from './eui64.ts';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  assert.ok(parsed, text);
  return parsed;
}

test('matches the address a real Neutron assigned', () => {
  assert.equal(formatIpAddress(eui64Address(cidr('fd77::/64'), 'fa:16:3e:e8:2d:dd')), 'fd77::f816:3eff:fee8:2ddd');
  assert.equal(formatIpAddress(eui64Address(cidr('fd77::/64'), 'FA-16-3E-E8-2D-DD')), 'fd77::f816:3eff:fee8:2ddd');
});

test('flips the universal/local bit both ways', () => {
  assert.equal(formatIpAddress(eui64Address(cidr('2001:db8::/64'), '00:11:22:33:44:55')), '2001:db8::211:22ff:fe33:4455');
  assert.equal(formatIpAddress(eui64Address(cidr('2001:db8:1:2::/64'), '02:00:00:00:00:00')), '2001:db8:1:2:0:ff:fe00:0');
});

test('rejects non-/64 prefixes, IPv4 and bad MACs', () => {
  assert.throws(() => eui64Address(cidr('fd77::/48'), 'fa:16:3e:e8:2d:dd'), Error);
  assert.throws(() => eui64Address(cidr('fd77::/65'), 'fa:16:3e:e8:2d:dd'), Error);
  assert.throws(() => eui64Address({ version: 4, network: 0n, prefixLength: 64 }, 'fa:16:3e:e8:2d:dd'), Error);
  assert.throws(() => eui64Address(cidr('fd77::/64'), 'fa:16:3e:e8:2d'), Error);
});

test('property: address lies in the prefix and its identifier decodes back to the MAC', () => {
  const prefix = fc.bigInt({ min: 0n, max: (1n << 128n) - 1n }).map((value) => cidrFromAddress({ version: 6, value }, 64));
  const mac = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 });
  fc.assert(fc.property(prefix, mac, (p, octets) => {
    const text = octets.map((o) => o.toString(16).padStart(2, '0')).join(':');
    const address = eui64Address(p, text);
    assert.ok(cidrContainsAddress(p, address));
    const id = address.value & ((1n << 64n) - 1n);
    assert.equal((id >> 24n) & 0xffffn, 0xfffen);
    const decoded = [56n, 48n, 40n, 16n, 8n, 0n].map((s) => Number((id >> s) & 0xffn));
    decoded[0] ^= 0x02;
    assert.deepEqual(decoded, octets);
  }));
});
