import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/*
 * Delegation of subnet-pool space (issue 6): an admin's pool shared with a
 * customer project by an RBAC policy, bounded by the pool's per-project
 * default_quota (Neutron) and muon's project quotas subnetpool_prefix and
 * subnetpool_ipv4_address; subnets and IP blocks both count; the policy and
 * every prefix taken are on record.
 */
forEachApi('IPAM delegation', ({ api }) => {
  const subnetFrom = (poolId: string, networkId: string, prefixlen: number, as: As) =>
    api.post('/v2.0/subnets', { subnet: { network_id: networkId, ip_version: 4, subnetpool_id: poolId, prefixlen } }, as);
  const delegate = async (poolId: string, project: string) => (await api.post('/v2.0/rbac-policies', { rbac_policy: {
    object_type: 'subnetpool', object_id: poolId, action: 'access_as_shared', target_tenant: project,
  } }, ADMIN)).body.rbac_policy;

  test('a pool delegated to project A: A draws subnets up to the pool\'s default_quota (409 SubnetPoolQuotaExceeded); B may not draw', async () => {
    const pool = await api.create('subnetpools', 'subnetpool', { name: 'public', prefixes: ['203.0.113.0/24'], min_prefixlen: 24, max_prefixlen: 30, default_prefixlen: 28, default_quota: 64 }, ADMIN);
    const netA = await api.network({}, MEMBER_A);
    const netB = await api.network({}, MEMBER_B);
    expectError(await subnetFrom(pool.id, netA.id, 27, MEMBER_A), 404, 'SubnetPoolNotFound');
    const policy = await delegate(pool.id, 'project-a');
    const first = await subnetFrom(pool.id, netA.id, 27, MEMBER_A);
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.equal((await subnetFrom(pool.id, netA.id, 28, MEMBER_A)).status, 201);
    assert.equal((await subnetFrom(pool.id, netA.id, 28, MEMBER_A)).status, 201, '32 + 16 + 16 = 64 addresses');
    expectError(await subnetFrom(pool.id, netA.id, 30, MEMBER_A), 409, 'SubnetPoolQuotaExceeded', 'Per-tenant subnet pool prefix quota exceeded.');
    expectError(await subnetFrom(pool.id, netB.id, 28, MEMBER_B), 404, 'SubnetPoolNotFound');
    // An IP block the admin gives A from the pool counts against the same quota.
    expectError(await api.post('/v2.0/ip-blocks', { ip_block: { subnetpool_id: pool.id, prefixlen: 30, project_id: 'project-a' } }, ADMIN), 409, 'SubnetPoolQuotaExceeded');
    assert.equal((await api.post('/v2.0/ip-blocks', { ip_block: { subnetpool_id: pool.id, prefixlen: 30, project_id: 'project-b' } }, ADMIN)).status, 201);
    // While A draws from it, the delegation stays (409), and the prefixes are on record as A's.
    expectError(await api.delete(`/v2.0/rbac-policies/${policy.id}`, ADMIN), 409, 'RbacPolicyInUse');
    const history = (await api.get(`/v2.0/subnetpool-prefix-history?subnetpool_id=${pool.id}`, ADMIN)).body.subnetpool_prefix_history;
    assert.ok(history.some((h: any) => h.prefix === first.body.subnet.cidr && h.project_id === 'project-a'), JSON.stringify(history));
    const changes = await api.database.db.selectFrom('changes').select(['action', 'project_id']).where('resource_type', '=', 'rbac_policy').where('resource_id', '=', policy.id).execute();
    assert.deepEqual(changes.map((c) => c.action), ['create']);
  });

  test('project quotas subnetpool_prefix and subnetpool_ipv4_address: counted over every pool, shown in quota details, enforced (409 OverQuota)', async () => {
    const quota = (await api.get('/v2.0/quotas/project-c', { project: 'project-c', roles: 'member' })).body.quota;
    assert.equal(quota.subnetpool_prefix, -1);
    assert.equal(quota.subnetpool_ipv4_address, -1);
    const C: As = { project: 'project-c', roles: 'member' };
    const p1 = await api.create('subnetpools', 'subnetpool', { name: 'p1', prefixes: ['198.51.100.0/24'], default_prefixlen: 28 }, ADMIN);
    const p2 = await api.create('subnetpools', 'subnetpool', { name: 'p2', prefixes: ['192.0.2.0/24'], default_prefixlen: 28 }, ADMIN);
    await delegate(p1.id, 'project-c');
    await delegate(p2.id, 'project-c');
    const net = await api.network({}, C);
    // One pool per network and IP version (Neutron's NetworkSubnetPoolAffinityError).
    const net2 = await api.network({}, C);
    assert.equal((await subnetFrom(p1.id, net.id, 28, C)).status, 201);
    assert.equal((await api.put('/v2.0/quotas/project-c', { quota: { subnetpool_prefix: 2, subnetpool_ipv4_address: 40 } }, ADMIN)).status, 200);
    expectError(await subnetFrom(p2.id, net2.id, 27, C), 409, 'OverQuota', "Quota exceeded for resources: ['subnetpool_ipv4_address'].");
    assert.equal((await subnetFrom(p2.id, net2.id, 28, C)).status, 201);
    expectError(await subnetFrom(p2.id, net2.id, 30, C), 409, 'OverQuota', "Quota exceeded for resources: ['subnetpool_prefix'].");
    const details = (await api.get('/v2.0/quotas/project-c/details.json', C)).body.quota;
    assert.deepEqual(details.subnetpool_prefix, { limit: 2, used: 2, reserved: 0 });
    assert.deepEqual(details.subnetpool_ipv4_address, { limit: 40, used: 32, reserved: 0 });
    // A limit below what the project holds is refused when check_limit asks (quota-check-limit), else accepted.
    expectError(await api.put('/v2.0/quotas/project-c', { quota: { subnetpool_prefix: 1, check_limit: true } }, ADMIN), 400, 'InvalidQuotaValue');
    assert.equal((await api.put('/v2.0/quotas/project-c', { quota: { subnetpool_prefix: 1 } }, ADMIN)).status, 200);
    // Only admins set quotas.
    assert.equal((await api.put('/v2.0/quotas/project-c', { quota: { subnetpool_prefix: -1 } }, C)).status, 403);
  });
});
