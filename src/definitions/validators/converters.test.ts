import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  noneToEmptyDict, noneToEmptyList, noneToEmptyString, toNameserverList, toBoolean, toBooleanOrNone, toCanonicalAllocationPools, toCanonicalCidr, toCanonicalIp,
  toInt, toIntOrNone, toKvpDict, toList, toLowerCase, toSanitizedMac,
} from './converters.ts';
import { ipAddress, subnetCidr } from './ip-validators.ts';
import { ConversionError, type Converter } from './types.ts';

function throwsConversion(convert: Converter, value: unknown, message: string): void {
  assert.throws(() => convert(value), (error: unknown) => error instanceof ConversionError && error.message === message);
}

test('toBoolean', () => {
  assert.equal(toBoolean('True'), true);
  assert.equal(toBoolean(' Yes '), true);
  assert.equal(toBoolean('off'), false);
  assert.equal(toBoolean(0), false);
  throwsConversion(toBoolean, 'notabool', "'notabool' cannot be converted to boolean");
  throwsConversion(toBoolean, null, "'None' cannot be converted to boolean");
  throwsConversion(toBoolean, [], "'[]' cannot be converted to boolean");
  throwsConversion(toBoolean, 2, "'2' cannot be converted to boolean");
  assert.equal(toBooleanOrNone(null), null);
});

test('toInt', () => {
  assert.equal(toInt(' -12 '), -12);
  assert.equal(toInt('1_000'), 1000);
  assert.equal(toInt(1.9), 1);
  assert.equal(toInt(true), 1);
  assert.equal(toInt('123456789012345678901'), 123456789012345678901n);
  throwsConversion(toInt, 'abc', "'abc' is not an integer");
  throwsConversion(toInt, '1.5', "'1.5' is not an integer");
  throwsConversion(toInt, null, "'None' is not an integer");
  assert.equal(toIntOrNone(null), null);
});

test('toCanonicalIp: IPv6 compressed, everything else untouched', () => {
  assert.equal(toCanonicalIp('FD00:0:0::1'), 'fd00::1');
  assert.equal(toCanonicalIp('::1.2.3.4'), '::1.2.3.4');
  assert.equal(toCanonicalIp('::FFFF:1.2.3.4'), '::ffff:1.2.3.4');
  assert.equal(toCanonicalIp('010.0.0.1'), '010.0.0.1');
  assert.equal(toCanonicalIp('junk'), 'junk');
  assert.equal(toCanonicalIp(null), null);
});

test('toCanonicalCidr: what netaddr reads, host bits kept', () => {
  assert.equal(toCanonicalCidr('10.0.0.0/24'), '10.0.0.0/24');
  assert.equal(toCanonicalCidr('10.0.0.1/24'), '10.0.0.1/24');
  assert.equal(toCanonicalCidr('10.0.0.0'), '10.0.0.0/32');
  assert.equal(toCanonicalCidr('10.0.0.1/255.255.255.0'), '10.0.0.1/24');
  assert.equal(toCanonicalCidr('10.0.0.0/0.0.0.255'), '10.0.0.0/24');
  assert.equal(toCanonicalCidr('10.0.0.0/ 24'), '10.0.0.0/24');
  assert.equal(toCanonicalCidr('2001:DB8:0::/64'), '2001:db8::/64');
  throwsConversion(toCanonicalCidr, '10.0.0.0/33', '10.0.0.0/33 is not in a CIDR format');
  throwsConversion(toCanonicalCidr, 'abc', 'abc is not in a CIDR format');
  throwsConversion(toCanonicalCidr, null, 'None is not in a CIDR format');
});

test('toSanitizedMac and toLowerCase', () => {
  assert.equal(toSanitizedMac('FA-16-3E-00-00-01'), 'fa:16:3e:00:00:01');
  assert.equal(toSanitizedMac('1:2:3'), '00:01:00:02:00:03');
  assert.equal(toSanitizedMac('junk'), 'junk');
  assert.equal(toLowerCase('VM1'), 'vm1');
  throwsConversion(toLowerCase, null, 'Input value None must be string type');
});

test('none-to-empty and list converters', () => {
  assert.deepEqual(noneToEmptyList(null), []);
  assert.deepEqual(noneToEmptyList([1]), [1]);
  // dns_nameservers: always stored as a list (found by the hostile-input test: {} reached the subnet hooks → 500).
  assert.deepEqual(toNameserverList(null), []);
  assert.deepEqual(toNameserverList({}), []);
  assert.deepEqual(toNameserverList({ '8.8.8.8': 1 }), ['8.8.8.8']);
  assert.deepEqual(toNameserverList(''), []);
  assert.deepEqual(toNameserverList('ab'), ['a', 'b']);
  assert.deepEqual(toNameserverList(['1.1.1.1']), ['1.1.1.1']);
  assert.equal(toNameserverList(5), 5);
  assert.deepEqual(noneToEmptyDict(null), {});
  assert.equal(noneToEmptyString(null), '');
  assert.deepEqual(toList(null), []);
  assert.deepEqual(toList('a'), ['a']);
  assert.deepEqual(toList({ a: 1 }), ['a']);
});

test('toCanonicalAllocationPools', () => {
  assert.deepEqual(toCanonicalAllocationPools([{ start: 'FD00::2', end: '10.0.0.1' }]), [{ start: 'fd00::2', end: '10.0.0.1' }]);
  assert.deepEqual(toCanonicalAllocationPools(null), []);
  throwsConversion(toCanonicalAllocationPools, 'abc', 'Invalid data format for allocation pools');
  throwsConversion(toCanonicalAllocationPools, [1], 'Invalid data format for allocation pools');
});

test('toKvpDict (query filters)', () => {
  assert.deepEqual(toKvpDict(['a=b', 'a = c', 'x=1', 'a=b']), { a: ['b', 'c'], x: ['1'] });
  assert.deepEqual(toKvpDict(['True']), {});
  assert.deepEqual(toKvpDict(['__proto__=x']), JSON.parse('{"__proto__": ["x"]}'));
  throwsConversion(toKvpDict, ['nokv'], "'nokv' is not of the form <key>=[value]");
});

test('property: converters only ever throw ConversionError', () => {
  const converters: Converter[] = [toBoolean, toBooleanOrNone, toInt, toIntOrNone, toCanonicalIp, toCanonicalCidr, toSanitizedMac, toLowerCase,
    noneToEmptyDict, noneToEmptyList, noneToEmptyString, toList, toCanonicalAllocationPools, toKvpDict];
  fc.assert(fc.property(fc.anything(), (value) => {
    for (const convert of converters) {
      try { convert(value); } catch (error) { assert.ok(error instanceof ConversionError, String(error)); }
    }
  }));
});

test('property: canonicalisation is idempotent and keeps the value valid', () => {
  fc.assert(fc.property(fc.ipV6(), fc.integer({ min: 0, max: 128 }), (ip, prefix) => {
    const canonical = toCanonicalIp(ip) as string;
    assert.equal(ipAddress(canonical), undefined);
    assert.equal(toCanonicalIp(canonical), canonical);
    const cidr = toCanonicalCidr(`${ip}/${prefix}`) as string;
    assert.equal(subnetCidr(cidr), undefined);
    assert.equal(toCanonicalCidr(cidr), cidr);
  }));
});
