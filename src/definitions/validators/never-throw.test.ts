import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import * as api from './index.ts';
import type { Validator } from './types.ts';

// Every validator the index exports, factories instantiated the way the
// definitions use them. The coverage test below fails when an export is
// added without being listed here (or among the converters/helpers).
const VALIDATORS: Record<string, Validator> = {
  allowedAddressPairs: api.allowedAddressPairs, allowedAddressPairsMax: api.allowedAddressPairsMax(2),
  dict: api.dict, dictOrNone: api.dictOrNone, dictOrEmpty: api.dictOrEmpty, dictOrNodata: api.dictOrNodata,
  dnsHostName: api.dnsHostName, dnsHostNameForDomain: api.dnsHostNameForDomain('example.org'), fipDnsHostName: api.fipDnsHostName,
  dnsDomainName: api.dnsDomainName,
  extraDhcpOpts: api.extraDhcpOpts({ allowNullValue: false }), extraDhcpOptsOnUpdate: api.extraDhcpOpts({ allowNullValue: true }),
  ipPools: api.ipPools, nameservers: api.nameservers, hostRoutes: api.hostRoutes, fixedIps: api.fixedIps,
  ipAddress: api.ipAddress, ipAddressOrNone: api.ipAddressOrNone, subnetCidr: api.subnetCidr, subnetCidrOrNone: api.subnetCidrOrNone,
  subnetList: api.subnetList, subnetListOrNone: api.subnetListOrNone, routeCidr: api.routeCidr, ipOrSubnetOrNone: api.ipOrSubnetOrNone,
  ipNotMulticast: api.ipNotMulticast, subnetNotMulticast: api.subnetNotMulticast,
  listOfUniqueStrings: api.listOfUniqueStrings(10), listOfStrings: api.listOfStrings, listOfTags: api.listOfTags,
  availabilityZoneHints: api.availabilityZoneHints, subnetServiceTypes: api.subnetServiceTypes,
  macAddress: api.macAddress, macAddressOrNone: api.macAddressOrNone, macNotMulticast: api.macNotMulticast,
  boolean: api.boolean, integer: api.integer, nonNegative: api.nonNegative, nonNegativeOrNone: api.nonNegativeOrNone,
  range: api.range(68, 65535), rangeOrNone: api.rangeOrNone(null, 10), values: api.values([4, 6]), valuesOrNone: api.valuesOrNone(['slaac']),
  networkSegments: api.networkSegments,
  stringValidator: api.stringValidator(255), stringOrNone: api.stringOrNone(64), notEmptyString: api.notEmptyString(10),
  notEmptyStringOrNone: api.notEmptyStringOrNone(), onelineNotEmptyString: api.onelineNotEmptyString(64),
  onelineNotEmptyStringOrNone: api.onelineNotEmptyStringOrNone(64), nameString: api.nameString(255), nameStringOrNone: api.nameStringOrNone(255),
  notEmptyNameString: api.notEmptyNameString, notEmptyNameStringOf: api.notEmptyNameStringOf(255),
  uuid: api.uuid, uuidOrNone: api.uuidOrNone, uuidList: api.uuidList, uuidListNonEmpty: api.uuidListNonEmpty, subports: api.subports,
  gatewayInfo: api.gatewayInfo(['network_id', 'external_fixed_ips', 'enable_snat']), portRangeOrNone: api.portRangeOrNone(1, 65535),
};

const CONVERTERS = new Set(['toBoolean', 'toBooleanOrNone', 'toInt', 'toIntOrNone', 'toCanonicalIp', 'toCanonicalCidr', 'toSanitizedMac',
  'toLowerCase', 'noneToEmptyList', 'toNameserverList', 'noneToEmptyDict', 'noneToEmptyString', 'toList', 'toCanonicalAllocationPools', 'toKvpDict',
  'toNetworkSegments', 'toExtraDhcpOpts', 'toSgProtocol', 'toSgEthertype', 'toSgPortValue', 'toSgIpPrefix', 'toTimestampOrNone', 'toGatewayInfo']);
/** Exported functions that are neither validators nor converters: total helpers with their own tests. */
const HELPERS = new Set(['ConversionError', 'TypedConversionError', 'canonicalIp', 'canonicalMac', 'isUuidLike', 'parseBoolean', 'hasBalancedDnsmasqQuotes',
  'isSafeOptName', 'isSafeOptValue', 'dnsFormatProblem', 'verifyExactKeys', 'pyStr', 'pyRepr', 'parseIsoTime']);

test('every exported function is covered by the never-throw properties', () => {
  for (const [name, value] of Object.entries(api)) {
    if (typeof value !== 'function') continue;
    assert.ok(name in VALIDATORS || CONVERTERS.has(name) || HELPERS.has(name), `${name} is not listed in never-throw.test.ts`);
  }
});

const anything = fc.anything({
  withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true, withObjectString: true,
  withBoxedValues: true, withSparseArray: true, withTypedArray: true, withUnicodeString: true,
});

function checkTotal(value: unknown): void {
  for (const [name, validate] of Object.entries(VALIDATORS)) {
    const result = validate(value);
    assert.ok(result === undefined || typeof result === 'string', `${name} returned ${typeof result}`);
  }
}

test('property: validators never throw, they return undefined or a message', () => {
  fc.assert(fc.property(anything, checkTotal), { numRuns: 500 });
});

test('property: validators never throw on shapes close to valid input', () => {
  const key = fc.constantFrom('start', 'end', 'destination', 'nexthop', 'ip_address', 'subnet_id', 'mac_address', 'opt_name', 'opt_value',
    'ip_version', 'provider:network_type', 'provider:segmentation_id', '__proto__', 'constructor', 'toString');
  const leaf = fc.oneof(fc.string(), fc.constantFrom('10.0.0.1', '10.0.0.0/24', 'fa:16:3e:00:00:01', 'mtu', '4', null), anything);
  const item = fc.dictionary(key, leaf, { maxKeys: 4 });
  fc.assert(fc.property(fc.array(fc.oneof(item, leaf), { maxLength: 12 }), checkTotal), { numRuns: 500 });
});

test('validators stay total and fast on huge and deeply nested input', () => {
  let deep: unknown = 'x';
  for (let i = 0; i < 100_000; i++) deep = [deep];
  const huge = [
    'x'.repeat(1_000_000), ' '.repeat(200_000) + 'x', '{'.repeat(200_000) + 'x', '\u3000'.repeat(200_000),
    `tag:${'a'.repeat(100_000)}`, '1'.repeat(100_000), `${'a.'.repeat(100_000)}`, '"'.repeat(100_000),
    deep, [deep, deep], Array.from({ length: 100_000 }, (_, i) => i), Array.from({ length: 20_000 }, () => ({ ip_address: '10.0.0.1' })),
  ];
  // Linear work here takes a few seconds; a quadratic scan of the 200,000
  // character runs would take hours, so the generous budget only catches those.
  const started = Date.now();
  for (const value of huge) checkTotal(value);
  assert.ok(Date.now() - started < 60_000, `took ${Date.now() - started} ms`);
});
