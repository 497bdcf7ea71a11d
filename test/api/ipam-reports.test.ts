import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, Api, MEMBER_A, MEMBER_B } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Issue "Service-provider-grade IPAM": utilisation reports per subnet,
 * subnet pool, address scope and project match what was allocated,
 * released and reserved; /metrics exposes them to Prometheus.
 */
const METRICS_TOKEN = 'scraper-token-0123456789';

forEachApi('ip-usage-reports', { start: (db) => Api.start(db, { metricsToken: METRICS_TOKEN, ipamWarningPercent: 50 }) }, ({ api }) => {
  let scope: any;
  let pool: any;
  let net: any;
  let pooled: any;
  let small: any;

  const subnetUsage = async (id: string, as = ADMIN) => (await api.get(`/v2.0/subnet-ip-usages/${id}`, as));
  const counts = (r: any) => [r.total_ips, r.used_ips, r.reserved_ips, r.free_ips, r.largest_free_block];

  before(async () => {
    scope = await api.create('address-scopes', 'address_scope', { name: 'public', ip_version: 4 }, ADMIN);
    pool = await api.create('subnetpools', 'subnetpool', { name: 'p', prefixes: ['10.10.0.0/16'], address_scope_id: scope.id, default_prefixlen: 24 }, ADMIN);
    net = await api.network({ name: 'reports', project_id: 'project-a' }, ADMIN);
    pooled = await api.create('subnets', 'subnet', { network_id: net.id, subnetpool_id: pool.id, ip_version: 4, prefixlen: 24, project_id: 'project-a' }, ADMIN);
    const other = await api.network({ name: 'small' }, MEMBER_B);
    small = await api.subnet(other.id, '192.0.2.0/28', { allocation_pools: [{ start: '192.0.2.2', end: '192.0.2.9' }] }, MEMBER_B);
  });

  test('subnet usage follows allocations, reservations and releases', async () => {
    assert.deepEqual(counts((await subnetUsage(small.id)).body.subnet_ip_usage), [8, 0, 0, 8, 8]);
    const ports = [];
    for (let i = 0; i < 3; i++) ports.push(await api.port(small.network_id, {}, MEMBER_B));
    const held = ports.map((p) => p.fixed_ips[0].ip_address);
    assert.deepEqual(counts((await subnetUsage(small.id)).body.subnet_ip_usage).slice(0, 4), [8, 3, 0, 5]);

    const reservation = await api.post('/v2.0/ip-reservations', { ip_reservation: { subnet_id: small.id, ip_address: free(held, 0), project_id: 'project-b' } }, ADMIN);
    assert.equal(reservation.status, 201, JSON.stringify(reservation.body));
    let usage = (await subnetUsage(small.id)).body.subnet_ip_usage;
    assert.deepEqual(counts(usage).slice(0, 4), [8, 3, 1, 4]);
    assert.equal(usage.utilization, 50);
    assert.equal(usage.warning, true, 'at the server-wide 50 % threshold');
    assert.ok(usage.largest_free_block >= 1 && usage.largest_free_block <= 4);

    // A port of the reservation's project takes the reserved address: used, no longer reserved.
    const claimed = await api.post('/v2.0/ports', { port: { network_id: small.network_id, fixed_ips: [{ ip_address: reservation.body.ip_reservation.start_ip_address }] } }, MEMBER_B);
    assert.equal(claimed.status, 201, JSON.stringify(claimed.body));
    assert.deepEqual(counts((await subnetUsage(small.id)).body.subnet_ip_usage).slice(0, 4), [8, 4, 0, 4]);

    for (const port of ports) assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_B)).status, 204);
    assert.equal((await api.delete(`/v2.0/ports/${claimed.body.port.id}`, MEMBER_B)).status, 204);
    usage = (await subnetUsage(small.id)).body.subnet_ip_usage;
    assert.deepEqual(counts(usage).slice(0, 4), [8, 0, 1, 7], 'the claimed address went back to its reservation');
    assert.equal((await api.delete(`/v2.0/ip-reservations/${reservation.body.ip_reservation.id}`, ADMIN)).status, 204);
    assert.deepEqual(counts((await subnetUsage(small.id)).body.subnet_ip_usage), [8, 0, 0, 8, 8], 'whole again: one run of 8');
  });

  test('subnet pool, address scope and project reports', async () => {
    await api.port(net.id, {}, MEMBER_A);
    await api.post('/v2.0/ip-reservations', { ip_reservation: { subnet_id: pooled.id, cidr: `${pooled.cidr.split('/')[0].replace(/0$/, '16')}/28`, project_id: 'project-a' } }, ADMIN);
    const p = (await api.get(`/v2.0/subnetpool-ip-usages/${pool.id}`, ADMIN)).body.subnetpool_ip_usage;
    assert.deepEqual([p.total_ips, p.allocated_ips, p.unallocated_ips, p.subnet_count, p.used_ips, p.reserved_ips, p.free_ips, p.largest_free_prefixlen, p.address_scope_id],
      [65536, 256, 65280, 1, 1, 16, 253 - 17, 17, scope.id]);
    assert.equal(p.utilization, 0.39);
    const s = (await api.get(`/v2.0/address-scope-ip-usages/${scope.id}`, ADMIN)).body.address_scope_ip_usage;
    assert.deepEqual([s.subnetpool_count, s.subnet_count, s.total_ips, s.allocated_ips, s.used_ips, s.reserved_ips], [1, 1, 65536, 256, 1, 16]);
    const a = (await api.get('/v2.0/project-ip-usages/project-a', ADMIN)).body.project_ip_usage;
    assert.deepEqual([a.subnet_count, a.total_ips, a.free_ips, a.port_ips, a.reserved_ips], [1, 253, 253 - 17, 1, 16]);
  });

  test('a pool threshold of its own flags its subnets; list semantics over reports', async () => {
    assert.equal((await subnetUsage(pooled.id)).body.subnet_ip_usage.warning, false);
    const updated = await api.put(`/v2.0/subnetpools/${pool.id}`, { subnetpool: { ip_usage_warning_percent: 5 } }, ADMIN);
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.subnetpool.ip_usage_warning_percent, 5);
    assert.equal((await api.put(`/v2.0/subnetpools/${pool.id}`, { subnetpool: { ip_usage_warning_percent: 101 } }, ADMIN)).status, 400);
    const flagged = (await subnetUsage(pooled.id)).body.subnet_ip_usage;
    assert.deepEqual([flagged.warning, flagged.warning_percent], [true, 5]);

    const warned = (await api.get('/v2.0/subnet-ip-usages?warning=true&fields=subnet_id', ADMIN)).body.subnet_ip_usages;
    assert.deepEqual(warned, [{ subnet_id: pooled.id }]);
    const sorted = (await api.get('/v2.0/subnet-ip-usages?sort_key=free_ips&sort_dir=desc&fields=subnet_id&fields=free_ips', ADMIN)).body.subnet_ip_usages;
    assert.deepEqual(sorted.map((r: any) => r.subnet_id), [pooled.id, small.id]);
    const page = await api.get('/v2.0/subnet-ip-usages?limit=1&sort_key=free_ips&sort_dir=desc', ADMIN);
    assert.equal(page.body.subnet_ip_usages.length, 1);
    const next = page.body.subnet_ip_usages_links.find((l: any) => l.rel === 'next');
    const second = await api.get(new URL(next.href).pathname + new URL(next.href).search, ADMIN);
    assert.deepEqual(second.body.subnet_ip_usages.map((r: any) => r.subnet_id), [small.id]);
    assert.equal((await api.get('/v2.0/subnet-ip-usages?bogus=1', ADMIN)).status, 400);
    assert.equal((await api.get('/v2.0/subnet-ip-usages?sort_key=bogus&sort_dir=asc', ADMIN)).status, 400);
    assert.equal((await api.get('/v2.0/subnet-ip-usages?ip_version=x', ADMIN)).status, 400);
    assert.deepEqual((await api.get(`/v2.0/subnet-ip-usages?network_id=${net.id}&fields=subnet_id`, ADMIN)).body.subnet_ip_usages, [{ subnet_id: pooled.id }]);
  });

  test('projects see their own records only', async () => {
    assert.deepEqual((await api.get('/v2.0/subnet-ip-usages', MEMBER_A)).body.subnet_ip_usages.map((r: any) => r.subnet_id), [pooled.id]);
    assert.equal((await subnetUsage(small.id, MEMBER_A)).status, 404);
    assert.equal((await api.get('/v2.0/project-ip-usages/project-b', MEMBER_A)).status, 404);
    assert.equal((await api.get('/v2.0/project-ip-usages/project-a', MEMBER_A)).status, 200);
    assert.deepEqual((await api.get('/v2.0/address-scope-ip-usages', MEMBER_A)).body.address_scope_ip_usages, []);
  });

  test('/metrics: Prometheus text for administrators and the scraper token, refused to others', async () => {
    const scraped = await api.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    assert.equal(scraped.statusCode, 200);
    assert.match(String(scraped.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    const line = (metric: string, id: string) => scraped.body.split('\n').find((l) => l.startsWith(`${metric}{`) && l.includes(`"${id}"`));
    assert.match(line('muon_ipam_subnet_total_ips', small.id)!, / 8$/);
    assert.match(line('muon_ipam_subnet_warning', pooled.id)!, / 1$/);
    assert.match(line('muon_ipam_subnetpool_allocated_ips', pool.id)!, / 256$/);
    assert.match(line('muon_ipam_project_port_ips', 'project-a')!, / 1$/);
    assert.ok(scraped.body.includes('# TYPE muon_ipam_subnet_utilization_ratio gauge'));
    assert.equal(line('muon_ipam_subnet_free_ips', small.id), `muon_ipam_subnet_free_ips{subnet_id="${small.id}"} 8`);
    assert.match(line('muon_ipam_subnet_info', small.id)!, new RegExp(`cidr="192\\.0\\.2\\.0/28".*\\} 1$`));
    assert.equal((await api.app.inject({ method: 'GET', url: '/metrics', headers: { 'x-project-id': 'x', 'x-roles': 'admin' } })).statusCode, 200);
    assert.equal((await api.get('/metrics', MEMBER_A)).status, 403);
    assert.equal((await api.app.inject({ method: 'GET', url: '/metrics', headers: { authorization: 'Bearer wrong-token-0123456789', 'x-project-id': 'x', 'x-roles': 'member' } })).statusCode, 403);
  });

  test('/v2.0/extensions lists ip-usage-reports', async () => {
    const aliases = (await api.get('/v2.0/extensions', ADMIN)).body.extensions.map((e: any) => e.alias);
    assert.ok(aliases.includes('ip-usage-reports'));
  });
});

/** The `n`-th address of 192.0.2.2–9 not in `held`. */
function free(held: string[], n: number): string {
  return Array.from({ length: 8 }, (_, i) => `192.0.2.${i + 2}`).filter((ip) => !held.includes(ip))[n]!;
}
