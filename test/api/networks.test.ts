import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

forEachApi('networks', ({ api }) => {
  test('a tenant network gets a geneve segment and the geneve MTU', async () => {
    const net = await api.network({}, MEMBER_A);
    assert.equal(net.mtu, 1442);
    assert.equal(net.status, 'ACTIVE');
    assert.equal('provider:network_type' in net, false, 'members do not see provider attributes');
    const shown = await api.get(`/v2.0/networks/${net.id}`, ADMIN);
    assert.equal(shown.body.network['provider:network_type'], 'geneve');
    assert.equal(typeof shown.body.network['provider:segmentation_id'], 'number');
  });

  test('provider VLAN: pinned id, conflict 409, out of range 400, VXLAN MTU 1450', async () => {
    const vlan = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 150 }, ADMIN);
    assert.equal(vlan['provider:segmentation_id'], 150);
    assert.equal(vlan.mtu, 1500);
    const taken = await api.post('/v2.0/networks', { network: { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 150 } }, ADMIN);
    assert.equal(taken.status, 409);
    assert.equal(taken.body.NeutronError.type, 'VlanIdInUse');
    const outOfRange = await api.post('/v2.0/networks', { network: { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 5000 } }, ADMIN);
    assert.equal(outOfRange.status, 400);
    const vxlan = await api.network({ 'provider:network_type': 'vxlan' }, ADMIN);
    assert.equal(vxlan.mtu, 1450);
  });

  test('non-admins may not set provider attributes or shared', async () => {
    const provider = await api.post('/v2.0/networks', { network: { 'provider:network_type': 'vxlan' } }, MEMBER_A);
    assert.equal(provider.status, 403);
    assert.equal(provider.body.NeutronError.type, 'PolicyNotAuthorized');
    const shared = await api.post('/v2.0/networks', { network: { shared: true } }, MEMBER_A);
    assert.equal(shared.status, 403);
  });

  test('multi-segment networks show segments, not provider:*', async () => {
    const net = await api.network({ segments: [
      { 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 160 },
      { 'provider:network_type': 'vxlan' },
    ] }, ADMIN);
    assert.equal(net.segments.length, 2);
    assert.equal(net.segments[0]['provider:segmentation_id'], 160);
    assert.equal('provider:network_type' in net, false);
    assert.equal(net.mtu, 1450, 'the smallest segment MTU wins');
    const both = await api.post('/v2.0/networks', { network: { 'provider:network_type': 'vxlan', segments: [{ 'provider:network_type': 'vxlan' }] } }, ADMIN);
    assert.equal(both.status, 400);
    assert.equal(both.body.NeutronError.type, 'SegmentsSetInConjunctionWithProviders');
  });

  test('deleting a network frees its segmentation id', async () => {
    const first = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 170 }, ADMIN);
    assert.equal((await api.delete(`/v2.0/networks/${first.id}`, ADMIN)).status, 204);
    const again = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 170 }, ADMIN);
    assert.equal(again['provider:segmentation_id'], 170);
  });

  test('mtu is writable below the maximum only', async () => {
    const net = await api.network({}, MEMBER_A);
    const lower = await api.put(`/v2.0/networks/${net.id}`, { network: { mtu: 1400 } }, MEMBER_A);
    assert.equal(lower.status, 200);
    assert.equal(lower.body.network.mtu, 1400);
    const higher = await api.put(`/v2.0/networks/${net.id}`, { network: { mtu: 9000 } }, MEMBER_A);
    assert.equal(higher.status, 400);
  });

  test('other projects do not see private networks but see shared ones', async () => {
    const mine = await api.network({ name: 'private-a' }, MEMBER_A);
    const shared = await api.network({ name: 'shared-admin', shared: true }, ADMIN);
    assert.equal((await api.get(`/v2.0/networks/${mine.id}`, MEMBER_B)).status, 404);
    assert.equal((await api.get(`/v2.0/networks/${shared.id}`, MEMBER_B)).status, 200);
    const listed = (await api.get('/v2.0/networks', MEMBER_B)).body.networks.map((n: any) => n.id);
    assert.ok(listed.includes(shared.id));
    assert.ok(!listed.includes(mine.id));
    assert.equal((await api.put(`/v2.0/networks/${shared.id}`, { network: { name: 'x' } }, MEMBER_B)).status, 403);
    assert.equal((await api.delete(`/v2.0/networks/${mine.id}`, MEMBER_B)).status, 404);
  });

  test('delete with ports → 409 NetworkInUse; after the port is gone → 204', async () => {
    const net = await api.network({}, MEMBER_A);
    await api.subnet(net.id, '10.9.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, {}, MEMBER_A);
    const refused = await api.delete(`/v2.0/networks/${net.id}`, MEMBER_A);
    assert.equal(refused.status, 409);
    assert.equal(refused.body.NeutronError.type, 'NetworkInUse');
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/networks/${net.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.get(`/v2.0/networks/${net.id}`, MEMBER_A)).status, 404);
  });

  test('a subnet on the network bumps its revision and lists in subnets', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.10.0.0/24', {}, MEMBER_A);
    const shown = (await api.get(`/v2.0/networks/${net.id}`, MEMBER_A)).body.network;
    assert.deepEqual(shown.subnets, [subnet.id]);
    assert.equal(shown.revision_number, net.revision_number + 1);
  });
});
