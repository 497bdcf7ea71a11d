/**
 * Where does a port create / a port list spend its time? In-process (the
 * test harness's Api over fastify.inject, no sockets), on SQLite and
 * PostgreSQL, with every SQL statement recorded by bench/lib/sql-tap.ts.
 *
 *   npx tsx bench/sql-trace.ts [--ports 10000] [--creates 500] [--db sqlite|postgres]
 *
 * Prints, per database: the statements of one port create (as load.py sends
 * it) with their driver times; p50 of total vs SQL time over many creates;
 * the same for a port delete, for GET /v2.0/ports with N ports and for
 * GET /v2.0/ports?device_id=X; and for the full list, how long JSON
 * serialisation of the body alone takes.
 */
import { parseArgs } from 'node:util';
import { installSqlTap, shortSql, startRecording, stopRecording, type TappedStatement } from './lib/sql-tap.ts';
import { percentile } from './lib/stats.ts';

installSqlTap();
const { databaseKinds, must, withApi } = await import('./lib/bench-api.ts');

const { values: args } = parseArgs({ options: {
  ports: { type: 'string', default: '10000' },
  creates: { type: 'string', default: '500' },
  db: { type: 'string' },
} });
const TOTAL_PORTS = Number(args.ports);
const CREATES = Number(args.creates);
const AS = { project: 'bench', roles: 'admin' };

const f = (ms: number) => ms.toFixed(ms < 10 ? 3 : 1);
const sum = (list: TappedStatement[]) => list.reduce((a, s) => a + s.ms, 0);

function printStatements(title: string, list: TappedStatement[], totalMs: number): void {
  const prep = list.reduce((a, s) => a + (s.prepareMs ?? 0), 0);
  console.log(`\n  ${title}: ${list.length} statements, SQL ${f(sum(list))} ms${list.some((s) => s.prepareMs !== undefined) ? ` (of which prepare ${f(prep)} ms)` : ''} of ${f(totalMs)} ms total`);
  list.forEach((s, i) => console.log(`   ${String(i + 1).padStart(2)}. ${f(s.ms).padStart(7)} ms  ${shortSql(s.sql)}`));
}

for (const entry of databaseKinds(args.db)) {
  await withApi(entry, async (api) => {
    console.log(`\n=== ${entry.name} ===`);
    await must(api.put('/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } }, AS), 200);
    const net = (await must(api.post('/v2.0/networks', { network: { name: 'trace' } }, AS), 201)).network;
    const subnet = (await must(api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: '10.200.0.0/16' } }, AS), 201)).subnet;
    let n = 0;
    const portBody = () => ({ port: { network_id: net.id, name: `p-${n}`, device_id: `dev-${n++}`, fixed_ips: [{ subnet_id: subnet.id }] } });
    const create = async () => (await must(api.post('/v2.0/ports', portBody(), AS), 201)).port.id as string;
    for (let i = 0; i < 200; i++) await create(); // warm-up (JIT, caches)

    // one port create, statement by statement
    let rec = startRecording();
    let t0 = performance.now();
    const traced = await create();
    let total = performance.now() - t0;
    await new Promise((r) => setTimeout(r, 5));
    printStatements('one port create (POST /v2.0/ports, fixed_ips=[{subnet_id}])', stopRecording(), total);
    void rec;

    // many creates: total vs SQL
    const totals: number[] = [];
    const sqls: number[] = [];
    const created: string[] = [traced];
    for (let i = 0; i < CREATES; i++) {
      rec = startRecording();
      t0 = performance.now();
      created.push(await create());
      totals.push(performance.now() - t0);
      sqls.push(sum(stopRecording()));
    }
    console.log(`\n  ${CREATES} sequential port creates: total p50 ${f(percentile(totals, 50))} ms p99 ${f(percentile(totals, 99))} ms; SQL (driver) p50 ${f(percentile(sqls, 50))} ms => non-SQL (JS: fastify, validation, kysely, hooks, rendering) ≈ ${f(percentile(totals, 50) - percentile(sqls, 50))} ms per create`);

    // one delete
    rec = startRecording();
    t0 = performance.now();
    await must(api.delete(`/v2.0/ports/${created.pop()}`, AS), 204);
    total = performance.now() - t0;
    printStatements('one port delete', stopRecording(), total);

    // fill to TOTAL_PORTS with bulk creates of 500
    let have = 0;
    const present = async () => (await must(api.get('/v2.0/ports?fields=id', AS), 200)).ports.length as number;
    have = await present();
    t0 = performance.now();
    const before = have;
    while (have < TOTAL_PORTS) {
      const k = Math.min(500, TOTAL_PORTS - have);
      const ports = Array.from({ length: k }, () => portBody().port);
      await must(api.post('/v2.0/ports', { ports }, AS), 201);
      have += k;
    }
    const fillS = (performance.now() - t0) / 1000;
    if (have > before) console.log(`\n  filled ${have - before} ports with bulk creates of 500 in ${fillS.toFixed(1)} s (${((have - before) / fillS).toFixed(0)} ports/s)`);

    // full list
    const listTotals: number[] = [];
    const listSql: number[] = [];
    let lastList: TappedStatement[] = [];
    let body: any;
    for (let i = 0; i < 5; i++) {
      startRecording();
      t0 = performance.now();
      body = await must(api.get('/v2.0/ports', AS), 200);
      listTotals.push(performance.now() - t0);
      lastList = stopRecording();
      listSql.push(sum(lastList));
    }
    const ser: number[] = [];
    for (let i = 0; i < 5; i++) { t0 = performance.now(); JSON.stringify(body); ser.push(performance.now() - t0); }
    const par: number[] = [];
    const text = JSON.stringify(body);
    for (let i = 0; i < 5; i++) { t0 = performance.now(); JSON.parse(text); par.push(performance.now() - t0); }
    const byKind = new Map<string, { count: number; ms: number }>();
    for (const s of lastList) {
      const key = shortSql(s.sql, 70);
      const k = byKind.get(key) ?? { count: 0, ms: 0 };
      k.count++; k.ms += s.ms; byKind.set(key, k);
    }
    console.log(`\n  GET /v2.0/ports (${body.ports.length} ports, ${text.length} bytes): total p50 ${f(percentile(listTotals, 50))} ms (min ${f(Math.min(...listTotals))}); SQL driver time p50 ${f(percentile(listSql, 50))} ms over ${lastList.length} statements (parallel ones overlap)`);
    for (const [k, v] of byKind) console.log(`     ${String(v.count).padStart(3)} × ${f(v.ms).padStart(8)} ms  ${k}`);
    console.log(`     JSON.stringify of the body alone: p50 ${f(percentile(ser, 50))} ms; the harness's JSON.parse of it (client side, not server cost): ${f(percentile(par, 50))} ms`);

    // filtered list
    const devTotals: number[] = [];
    for (let i = 0; i < 200; i++) {
      t0 = performance.now();
      await must(api.get('/v2.0/ports?device_id=dev-7', AS), 200);
      devTotals.push(performance.now() - t0);
    }
    startRecording();
    t0 = performance.now();
    await must(api.get('/v2.0/ports?device_id=dev-7', AS), 200);
    total = performance.now() - t0;
    printStatements(`GET /v2.0/ports?device_id=dev-7 (p50 ${f(percentile(devTotals, 50))} ms, p99 ${f(percentile(devTotals, 99))} ms over 200)`, stopRecording(), total);
  });
}
