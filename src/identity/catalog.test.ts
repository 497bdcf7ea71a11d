import assert from 'node:assert/strict';
import { test } from 'node:test';
import { buildCatalog } from './catalog.ts';

test('identity and network services, three interfaces each, stable ids', () => {
  const catalog = buildCatalog('http://10.1.2.3:9696/', 'RegionOne');
  assert.deepEqual(catalog.map((s) => [s.type, s.name]), [['identity', 'keystone'], ['network', 'neutron']]);
  const network = catalog[1]!;
  assert.deepEqual(network.endpoints.map((e) => e.interface), ['public', 'internal', 'admin']);
  assert.equal(network.endpoints[0]!.url, 'http://10.1.2.3:9696/');
  assert.equal(catalog[0]!.endpoints[0]!.url, 'http://10.1.2.3:9696/identity');
  assert.equal(network.endpoints[0]!.region_id, 'RegionOne');
  assert.deepEqual(buildCatalog('http://other', 'RegionOne').map((s) => s.id), catalog.map((s) => s.id));
  assert.match(network.id, /^[0-9a-f]{32}$/);
});
