import assert from 'node:assert/strict';
import { test } from 'node:test';
import { gatewayCandidates } from './sb-chassis.ts';

test('gateway candidates: chassis whose ovn-cms-options list enable-chassis-as-gw, in other_config or (older OVN) external_ids', () => {
  const row = (name: string, other_config: Record<string, string>, external_ids: Record<string, string> = {}) => ({ _uuid: name, name, other_config, external_ids });
  assert.deepEqual(gatewayCandidates([
    row('hv1', {}),
    row('gw2', { 'ovn-cms-options': 'enable-chassis-as-gw' }),
    row('gw1', { 'ovn-cms-options': 'availability-zones=az1, enable-chassis-as-gw' }),
    row('old', {}, { 'ovn-cms-options': 'enable-chassis-as-gw' }),
    row('near', { 'ovn-cms-options': 'enable-chassis-as-gw-not' }),
  ]), ['gw1', 'gw2', 'old']);
  assert.deepEqual(gatewayCandidates([]), []);
});
