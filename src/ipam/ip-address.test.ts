import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  ADDRESS_BITS, canonicalIpAddress, formatIpAddress, hexToValue, makeIpAddress, parseIpAddress, valueToHex,
  type IpAddress,
} from './ip-address.ts';

const ipv4 = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }).map((value): IpAddress => ({ version: 4, value }));
// Bias towards zero groups so that "::" compression is exercised.
const group = fc.oneof(fc.constant(0), fc.constant(0), fc.integer({ min: 0, max: 0xffff }));
const ipv6 = fc.array(group, { minLength: 8, maxLength: 8 })
  .map((groups): IpAddress => ({ version: 6, value: groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n) }));
const mapped = fc.bigInt({ min: 0n, max: (1n << 32n) - 1n })
  .map((v4): IpAddress => ({ version: 6, value: (0xffffn << 32n) | v4 }));
const anyIp = fc.oneof(ipv4, ipv6, mapped);

test('parses IPv4 dotted quads', () => {
  assert.deepEqual(parseIpAddress('1.2.3.4'), { version: 4, value: 0x01020304n });
  assert.deepEqual(parseIpAddress('0.0.0.0'), { version: 4, value: 0n });
  assert.deepEqual(parseIpAddress('255.255.255.255'), { version: 4, value: 0xffffffffn });
});

test('rejects malformed IPv4', () => {
  for (const text of [
    '', '01.2.3.4', '1.2.3.04', '1.2.3', '1.2.3.4.5', '256.1.1.1', '1.2.3.999', ' 1.2.3.4', '1.2.3.4 ',
    '1.2.3.4\n', '1..3.4', '1.2.3.-1', '1.2.3.+1', '0x1.2.3.4', '1.2.3.4/32', '１.2.3.4', '1e2.1.1.1',
  ]) {
    assert.equal(parseIpAddress(text), undefined, JSON.stringify(text));
  }
});

test('parses IPv6 text forms', () => {
  assert.deepEqual(parseIpAddress('::'), { version: 6, value: 0n });
  assert.deepEqual(parseIpAddress('::1'), { version: 6, value: 1n });
  assert.deepEqual(parseIpAddress('1::'), { version: 6, value: 1n << 112n });
  assert.deepEqual(parseIpAddress('FD77::F816:3EFF:FEE8:2DDD'), parseIpAddress('fd77:0:0:0:f816:3eff:fee8:2ddd'));
  assert.deepEqual(parseIpAddress('::ffff:1.2.3.4'), { version: 6, value: 0xffff01020304n });
  assert.deepEqual(parseIpAddress('1:2:3:4:5:6:1.2.3.4')?.value, 0x00010002000300040005000601020304n);
  assert.deepEqual(parseIpAddress('1:2:3:4:5:6:7::')?.value, 0x00010002000300040005000600070000n);
  assert.deepEqual(parseIpAddress('::2:3:4:5:6:7:8')?.value, 0x00000002000300040005000600070008n);
  assert.deepEqual(parseIpAddress('0001:02:003:0004::')?.value, 0x0001000200030004n << 64n);
});

test('rejects malformed IPv6', () => {
  for (const text of [
    'fe80::1%eth0', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', '1::2::3', ':::', '12345::', ':1::', '1::2:', ':1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:', '::1 ', ' ::1', 'g::', '1:2:3:4:5:6:7::8', '::ffff:1.2.3', '::ffff:01.2.3.4', '1.2.3.4::',
    '::1.2.3.4:1', '1:2:3:4:5:6:7:1.2.3.4', '[::1]', '::/0', '::-1',
  ]) {
    assert.equal(parseIpAddress(text), undefined, JSON.stringify(text));
  }
});

test('formats IPv6 per RFC 5952', () => {
  const cases: [string, string][] = [
    ['2001:0db8:0000:0000:0000:0000:0000:0001', '2001:db8::1'],
    ['2001:db8:0:0:1:0:0:1', '2001:db8::1:0:0:1'], // first run on ties
    ['2001:db8:0:1:1:1:1:1', '2001:db8:0:1:1:1:1:1'], // a single zero group stays
    ['2001:db8:0:0:1:0:0:0', '2001:db8:0:0:1::'], // longest run wins even if later
    ['0:0:1:0:0:0:1:0', '0:0:1::1:0'],
    ['0:0:0:0:0:0:0:0', '::'],
    ['0:0:0:0:0:0:0:1', '::1'],
    ['FD77::F816:3EFF:FEE8:2DDD', 'fd77::f816:3eff:fee8:2ddd'],
    ['::ffff:0102:0304', '::ffff:1.2.3.4'], // IPv4-mapped, as netaddr prints it
    ['::ffff:0.0.0.0', '::ffff:0.0.0.0'],
    ['::1.2.3.4', '::102:304'], // deprecated IPv4-compatible form is plain hex
    ['::fffe:1.2.3.4', '::fffe:102:304'],
    ['1:ffff::1.2.3.4', '1:ffff::102:304'],
  ];
  for (const [input, expected] of cases) assert.equal(canonicalIpAddress(input), expected, input);
  assert.equal(canonicalIpAddress('nope'), undefined);
});

test('formatIpAddress rejects out-of-range values', () => {
  assert.throws(() => formatIpAddress({ version: 4, value: 1n << 32n }), RangeError);
  assert.throws(() => formatIpAddress({ version: 6, value: -1n }), RangeError);
  assert.throws(() => makeIpAddress(6, 1n << 128n), RangeError);
  assert.deepEqual(makeIpAddress(4, 0xffffffffn), { version: 4, value: 0xffffffffn });
});

test('property: parse(format(ip)) is the identity', () => {
  fc.assert(fc.property(anyIp, (ip) => {
    assert.deepEqual(parseIpAddress(formatIpAddress(ip)), ip);
  }));
});

test('property: IPv6 formatting agrees with the WHATWG URL serializer (outside ::ffff:0:0/96)', () => {
  fc.assert(fc.property(ipv6, (ip) => {
    fc.pre(ip.value >> 32n !== 0xffffn);
    const text = formatIpAddress(ip);
    assert.equal(new URL(`http://[${text}]/`).hostname, `[${text}]`);
  }));
});

test('property: any spelling of an IPv6 address parses to the same value', () => {
  const spelling = fc.record({
    groups: fc.array(group, { minLength: 8, maxLength: 8 }),
    upper: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    padded: fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }),
    compressAt: fc.integer({ min: 0, max: 7 }),
  });
  fc.assert(fc.property(spelling, ({ groups, upper, padded, compressAt }) => {
    const parts = groups.map((g, i) => {
      const hex = padded[i] ? g.toString(16).padStart(4, '0') : g.toString(16);
      return upper[i] ? hex.toUpperCase() : hex;
    });
    // Compress the zero run starting at compressAt, if there is one.
    let end = compressAt;
    while (end < 8 && groups[end] === 0) end++;
    const text = end > compressAt
      ? `${parts.slice(0, compressAt).join(':')}::${parts.slice(end).join(':')}`
      : parts.join(':');
    const value = groups.reduce((acc, g) => (acc << 16n) | BigInt(g), 0n);
    assert.deepEqual(parseIpAddress(text), { version: 6, value }, text);
  }));
});

test('property: canonical text is a fixed point', () => {
  fc.assert(fc.property(anyIp, (ip) => {
    const text = formatIpAddress(ip);
    assert.equal(canonicalIpAddress(text), text);
    assert.equal(text, text.toLowerCase());
  }));
});

test('valueToHex is fixed width and order-preserving', () => {
  assert.equal(valueToHex(0n), '0'.repeat(32));
  assert.equal(valueToHex(0x0a000001n), '0000000000000000000000000a000001');
  assert.equal(valueToHex((1n << 128n) - 1n), 'f'.repeat(32));
  assert.throws(() => valueToHex(-1n), RangeError);
  assert.throws(() => valueToHex(1n << 128n), RangeError);
  assert.equal(hexToValue('0A000001'), 0x0a000001n);
  assert.throws(() => hexToValue(''), RangeError);
  assert.throws(() => hexToValue('0x1'), RangeError);
  assert.throws(() => hexToValue('1'.repeat(33)), RangeError);

  const value = fc.bigInt({ min: 0n, max: (1n << BigInt(ADDRESS_BITS[6])) - 1n });
  fc.assert(fc.property(value, value, (a, b) => {
    const [ha, hb] = [valueToHex(a), valueToHex(b)];
    assert.equal(ha.length, 32);
    assert.equal(hexToValue(ha), a);
    assert.equal(ha < hb, a < b);
    assert.equal(ha === hb, a === b);
  }));
});
