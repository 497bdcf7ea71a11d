import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PortSpec } from './ovn-model.ts';
import { subportBindings, withTrunkParents } from './trunk-model.ts';

const spec = (name: string): PortSpec => ({ name, type: '', addresses: [], port_security: [], enabled: true, external_ids: {}, options: {} });

test('subports name their trunk\'s parent and carry the segmentation id as tag; other ports have neither', () => {
  const bindings = subportBindings([{ id: 't', port_id: 'parent', admin_state_up: true, sub_ports: [{ port_id: 'child', segmentation_type: 'vlan', segmentation_id: 101 }] }]);
  const [parent, child] = withTrunkParents([spec('parent'), spec('child')], bindings);
  assert.deepEqual([parent!.parent_name, parent!.tag], [null, null]);
  assert.deepEqual([child!.parent_name, child!.tag], ['parent', 101]);
});
