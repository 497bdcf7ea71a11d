import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Issue "Service-provider-grade IPAM", block assignment: whole prefixes of a
 * subnet pool given to a project, carved from the same space as the pool's
 * subnets (never overlapping them), lowest free first, given back on delete.
 */
forEachApi('ip-blocks', ({ api }) => {
  let pool: any;

  const block = (body: Record<string, unknown>, as = ADMIN) => api.post('/v2.0/ip-blocks', { ip_block: { subnetpool_id: pool.id, ...body } }, as);

  before(async () => {
    pool = await api.create('subnetpools', 'subnetpool', { name: 'public', prefixes: ['203.0.113.0/26'], default_prefixlen: 29, min_prefixlen: 24, shared: true }, ADMIN);
  });

  test('blocks and subnets share the pool: lowest free first, never overlapping', async () => {
    const first = await block({ project_id: 'project-a', purpose: 'server-1' });
    assert.equal(first.status, 201, JSON.stringify(first.body));
    assert.deepEqual([first.body.ip_block.cidr, first.body.ip_block.prefixlen, first.body.ip_block.total_ips, first.body.ip_block.ip_version, first.body.ip_block.project_id],
      ['203.0.113.0/29', 29, 8, 4, 'project-a']);
    assert.equal((await block({ prefixlen: 30, project_id: 'project-b' })).body.ip_block.cidr, '203.0.113.8/30');
    const net = await api.network({ name: 'from-pool' }, MEMBER_A);
    const subnet = await api.create('subnets', 'subnet', { network_id: net.id, subnetpool_id: pool.id, ip_version: 4, prefixlen: 28 }, MEMBER_A);
    assert.equal(subnet.cidr, '203.0.113.16/28', 'the subnet goes around the blocks');
    assert.equal((await block({ prefixlen: 29 })).body.ip_block.cidr, '203.0.113.32/29', 'and the next block around the subnet');

    const overSubnet = await block({ cidr: '203.0.113.24/29' });
    assert.equal(overSubnet.status, 409);
    assert.equal(overSubnet.body.NeutronError.type, 'SubnetAllocationError');
    const overBlock = await api.post('/v2.0/subnets', { subnet: { network_id: net.id, subnetpool_id: pool.id, ip_version: 4, cidr: '203.0.113.32/28' } }, MEMBER_A);
    assert.equal(overBlock.status, 409, JSON.stringify(overBlock.body));

    // Given back, the prefix is the next one handed out.
    assert.equal((await api.delete(`/v2.0/ip-blocks/${first.body.ip_block.id}`, ADMIN)).status, 204);
    assert.equal((await block({})).body.ip_block.cidr, '203.0.113.0/29');
    // Deleting the subnet gives its prefix back too.
    assert.equal((await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).status, 204);
    assert.equal((await block({ prefixlen: 28 })).body.ip_block.cidr, '203.0.113.16/28');
  });

  test('exhaustion, bounds and bad input are 4xx and change nothing', async () => {
    const before = (await api.get('/v2.0/ip-blocks', ADMIN)).body.ip_blocks.length;
    const cases: Array<[Record<string, unknown>, number, string?]> = [
      [{ prefixlen: 26 }, 409, 'SubnetAllocationError'],
      [{ prefixlen: 23 }, 400, 'MinPrefixSubnetAllocationError'],
      [{ prefixlen: 33 }, 400],
      [{ cidr: '198.51.100.0/29' }, 409, 'SubnetAllocationError'],
      [{ cidr: '2001:db8::/64' }, 400],
      [{ cidr: '203.0.113.40/29', prefixlen: 29 }, 400],
      [{ prefixlen: 'x' }, 400],
      [{ subnetpool_id: '00000000-0000-0000-0000-000000000000' }, 404],
      [{ port_id: '00000000-0000-0000-0000-000000000000' }, 404],
    ];
    for (const [body, status, type] of cases) {
      const answer = await block(body);
      assert.equal(answer.status, status, `${JSON.stringify(body)} → ${JSON.stringify(answer.body)}`);
      if (type) assert.equal(answer.body.NeutronError.type, type);
    }
    assert.equal((await block({}, MEMBER_A)).status, 403, 'members may not assign blocks by default');
    assert.equal((await api.get('/v2.0/ip-blocks', ADMIN)).body.ip_blocks.length, before);
  });

  test('a block may be routed to a port of its project; a deleted port clears it', async () => {
    const net = await api.network({ name: 'servers' }, MEMBER_A);
    await api.subnet(net.id, '10.5.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, {}, MEMBER_A);
    const foreign = await block({ prefixlen: 30, project_id: 'project-b', port_id: port.id });
    assert.equal(foreign.status, 400, JSON.stringify(foreign.body));
    const routed = await block({ prefixlen: 30, project_id: 'project-a', port_id: port.id });
    assert.equal(routed.status, 201, JSON.stringify(routed.body));
    assert.deepEqual((await api.get(`/v2.0/ip-blocks?port_id=${port.id}&fields=id`, ADMIN)).body.ip_blocks, [{ id: routed.body.ip_block.id }]);
    const mine = (await api.get('/v2.0/ip-blocks', MEMBER_A)).body.ip_blocks;
    assert.ok(mine.every((b: any) => b.project_id === 'project-a') && mine.some((b: any) => b.id === routed.body.ip_block.id));
    assert.equal((await api.get(`/v2.0/ip-blocks/${routed.body.ip_block.id}`, MEMBER_B)).status, 404);
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.get(`/v2.0/ip-blocks/${routed.body.ip_block.id}`, ADMIN)).body.ip_block.port_id, null);
    assert.equal((await api.put(`/v2.0/ip-blocks/${routed.body.ip_block.id}`, { ip_block: { cidr: '203.0.113.60/30' } }, ADMIN)).status, 400);
  });

  test('a pool with blocks cannot be deleted; growing it adds room; reports count blocks', async () => {
    const usage = (await api.get(`/v2.0/subnetpool-ip-usages/${pool.id}`, ADMIN)).body.subnetpool_ip_usage;
    const blocks = (await api.get(`/v2.0/ip-blocks?subnetpool_id=${pool.id}`, ADMIN)).body.ip_blocks;
    assert.equal(usage.block_count, blocks.length);
    assert.equal(usage.allocated_ips, blocks.reduce((s: number, b: any) => s + b.total_ips, 0));
    assert.equal(usage.allocated_ips + usage.unallocated_ips, 64);
    assert.equal((await api.delete(`/v2.0/subnetpools/${pool.id}`, ADMIN)).status, 409);
    const grown = await api.put(`/v2.0/subnetpools/${pool.id}`, { subnetpool: { prefixes: ['203.0.113.0/26', '203.0.113.64/26'] } }, ADMIN);
    assert.equal(grown.status, 200, JSON.stringify(grown.body));
    assert.equal((await block({ prefixlen: 26 })).body.ip_block.cidr, '203.0.113.64/26');
    for (const b of (await api.get(`/v2.0/ip-blocks?subnetpool_id=${pool.id}`, ADMIN)).body.ip_blocks) {
      assert.equal((await api.delete(`/v2.0/ip-blocks/${b.id}`, ADMIN)).status, 204);
    }
    assert.equal((await api.delete(`/v2.0/subnetpools/${pool.id}`, ADMIN)).status, 204);
  });
});
