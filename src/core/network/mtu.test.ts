import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkMtu, segmentMtu } from './mtu.ts';

const settings = { globalPhysnetMtu: 1500, pathMtu: 0, physicalNetworkMtus: { jumbo: 9000, small: 1400 }, geneveMaxHeaderSize: 38 };

test('segment MTUs follow Neutron: vxlan 1450, geneve 1442 (38-byte header), flat/vlan the physnet MTU', () => {
  assert.equal(segmentMtu(settings, 'vxlan', null), 1450);
  assert.equal(segmentMtu(settings, 'geneve', null), 1442);
  assert.equal(segmentMtu(settings, 'vlan', 'physnet1'), 1500);
  assert.equal(segmentMtu(settings, 'flat', 'small'), 1400);
  assert.equal(segmentMtu(settings, 'vlan', 'jumbo'), 1500, 'never above the global MTU');
  assert.equal(segmentMtu({ ...settings, pathMtu: 1400 }, 'vxlan', null), 1350);
});

test('a network takes the smallest MTU of its segments', () => {
  assert.equal(networkMtu(settings, [{ network_type: 'vlan', physical_network: 'physnet1' }, { network_type: 'geneve', physical_network: null }]), 1442);
  assert.equal(networkMtu(settings, []), 1500);
});
