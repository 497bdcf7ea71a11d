import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, expectError, MEMBER_A, MEMBER_B } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/*
 * Delegation of a part of a pool (issue 6, extension subnetpool-ip-block):
 * the admin carves a block out of a scoped public pool, makes a subnet pool
 * of it and shares that pool with a customer by RBAC. The customer draws
 * subnets from the part and nothing else; the parent never hands the part
 * out again; the part stays in the parent's address scope.
 */
forEachApi('IPAM delegation of part of a pool', ({ api }) => {
  const subnetFrom = (poolId: string, networkId: string, prefixlen: number, as = MEMBER_A) =>
    api.post('/v2.0/subnets', { subnet: { network_id: networkId, ip_version: 4, subnetpool_id: poolId, prefixlen } }, as);
  const share = (poolId: string, project: string) => api.post('/v2.0/rbac-policies', { rbac_policy: {
    object_type: 'subnetpool', object_id: poolId, action: 'access_as_shared', target_tenant: project,
  } }, ADMIN);

  test('a /24 block of a scoped /16 becomes a pool shared with A: A draws only inside it, the parent never again', async () => {
    const scope = await api.create('address-scopes', 'address_scope', { name: 'public', ip_version: 4 }, ADMIN);
    const parent = await api.create('subnetpools', 'subnetpool', { name: 'public', prefixes: ['100.64.0.0/16'], default_prefixlen: 24, address_scope_id: scope.id }, ADMIN);
    const block = (await api.post('/v2.0/ip-blocks', { ip_block: { subnetpool_id: parent.id, cidr: '100.64.0.0/24', project_id: 'project-a', purpose: 'customer A' } }, ADMIN)).body.ip_block;
    const made = await api.post('/v2.0/subnetpools', { subnetpool: { name: 'a-part', ip_block_id: block.id, default_prefixlen: 28, default_quota: 64 } }, ADMIN);
    assert.equal(made.status, 201, JSON.stringify(made.body));
    const part = made.body.subnetpool;
    assert.deepEqual(part.prefixes, ['100.64.0.0/24']);
    assert.equal(part.address_scope_id, scope.id, 'in the parent\'s scope although the parent holds the same addresses');
    assert.equal(part.ip_block_id, block.id);
    assert.ok((await api.get('/v2.0/extensions/subnetpool-ip-block', ADMIN)).status === 200);

    assert.equal((await share(part.id, 'project-a')).status, 201);
    const netA = await api.network({}, MEMBER_A);
    const subnet = await subnetFrom(part.id, netA.id, 28);
    assert.equal(subnet.status, 201, JSON.stringify(subnet.body));
    assert.equal(subnet.body.subnet.cidr, '100.64.0.0/28');
    assert.equal((await subnetFrom(part.id, netA.id, 27)).status, 201);
    expectError(await subnetFrom(part.id, netA.id, 27), 409, 'SubnetPoolQuotaExceeded');
    // The parent stays A's no-go (not shared), and B sees neither.
    expectError(await subnetFrom(parent.id, netA.id, 24), 404, 'SubnetPoolNotFound');
    const netB = await api.network({}, MEMBER_B);
    expectError(await subnetFrom(part.id, netB.id, 28, MEMBER_B), 404, 'SubnetPoolNotFound');
    // The parent hands out the rest, never the delegated part.
    const adminNet = await api.network({}, ADMIN);
    const fromParent = await api.post('/v2.0/subnets', { subnet: { network_id: adminNet.id, ip_version: 4, subnetpool_id: parent.id, prefixlen: 24 } }, ADMIN);
    assert.equal(fromParent.body.subnet.cidr, '100.64.1.0/24');
    expectError(await api.post('/v2.0/subnets', { subnet: { network_id: adminNet.id, ip_version: 4, subnetpool_id: parent.id, cidr: '100.64.0.128/25' } }, ADMIN), 409, 'SubnetAllocationError');

    // The scope report counts the delegated addresses once.
    const usage = (await api.get(`/v2.0/address-scope-ip-usages/${scope.id}`, ADMIN)).body.address_scope_ip_usage;
    assert.equal(usage.total_ips, 65536, JSON.stringify(usage));
    assert.equal(usage.subnetpool_count, 2);

    // The part cannot grow past its block nor leave the scope; the block stays while the pool does.
    expectError(await api.put(`/v2.0/subnetpools/${part.id}`, { subnetpool: { prefixes: ['100.64.0.0/23'] } }, ADMIN), 400, 'InvalidInput');
    expectError(await api.put(`/v2.0/subnetpools/${part.id}`, { subnetpool: { address_scope_id: null } }, ADMIN), 400, 'InvalidInput');
    expectError(await api.delete(`/v2.0/ip-blocks/${block.id}`, ADMIN), 409, 'IpBlockInUse');
  });

  test('the block\'s project may make its own pool from it; others get the block\'s 404; prefixes must lie inside; one of prefixes or ip_block_id', async () => {
    const parent = await api.create('subnetpools', 'subnetpool', { name: 'p', prefixes: ['10.80.0.0/16'], default_prefixlen: 24 }, ADMIN);
    const block = (await api.post('/v2.0/ip-blocks', { ip_block: { subnetpool_id: parent.id, prefixlen: 22, project_id: 'project-a' } }, ADMIN)).body.ip_block;
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'x', ip_block_id: block.id } }, MEMBER_B), 404, 'IpBlockNotFound');
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'x', ip_block_id: block.id, prefixes: ['10.81.0.0/24'] } }, MEMBER_A), 400, 'InvalidInput');
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'x' } }, MEMBER_A), 400, 'HTTPBadRequest');
    const own = await api.post('/v2.0/subnetpools', { subnetpool: { name: 'mine', ip_block_id: block.id, prefixes: [block.cidr.replace('/22', '/23')], default_prefixlen: 26 } }, MEMBER_A);
    assert.equal(own.status, 201, JSON.stringify(own.body));
    const net = await api.network({}, MEMBER_A);
    assert.equal((await subnetFrom(own.body.subnetpool.id, net.id, 26)).body.subnet.cidr, block.cidr.replace('/22', '/26'));
    // Deleting the pool frees the block for deletion.
    const subnets = (await api.get(`/v2.0/subnets?subnetpool_id=${own.body.subnetpool.id}`, MEMBER_A)).body.subnets;
    for (const s of subnets) assert.equal((await api.delete(`/v2.0/subnets/${s.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/subnetpools/${own.body.subnetpool.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/ip-blocks/${block.id}`, ADMIN)).status, 204);
  });
});
