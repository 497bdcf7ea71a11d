import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { networkSegments, toNetworkSegments } from './segment-validators.ts';

test('networkSegments', () => {
  const vlan = { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 100 };
  assert.equal(networkSegments([vlan, { 'provider:network_type': 'vxlan' }]), undefined);
  assert.equal(networkSegments([{ ...vlan, 'provider:segmentation_id': 'abc' }]), "'abc' is not an integer");
  assert.equal(networkSegments([{ ...vlan, foo: 1, bar: 2 }]), "Unrecognized attribute(s) 'foo, bar'");
  assert.equal(networkSegments([{ ...vlan, 'provider:segmentation_id': 'x', foo: 1 }]), "'x' is not an integer");
  assert.equal(networkSegments({}), "'{}' is not a list");
  assert.equal(networkSegments(['vlan']), "'vlan' is not a dictionary");
});

test('toNetworkSegments converts segmentation ids and drops empty ones', () => {
  assert.deepEqual(toNetworkSegments([{ 'provider:network_type': 'vlan', 'provider:segmentation_id': '100' }]),
    [{ 'provider:network_type': 'vlan', 'provider:segmentation_id': 100 }]);
  assert.deepEqual(toNetworkSegments([{ 'provider:network_type': 'flat', 'provider:segmentation_id': 0 }]), [{ 'provider:network_type': 'flat' }]);
  assert.deepEqual(toNetworkSegments([{ 'provider:segmentation_id': 'abc' }]), [{ 'provider:segmentation_id': 'abc' }]);
  assert.equal(toNetworkSegments('x'), 'x');
});

test('property: after conversion, segments with only provider keys validate', () => {
  const segment = fc.record({
    'provider:network_type': fc.constantFrom('vlan', 'vxlan', 'flat'),
    'provider:physical_network': fc.option(fc.string(), { nil: null }),
    'provider:segmentation_id': fc.oneof(fc.integer({ min: 0, max: 4094 }), fc.integer({ min: 1, max: 4094 }).map(String), fc.constant(null)),
  }, { requiredKeys: [] });
  fc.assert(fc.property(fc.array(segment, { maxLength: 4 }), (segments) => {
    assert.equal(networkSegments(toNetworkSegments(segments)), undefined);
  }));
});
