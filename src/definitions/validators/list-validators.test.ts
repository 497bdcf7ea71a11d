import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { availabilityZoneHints, listOfStrings, listOfTags, listOfUniqueStrings, SUBNET_SERVICE_TYPE_PREFIXES, subnetServiceTypes } from './list-validators.ts';

test('listOfUniqueStrings / listOfTags', () => {
  assert.equal(listOfTags(['a', 'b']), undefined);
  assert.equal(listOfTags(['a', 'a', 'b', 'b', 'a']), "Duplicate items in the list: 'a, b'");
  assert.equal(listOfTags(['a', 1]), "'1' is not a valid string");
  assert.equal(listOfTags('a'), "'a' is not a list");
  assert.equal(listOfTags(['x'.repeat(256)]), `'${'x'.repeat(256)}' exceeds maximum length of 255`);
  assert.equal(listOfUniqueStrings(2)(['abc']), "'abc' exceeds maximum length of 2");
  assert.equal(listOfStrings(['x'.repeat(1000)]), undefined);
});

test('availabilityZoneHints: unique strings whose JSON fits 255 characters', () => {
  assert.equal(availabilityZoneHints(['nova', 'az2']), undefined);
  assert.equal(availabilityZoneHints(['nova', 'nova']), "Duplicate items in the list: 'nova'");
  assert.equal(availabilityZoneHints(['x'.repeat(251)]), undefined); // '["' + 251 + '"]' = 255
  assert.equal(availabilityZoneHints(['x'.repeat(252)]), 'Too many availability_zone_hints specified');
  // Python's json.dumps escapes non-ASCII: each 'é' counts as the 6 characters of \u00e9.
  assert.equal(availabilityZoneHints(['é'.repeat(41)]), undefined);
  assert.equal(availabilityZoneHints(['é'.repeat(42)]), 'Too many availability_zone_hints specified');
  assert.equal(availabilityZoneHints(['x'.repeat(120), 'y'.repeat(127)]), undefined); // ["…", "…"] = 255
});

test('subnetServiceTypes: neutron-lib prefixes, including its per-character quirk', () => {
  assert.deepEqual(SUBNET_SERVICE_TYPE_PREFIXES, ['network:', 'neutron:', 'c', 'o', 'm', 'p', 'u', 't', 'e', ':']);
  for (const ok of [null, [], '', ['compute:nova', 'network:dhcp', 'neutron:x', 'cat', ':x']]) assert.equal(subnetServiceTypes(ok), undefined);
  assert.equal(subnetServiceTypes('network:dhcp'), 'Subnet service types must be a list.');
  assert.equal(subnetServiceTypes([1]), 'Subnet service type 1 is not a string.');
  assert.equal(subnetServiceTypes(['baremetal:none']), 'Subnet service type baremetal:none does not correspond to a valid device owner.');
});

test('property: listOfTags accepts exactly the lists of distinct short strings', () => {
  fc.assert(fc.property(fc.array(fc.string({ maxLength: 3 }), { maxLength: 6 }), (tags) => {
    assert.equal(listOfTags(tags) === undefined, new Set(tags).size === tags.length);
  }));
});
