import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { TypedConversionError, toSgEthertype, toSgIpPrefix, toSgPortValue, toSgProtocol } from './security-group-validators.ts';

const failure = (convert: (v: unknown) => unknown, value: unknown): TypedConversionError => {
  try { convert(value); } catch (error) { if (error instanceof TypedConversionError) return error; throw error; }
  assert.fail(`${JSON.stringify(value)} was accepted`);
};

test('protocols: names in any case, numbers 0-255 as text, any/null as null', () => {
  assert.equal(toSgProtocol('TCP'), 'tcp');
  assert.equal(toSgProtocol('ipv6-icmp'), 'ipv6-icmp');
  assert.equal(toSgProtocol(17), '17');
  assert.equal(toSgProtocol('6'), '6');
  assert.equal(toSgProtocol(' 0 '), '0');
  assert.equal(toSgProtocol('any'), null);
  assert.equal(toSgProtocol(null), null);
  for (const bad of ['bad_protocol_name', 256, '-1', true, 1.5, [], {}, '']) {
    const error = failure(toSgProtocol, bad);
    assert.equal(error.neutronType, 'SecurityGroupRuleInvalidProtocol');
    assert.match(error.message, /^Security group rule protocol .* not supported\. Only protocol values \(None, 'any', 'ah', .*'vrrp'\) and integer representations \[0 to 255\] are supported\.$/);
  }
});

test('ethertypes are case-insensitive; others are SecurityGroupRuleInvalidEtherType', () => {
  assert.equal(toSgEthertype('ipv4'), 'IPv4');
  assert.equal(toSgEthertype('IPV6'), 'IPv6');
  const error = failure(toSgEthertype, 'bad_ethertype');
  assert.equal(error.message, "Security group rule for ethertype 'bad_ethertype' not supported. Allowed values are ['IPv4', 'IPv6'].");
  failure(toSgEthertype, null);
});

test('ports: 0-65535 from numbers or their text; Neutron\'s message otherwise', () => {
  assert.equal(toSgPortValue('80'), 80);
  assert.equal(toSgPortValue(65535), 65535);
  assert.equal(toSgPortValue(null), null);
  assert.equal(failure(toSgPortValue, -16).message, 'Invalid value for port -16');
  assert.equal(failure(toSgPortValue, 65536).message, 'Invalid value for port 65536');
  failure(toSgPortValue, true);
  failure(toSgPortValue, 'x');
});

test('IP prefixes keep their host bits and gain a prefix length; empty values are null', () => {
  assert.equal(toSgIpPrefix('10.0.0.1'), '10.0.0.1/32');
  assert.equal(toSgIpPrefix('192.168.0.10/24'), '192.168.0.10/24');
  assert.equal(toSgIpPrefix('2001:DB8::F00/64'), '2001:db8::f00/64');
  assert.equal(toSgIpPrefix('10.0.0.0/255.255.255.0'), '10.0.0.0/24');
  assert.equal(toSgIpPrefix(''), null);
  assert.equal(toSgIpPrefix(null), null);
  for (const bad of ['192.168.1./24', '192.168.1.1/33', 'bad_prefix', '256', 5, ['10.0.0.0/8']]) {
    assert.equal(failure(toSgIpPrefix, bad).neutronType, 'InvalidCIDR');
  }
});

test('property: the converters throw only TypedConversionError', () => {
  fc.assert(fc.property(fc.anything({ withBigInt: true, withNullPrototype: true }), (value) => {
    for (const convert of [toSgProtocol, toSgEthertype, toSgPortValue, toSgIpPrefix]) {
      try { convert(value); } catch (error) { assert.ok(error instanceof TypedConversionError, String(error)); }
    }
  }), { numRuns: 500 });
});
