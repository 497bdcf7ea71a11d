/**
 * IP usage reports at scale (issue "Service-provider-grade IPAM",
 * acceptance 4: "utilisation report for 10,000 subnets under 200 ms"):
 * makes N IPv4 /24 subnets (default 10,000, in 100 networks, 20 of them
 * carved from a subnet pool) through the API's bulk creates, gives each some
 * ports (default 5) and every tenth a reservation, releases a port of every
 * other subnet (fragmenting its free space), then times the reports through
 * the real server (fastify.inject, no sockets).
 *
 *   npx tsx bench/ip-usage.ts [--db sqlite|postgres] [--subnets 10000] [--ports 5] [--samples 30]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ADMIN } from '../test/helpers/api-harness.ts';
import { databaseKind, must, withApi } from './lib/bench-api.ts';
import { sampleMs } from './lib/sample.ts';
import { latency } from './lib/stats.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  subnets: { type: 'string', default: '10000' },
  ports: { type: 'string', default: '5' },
  samples: { type: 'string', default: '30' },
} });
const SUBNETS = Number(args.subnets);
const PORTS = Number(args.ports);
const SAMPLES = Number(args.samples);
const NETWORKS = 100;
const BULK = 500;

const unlimited = { network: -1, subnet: -1, port: -1, subnetpool: -1, address_scope: -1, security_group: -1, security_group_rule: -1 };
await withApi(databaseKind(args.db), async (api, db) => {
  const started = performance.now();
  const networks: string[] = [];
  for (let n = 0; n < NETWORKS; n++) networks.push((await api.network({ name: `net-${n}` }, ADMIN)).id);
  const pool = await api.create('subnetpools', 'subnetpool', { name: 'public', prefixes: ['100.64.0.0/10'], default_prefixlen: 24 }, ADMIN);
  const subnetIds: string[] = [];
  for (let i = 0; i < SUBNETS; i += BULK) {
    const items = [];
    for (let k = i; k < Math.min(SUBNETS, i + BULK); k++) {
      // 20 networks take their subnets from the pool; the others have explicit CIDRs.
      const network = k % NETWORKS;
      items.push(network < 20
        ? { network_id: networks[network], ip_version: 4, subnetpool_id: pool.id, prefixlen: 24, name: `s-${k}` }
        : { network_id: networks[network], ip_version: 4, cidr: `10.${k >> 8}.${k & 255}.0/24`, name: `s-${k}` });
    }
    const body = await must(api.post('/v2.0/subnets', { subnets: items }, ADMIN), 201, 'subnets');
    subnetIds.push(...body.subnets.map((s: any) => s.id));
  }
  const networkOf = new Map<string, string>();
  for (const row of await api.store.db.selectFrom('subnets').select(['id', 'network_id']).execute()) networkOf.set(row.id, row.network_id);
  const ports: Array<{ id: string; subnet: string }> = [];
  const all = subnetIds.flatMap((id) => Array.from({ length: PORTS }, () => id));
  for (let i = 0; i < all.length; i += BULK) {
    const slice = all.slice(i, i + BULK);
    const body = await must(api.post('/v2.0/ports', { ports: slice.map((subnet) => ({ network_id: networkOf.get(subnet), fixed_ips: [{ subnet_id: subnet }] })) }, ADMIN), 201, 'ports');
    body.ports.forEach((p: any, k: number) => ports.push({ id: p.id, subnet: slice[k]! }));
  }
  const reservations = subnetIds.filter((_, i) => i % 10 === 0)
    .map((id, i) => ({ subnet_id: id, start_ip_address: '', end_ip_address: '', project_id: `customer-${i % 50}`, _i: i }));
  const cidrOf = new Map((await api.store.db.selectFrom('subnets').select(['id', 'cidr']).execute()).map((r) => [r.id, r.cidr]));
  for (let i = 0; i < reservations.length; i += BULK) {
    const items = reservations.slice(i, i + BULK).map(({ subnet_id, project_id }) => ({ subnet_id, project_id, cidr: cidrOf.get(subnet_id)!.replace(/0\/24$/, '16/28') }));
    await must(api.post('/v2.0/ip-reservations', { ip_reservations: items }, ADMIN), 201, 'reservations');
  }
  // Fragment: one released address in every other subnet.
  for (let i = 0; i < subnetIds.length; i += 2) await must(api.delete(`/v2.0/ports/${ports[i * PORTS + 1]!.id}`, ADMIN), 204, 'delete');
  if (db.name === 'postgres') await sql`vacuum analyze`.execute(api.database.db);
  const fillSeconds = (performance.now() - started) / 1000;
  const freeRows = Number((await api.store.db.selectFrom('free_ranges').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);

  const time = async (label: string, path: string, check: (body: any, text: string) => boolean) => {
    const ms = await sampleMs(SAMPLES, () => api.app.inject({ method: 'GET', url: path, headers: { 'x-project-id': 'admin', 'x-roles': 'admin' } }), { check(response) {
      const body = response.headers['content-type']?.toString().startsWith('application/json') ? JSON.parse(response.body) : undefined;
      if (response.statusCode !== 200 || !check(body, response.body)) throw new Error(`${label}: unexpected answer ${response.body.slice(0, 300)}`);
    } });
    return { label, ...latency(ms, 1) };
  };
  const results = [
    await time(`all ${SUBNETS} subnets`, '/v2.0/subnet-ip-usages', (b) => b.subnet_ip_usages.length === SUBNETS
      && b.subnet_ip_usages.every((u: any) => u.used_ips + u.reserved_ips + u.free_ips === u.total_ips)),
    await time('subnets over their threshold, sorted by utilization (none)', '/v2.0/subnet-ip-usages?warning=true&sort_key=utilization&sort_dir=desc', (b) => b.subnet_ip_usages.length === 0),
    await time('first page of 100, sorted by free_ips', '/v2.0/subnet-ip-usages?limit=100&sort_key=free_ips&sort_dir=asc', (b) => b.subnet_ip_usages.length === 100),
    await time('one subnet', `/v2.0/subnet-ip-usages/${subnetIds[7]}`, (b) => b.subnet_ip_usage.subnet_id === subnetIds[7]),
    await time('subnet pools', '/v2.0/subnetpool-ip-usages', (b) => b.subnetpool_ip_usages[0].subnet_count === Math.ceil(SUBNETS / NETWORKS) * 20),
    await time('projects', '/v2.0/project-ip-usages', (b) => b.project_ip_usages.length >= 50),
    await time('/metrics', '/metrics', (_b, text) => text.includes('muon_ipam_subnet_free_ips{')),
  ];
  console.log(JSON.stringify({ db: db.name, subnets: SUBNETS, ports: ports.length - Math.ceil(SUBNETS / 2), reservations: reservations.length, free_range_rows: freeRows, fill_seconds: +fillSeconds.toFixed(1), samples: SAMPLES, results }, null, 2));
}, { config: { quotas: unlimited } });
