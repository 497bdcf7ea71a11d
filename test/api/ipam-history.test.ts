import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, Api, MEMBER_A, MEMBER_B } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Issue "Service-provider-grade IPAM", history: prefixes of subnet pools are
 * recorded like addresses (who had 10.90.1.0/24 at T, across its reuse by
 * another project), and history older than the retention is pruned while
 * open holdings stay.
 */
forEachApi('subnetpool-prefix-history and retention', { start: (db) => Api.start(db, { ipHistoryRetentionDays: 30 }) }, ({ api }) => {
  let pool: any;

  const prefixHistory = async (query: string, as = ADMIN) => api.get(`/v2.0/subnetpool-prefix-history${query ? `?${query}` : ''}`, as);
  const pause = () => new Promise((resolve) => setTimeout(resolve, 15));

  before(async () => {
    pool = await api.create('subnetpools', 'subnetpool', { name: 'shared', prefixes: ['10.90.0.0/16'], shared: true, default_prefixlen: 24 }, ADMIN);
  });

  test('who had a prefix at a time, across its reuse by another project', async () => {
    const netA = await api.network({ name: 'a' }, MEMBER_A);
    const first = await api.create('subnets', 'subnet', { network_id: netA.id, subnetpool_id: pool.id, ip_version: 4, cidr: '10.90.1.0/24' }, MEMBER_A);
    await pause();
    assert.equal((await api.delete(`/v2.0/subnets/${first.id}`, MEMBER_A)).status, 204);
    await pause();
    const netB = await api.network({ name: 'b' }, MEMBER_B);
    const second = await api.create('subnets', 'subnet', { network_id: netB.id, subnetpool_id: pool.id, ip_version: 4, cidr: '10.90.1.0/24' }, MEMBER_B);
    await api.subnet((await api.network({ name: 'c' }, MEMBER_B)).id, '192.0.2.0/24', {}, MEMBER_B); // not from a pool: not in this history

    const all = (await prefixHistory('prefix=10.90.1.0/24')).body.subnetpool_prefix_history;
    assert.deepEqual(all.map((h: any) => [h.subnet_id, h.project_id, h.subnetpool_id, h.network_id]),
      [[first.id, 'project-a', pool.id, netA.id], [second.id, 'project-b', pool.id, netB.id]]);
    assert.ok(all[0].held_until !== null && all[0].held_until <= all[1].held_from);
    assert.equal(all[1].held_until, null);
    const at = async (time: string) => (await prefixHistory(`prefix=10.90.1.5/24&at=${encodeURIComponent(time)}`)).body.subnetpool_prefix_history.map((h: any) => h.project_id);
    assert.deepEqual(await at(all[0].held_from), ['project-a']);
    assert.deepEqual(await at(all[1].held_from), ['project-b']);
    assert.deepEqual(await at('2000-01-01'), []);
    assert.deepEqual((await prefixHistory(`subnetpool_id=${pool.id}&project_id=project-b`)).body.subnetpool_prefix_history.map((h: any) => h.subnet_id), [second.id]);
    assert.equal((await prefixHistory('', MEMBER_A)).status, 403);
    for (const bad of ['at=never', 'limit=0', 'prefix=10.90.1.0/24&bogus=1']) assert.equal((await prefixHistory(bad)).status, 400, bad);
  });

  test('IPv6 addresses are matched in any spelling', async () => {
    const net = await api.network({ name: 'v6' }, MEMBER_A);
    const subnet = await api.subnet(net.id, '2001:db8:5::/64', { ipv6_address_mode: 'dhcpv6-stateful', ipv6_ra_mode: 'dhcpv6-stateful' }, MEMBER_A);
    await api.port(net.id, { fixed_ips: [{ subnet_id: subnet.id, ip_address: '2001:db8:5::77' }] }, MEMBER_A);
    const found = (await api.get('/v2.0/ip-address-history?ip_address=2001:DB8:5:0::77', ADMIN)).body.ip_address_history;
    assert.deepEqual(found.map((h: any) => h.ip_address), ['2001:db8:5::77']);
  });

  test('retention prunes closed holdings older than the limit and keeps open ones', async () => {
    const net = await api.network({ name: 'retention' }, MEMBER_A);
    await api.subnet(net.id, '198.51.100.0/24', {}, MEMBER_A);
    const gone = await api.port(net.id, { fixed_ips: [{ ip_address: '198.51.100.50' }] }, MEMBER_A);
    assert.equal((await api.delete(`/v2.0/ports/${gone.id}`, MEMBER_A)).status, 204);
    const kept = await api.port(net.id, { fixed_ips: [{ ip_address: '198.51.100.51' }] }, MEMBER_A);
    const count = async () => (await api.get('/v2.0/ip-address-history', ADMIN)).body.ip_address_history.length;
    const before = await count();
    assert.equal((await api.services.ipamMaintenance.runOnce()).prunedHistory, 0, 'nothing is 30 days old yet');
    // 31 days from now, the closed holdings (addresses and prefixes) are past the retention.
    const later = Date.now() + 31 * 86_400_000;
    const swept = await api.services.ipamMaintenance.runOnce(later);
    const closed = (await prefixHistory('')).body.subnetpool_prefix_history.filter((h: any) => h.held_until !== null).length;
    assert.equal(closed, 0, 'closed prefix holdings pruned');
    const remaining = (await api.get('/v2.0/ip-address-history', ADMIN)).body.ip_address_history;
    assert.ok(remaining.every((h: any) => h.held_until === null), 'only open holdings remain');
    assert.ok(remaining.some((h: any) => h.port_id === kept.id));
    assert.ok(swept.prunedHistory >= 2 && before - (await count()) + 1 >= 1);
  });
});
