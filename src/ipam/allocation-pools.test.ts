import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { formatIpAddress, parseIpAddress, type IpAddress, type IpVersion } from './ip-address.ts';
import { cidrFirst, cidrFromAddress, cidrLast, cidrSize, parseCidr, type Cidr } from './cidr.ts';
import { defaultAllocationPools, defaultGateway } from './allocation-pools.ts';
import type { Range } from './interval-set.ts';

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

/** Pools rendered as "start-end" text, the shape Neutron's API shows. */
function pools(c: string, gateway?: string): string[] {
  const subnet = cidr(c);
  return defaultAllocationPools(subnet, gateway === undefined ? undefined : ip(gateway)).map(({ first, last }) =>
    `${formatIpAddress({ version: subnet.version, value: first })}-${formatIpAddress({ version: subnet.version, value: last })}`);
}

test('IPv4 pools leave out network, broadcast and gateway', () => {
  assert.deepEqual(pools('10.0.0.0/24', '10.0.0.1'), ['10.0.0.2-10.0.0.254']);
  assert.deepEqual(pools('10.0.0.0/24', '10.0.0.254'), ['10.0.0.1-10.0.0.253']);
  assert.deepEqual(pools('10.0.0.0/24', '10.0.0.100'), ['10.0.0.1-10.0.0.99', '10.0.0.101-10.0.0.254']);
  assert.deepEqual(pools('10.0.0.0/24'), ['10.0.0.1-10.0.0.254']);
  assert.deepEqual(pools('10.0.0.0/24', '192.168.0.1'), ['10.0.0.1-10.0.0.254'], 'outside gateway ignored');
  assert.deepEqual(pools('10.0.0.0/24', 'fd00::1'), ['10.0.0.1-10.0.0.254'], 'other family ignored');
  assert.deepEqual(pools('10.0.0.0/30', '10.0.0.1'), ['10.0.0.2-10.0.0.2']);
  assert.deepEqual(pools('10.0.0.0/30', '10.0.0.2'), ['10.0.0.1-10.0.0.1']);
});

test('IPv4 /31 and /32 use every address', () => {
  assert.deepEqual(pools('10.0.0.0/31'), ['10.0.0.0-10.0.0.1']);
  assert.deepEqual(pools('10.0.0.0/31', '10.0.0.0'), ['10.0.0.1-10.0.0.1']);
  assert.deepEqual(pools('10.0.0.7/32'), ['10.0.0.7-10.0.0.7']);
  // Neutron keeps a single-address subnet whole, even when it is the gateway.
  assert.deepEqual(pools('10.0.0.7/32', '10.0.0.7'), ['10.0.0.7-10.0.0.7']);
});

test('IPv6 pools leave out the subnet-router anycast address but keep the last', () => {
  assert.deepEqual(pools('fd77::/64', 'fd77::'), ['fd77::1-fd77::ffff:ffff:ffff:ffff']);
  assert.deepEqual(pools('fd77::/64', 'fd77::1'), ['fd77::2-fd77::ffff:ffff:ffff:ffff']);
  assert.deepEqual(pools('fd77::/64'), ['fd77::1-fd77::ffff:ffff:ffff:ffff']);
  assert.deepEqual(pools('fd77::/127'), ['fd77::1-fd77::1']);
  assert.deepEqual(pools('fd77::5/128'), ['fd77::5-fd77::5']);
});

test('default gateway', () => {
  const gw = (c: string, ipv6SubnetRouterAnycast: boolean): string | undefined => {
    const g = defaultGateway(cidr(c), { ipv6SubnetRouterAnycast });
    return g === undefined ? undefined : formatIpAddress(g);
  };
  assert.equal(gw('10.0.0.0/24', true), '10.0.0.1');
  assert.equal(gw('10.0.0.0/24', false), '10.0.0.1');
  assert.equal(gw('10.0.0.0/31', false), '10.0.0.1');
  assert.equal(gw('10.0.0.0/32', false), undefined);
  assert.equal(gw('fd77::/64', true), 'fd77::');
  assert.equal(gw('fd77::/64', false), 'fd77::1');
  assert.equal(gw('fd77::/128', true), undefined);
  assert.equal(gw('fd77::/128', false), undefined);
});

/** Every value the pools must contain, by Neutron's rules, for small prefixes. */
function expectedValues(c: Cidr, gateway: bigint | undefined): bigint[] {
  const [first, last] = [cidrFirst(c), cidrLast(c)];
  if (first === last) return [first];
  const values: bigint[] = [];
  for (let v = first; v <= last; v++) {
    if (v === gateway) continue;
    if (c.version === 4 && c.prefixLength <= 30 && (v === first || v === last)) continue;
    if (c.version === 6 && v === first) continue;
    values.push(v);
  }
  return values;
}

function expand(ranges: Range[]): bigint[] {
  const values: bigint[] = [];
  for (const { first, last } of ranges) for (let v = first; v <= last; v++) values.push(v);
  return values;
}

test('property: pools are exactly the usable addresses, ascending and non-adjacent', () => {
  const subnet = fc.tuple(fc.constantFrom<IpVersion>(4, 6), fc.bigInt({ min: 0n, max: (1n << 32n) - 1n }), fc.integer({ min: 0, max: 8 }))
    .map(([version, value, hostBits]) => cidrFromAddress({ version, value }, (version === 4 ? 32 : 128) - hostBits));
  const input = subnet.chain((c) => fc.record({
    c: fc.constant(c),
    gateway: fc.option(fc.bigInt({ min: cidrFirst(c) - 2n < 0n ? 0n : cidrFirst(c) - 2n, max: cidrLast(c) + 2n })),
  }));
  fc.assert(fc.property(input, ({ c, gateway }) => {
    const result = defaultAllocationPools(c, gateway === null ? undefined : { version: c.version, value: gateway });
    assert.deepEqual(expand(result), expectedValues(c, gateway ?? undefined));
    for (let i = 1; i < result.length; i++) assert.ok(result[i - 1].last + 1n < result[i].first);
    assert.ok(BigInt(expand(result).length) <= cidrSize(c));
  }));
});
