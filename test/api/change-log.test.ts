import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ChangeRepo } from '../../src/store/repos/change-repo.ts';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * The change log drivers and agents will watch (DESIGN.md §2): one row per
 * create, revision change and delete of every resource, written by the
 * database in the same transaction (migrations/change-log-triggers.ts).
 */
forEachApi('change log', ({ api }) => {
  const changes = new ChangeRepo();
  let seen = 0;

  /** The changes logged since the previous call, as "action type id". */
  async function newChanges(): Promise<string[]> {
    const rows = await api.store.read((tx) => changes.since(tx, seen));
    if (rows.length > 0) seen = Number(rows.at(-1)!.revision);
    return rows.map((row) => `${row.action} ${row.resource_type} ${row.resource_id}`);
  }

  before(async () => {
    // project-a's default security group (made on its first network or port) is logged once, here.
    assert.equal((await api.get('/v2.0/security-groups', MEMBER_A)).status, 200);
    await newChanges();
  });

  test('creates, updates, tag changes and deletes are logged once each, in order, with the project', async () => {
    const net = await api.network({ name: 'logged' }, MEMBER_A);
    // Its provider segment is a resource of its own (/v2.0/segments), logged with the network's project.
    const [segment] = (await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN)).body.segments;
    assert.deepEqual(await newChanges(), [`create network ${net.id}`, `create segment ${segment.id}`]);
    assert.equal((await api.put(`/v2.0/networks/${net.id}`, { network: { name: 'renamed' } }, MEMBER_A)).status, 200);
    assert.deepEqual(await newChanges(), [`update network ${net.id}`]);
    assert.equal((await api.put(`/v2.0/networks/${net.id}/tags/blue`, undefined, MEMBER_A)).status, 201);
    assert.deepEqual(await newChanges(), [`update network ${net.id}`]);
    // The configured network segment ranges, written at start-up, belong to no project.
    const rows = (await api.store.read((tx) => changes.since(tx, 0))).filter((row) => row.resource_type !== 'network_segment_range');
    assert.ok(rows.every((row) => row.project_id === 'project-a'));
    assert.ok(rows.every((row) => /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/.test(row.changed_at)), 'Neutron timestamps');

    const subnet = await api.subnet(net.id, '10.90.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, {}, MEMBER_A);
    // A subnet is part of its network (its `subnets` attribute): the network's revision moves too.
    assert.deepEqual(await newChanges(), [`create subnet ${subnet.id}`, `update network ${net.id}`, `create port ${port.id}`]);
  });

  test('security groups: a new group and its template rules, a rule and its group\'s revision', async () => {
    const group = await api.create('security-groups', 'security_group', { name: 'logged' }, MEMBER_A);
    const logged = await newChanges();
    assert.deepEqual(logged[0], `create security_group ${group.id}`);
    assert.deepEqual(logged.slice(1).map((c) => c.split(' ').slice(0, 2).join(' ')), ['create security_group_rule', 'create security_group_rule']);
    const rule = await api.create('security-group-rules', 'security_group_rule', { security_group_id: group.id, direction: 'ingress', protocol: 'udp' }, MEMBER_A);
    assert.deepEqual(await newChanges(), [`create security_group_rule ${rule.id}`, `update security_group ${group.id}`]);
    assert.equal((await api.delete(`/v2.0/security-groups/${group.id}`, MEMBER_A)).status, 204);
    const deleted = await newChanges();
    assert.ok(deleted.includes(`delete security_group ${group.id}`) && deleted.includes(`delete security_group_rule ${rule.id}`), deleted.join('\n'));
  });

  test('a refused request logs nothing; a network delete logs its ports and subnets', async () => {
    const net = await api.network({ name: 'doomed' }, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.91.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, { device_owner: 'network:dhcp' }, MEMBER_A);
    const [segment] = (await api.get(`/v2.0/segments?network_id=${net.id}`, ADMIN)).body.segments;
    await newChanges();
    assert.equal((await api.post('/v2.0/ports', { port: { network_id: net.id, fixed_ips: [{ ip_address: '10.99.0.5' }] } }, MEMBER_A)).status, 400);
    assert.deepEqual(await newChanges(), [], 'nothing from a rolled-back request');
    assert.equal((await api.delete(`/v2.0/networks/${net.id}`, MEMBER_A)).status, 204);
    assert.deepEqual((await newChanges()).sort(), [`delete network ${net.id}`, `delete port ${port.id}`, `delete segment ${segment.id}`, `delete subnet ${subnet.id}`].sort());
  });
});
