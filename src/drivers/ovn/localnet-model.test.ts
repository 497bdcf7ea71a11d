import assert from 'node:assert/strict';
import { test } from 'node:test';
import { desiredLocalnetPort, localnetPortName, segmentIdOf } from './localnet-model.ts';

const segment = { id: 'seg-1', network_id: 'n1', network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 42 };

test('a VLAN segment: provnet-<id>, localnet, unknown addresses, physnet and tag', () => {
  const spec = desiredLocalnetPort(segment)!;
  assert.equal(spec.name, 'provnet-seg-1');
  assert.equal(spec.type, 'localnet');
  assert.deepEqual(spec.addresses, ['unknown']);
  assert.equal(spec.tag, 42);
  assert.equal(spec.options.network_name, 'physnet1');
  assert.deepEqual(spec.port_security, []);
});

test('a flat segment has no tag; tunnelled segments and segments without a physnet have no localnet port', () => {
  assert.equal(desiredLocalnetPort({ ...segment, network_type: 'flat', segmentation_id: null })!.tag, null);
  assert.equal(desiredLocalnetPort({ ...segment, network_type: 'geneve', physical_network: null }), undefined);
  assert.equal(desiredLocalnetPort({ ...segment, physical_network: null }), undefined);
});

test('port names round-trip; other names are not localnet ports', () => {
  assert.equal(segmentIdOf(localnetPortName('seg-1')), 'seg-1');
  assert.equal(segmentIdOf('3f9b2c1e-0000-4000-8000-000000000001'), undefined);
});
