import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { ADDRESS_BITS, parseIpAddress, type IpAddress, type IpVersion } from './ip-address.ts';
import {
  cidrContainsAddress, cidrContainsCidr, cidrFirst, cidrFromAddress, cidrLast, cidrSize, cidrsOverlap, formatCidr,
  parseCidr, type Cidr,
} from './cidr.ts';

function cidr(text: string): Cidr {
  const parsed = parseCidr(text);
  assert.ok(parsed, text);
  return parsed;
}

function ip(text: string): IpAddress {
  const parsed = parseIpAddress(text);
  assert.ok(parsed, text);
  return parsed;
}

/** Arbitrary CIDR of one version, built by masking a random address. */
function arbCidr(version: IpVersion): fc.Arbitrary<Cidr> {
  const bits = ADDRESS_BITS[version];
  return fc.tuple(fc.bigInt({ min: 0n, max: (1n << BigInt(bits)) - 1n }), fc.integer({ min: 0, max: bits }))
    .map(([value, length]) => cidrFromAddress({ version, value }, length));
}
const anyCidr = fc.oneof(arbCidr(4), arbCidr(6));

test('parses and formats prefixes', () => {
  assert.deepEqual(parseCidr('10.0.0.0/24'), { version: 4, network: 0x0a000000n, prefixLength: 24 });
  assert.deepEqual(parseCidr('FD77:0::/64'), { version: 6, network: 0xfd77n << 112n, prefixLength: 64 });
  assert.equal(formatCidr(cidr('FD77:0::/64')), 'fd77::/64');
  assert.equal(formatCidr(cidr('0.0.0.0/0')), '0.0.0.0/0');
  assert.equal(formatCidr(cidr('::/0')), '::/0');
  assert.equal(formatCidr(cidr('10.1.2.3/32')), '10.1.2.3/32');
  assert.equal(formatCidr(cidr('::1/128')), '::1/128');
});

test('strict parsing rejects host bits; non-strict masks them', () => {
  assert.equal(parseCidr('10.0.0.1/24'), undefined);
  assert.equal(parseCidr('fd77::1/64'), undefined);
  assert.equal(formatCidr(parseCidr('10.0.0.1/24', { strict: false })!), '10.0.0.0/24');
  assert.equal(formatCidr(parseCidr('fd77::1:2/64', { strict: false })!), 'fd77::/64');
  assert.equal(parseCidr('10.0.0.1/24', { strict: true }), undefined);
});

test('rejects malformed prefixes', () => {
  for (const text of [
    '10.0.0.0', '10.0.0.0/', '10.0.0.0/33', '::/129', '10.0.0.0/024', '10.0.0.0/+24', '10.0.0.0/-1', '10.0.0.0/ 24',
    '10.0.0.0/24 ', '10.0.0.0/24/1', '/24', '010.0.0.0/8', 'fe80::%eth0/64', '10.0.0.0/2.4', '10.0.0.0/0x10',
  ]) {
    assert.equal(parseCidr(text), undefined, JSON.stringify(text));
    assert.equal(parseCidr(text, { strict: false }), undefined, JSON.stringify(text));
  }
});

test('bounds and size', () => {
  const c = cidr('10.0.0.0/24');
  assert.equal(cidrFirst(c), 0x0a000000n);
  assert.equal(cidrLast(c), 0x0a0000ffn);
  assert.equal(cidrSize(c), 256n);
  assert.equal(cidrSize(cidr('10.0.0.5/32')), 1n);
  assert.equal(cidrSize(cidr('::/0')), 1n << 128n);
  assert.equal(cidrLast(cidr('fd77::/64')), (0xfd77n << 112n) | ((1n << 64n) - 1n));
});

test('containment and overlap examples', () => {
  const net = cidr('10.0.0.0/24');
  assert.ok(cidrContainsAddress(net, ip('10.0.0.0')));
  assert.ok(cidrContainsAddress(net, ip('10.0.0.255')));
  assert.ok(!cidrContainsAddress(net, ip('10.0.1.0')));
  assert.ok(!cidrContainsAddress(net, ip('9.255.255.255')));
  assert.ok(!cidrContainsAddress(cidr('::/0'), ip('10.0.0.1')), 'families differ');
  assert.ok(cidrContainsCidr(net, cidr('10.0.0.128/25')));
  assert.ok(cidrContainsCidr(net, net));
  assert.ok(!cidrContainsCidr(cidr('10.0.0.128/25'), net));
  assert.ok(!cidrContainsCidr(cidr('::/0'), cidr('0.0.0.0/0')));
  assert.ok(cidrsOverlap(net, cidr('10.0.0.0/8')));
  assert.ok(!cidrsOverlap(net, cidr('10.0.1.0/24')));
  assert.ok(!cidrsOverlap(cidr('::/0'), cidr('0.0.0.0/0')));
  // Boundaries: sharing only the last or the first address still overlaps.
  assert.ok(cidrsOverlap(net, cidr('10.0.0.255/32')) && cidrsOverlap(cidr('10.0.0.255/32'), net));
  assert.ok(cidrsOverlap(net, cidr('10.0.0.0/32')) && cidrsOverlap(cidr('10.0.0.0/32'), net));
  assert.ok(cidrsOverlap(cidr('10.0.0.5/32'), cidr('10.0.0.5/32')));
  assert.ok(!cidrsOverlap(cidr('10.0.0.5/32'), cidr('10.0.0.6/32')));
});

test('cidrFromAddress masks and validates the length', () => {
  assert.equal(formatCidr(cidrFromAddress(ip('10.1.2.3'), 16)), '10.1.0.0/16');
  assert.equal(formatCidr(cidrFromAddress(ip('fd77::f816:3eff:fee8:2ddd'), 64)), 'fd77::/64');
  assert.equal(formatCidr(cidrFromAddress(ip('10.1.2.3'), 0)), '0.0.0.0/0');
  assert.throws(() => cidrFromAddress(ip('10.1.2.3'), 33), RangeError);
  assert.throws(() => cidrFromAddress(ip('10.1.2.3'), 1.5), RangeError);
  assert.throws(() => cidrFromAddress(ip('::'), -1), RangeError);
});

test('property: parse(format(c)) is the identity', () => {
  fc.assert(fc.property(anyCidr, (c) => {
    assert.deepEqual(parseCidr(formatCidr(c)), c);
  }));
});

test('property: non-strict parse of any address/len equals cidrFromAddress', () => {
  const v4 = fc.tuple(fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 32 }));
  fc.assert(fc.property(v4, ([value, length]) => {
    const address: IpAddress = { version: 4, value };
    const text = `${[24n, 16n, 8n, 0n].map((s) => (value >> s) & 0xffn).join('.')}/${length}`;
    const expected = cidrFromAddress(address, length);
    assert.deepEqual(parseCidr(text, { strict: false }), expected);
    assert.equal(parseCidr(text) === undefined, expected.network !== value);
    assert.ok(cidrContainsAddress(expected, address));
  }));
});

test('property: prefixes overlap exactly when one contains the other', () => {
  fc.assert(fc.property(arbCidr(4), arbCidr(4), (a, b) => {
    assert.equal(cidrsOverlap(a, b), cidrsOverlap(b, a));
    assert.equal(cidrsOverlap(a, b), cidrContainsCidr(a, b) || cidrContainsCidr(b, a));
  }));
});

test('property: containment agrees with address bounds', () => {
  fc.assert(fc.property(arbCidr(6), arbCidr(6), (outer, inner) => {
    const byBounds = cidrFirst(inner) >= cidrFirst(outer) && cidrLast(inner) <= cidrLast(outer);
    assert.equal(cidrContainsCidr(outer, inner), byBounds);
    assert.equal(cidrContainsAddress(outer, { version: 6, value: cidrLast(inner) }),
      cidrLast(inner) >= cidrFirst(outer) && cidrLast(inner) <= cidrLast(outer));
    assert.equal(cidrLast(outer) - cidrFirst(outer) + 1n, cidrSize(outer));
  }));
});
