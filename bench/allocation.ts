/**
 * Allocation time vs. fill: the server-side cost of one port create that takes
 * an address from a /16 subnet at 0 %, 50 %, 99 % (and 99.9 %) fill, on SQLite
 * and PostgreSQL.
 *
 *   npx tsx bench/allocation.ts [--db sqlite|postgres] [--samples 200] [--levels 0,50,99,99.9]
 *                               [--bulk 500] [--fill-concurrency 4] [--out FILE.json]
 *                               [--keep] (do not drop the database: inspect it afterwards)
 *                               [--statements] (also report the p50 of every SQL statement per level)
 *                               [--vacuum] (PostgreSQL: VACUUM ANALYZE before each level, as autovacuum would)
 *                               [--no-wait] (do not wait for an idle machine before each level)
 *                               [--settle] (before each level let the database digest the fill: PostgreSQL
 *                                CHECKPOINT + VACUUM ANALYZE, SQLite wal_checkpoint(TRUNCATE); then 2 s pause)
 *                               [--sqlite-cache-mb N] (experiment: SQLite page cache of N MiB instead of
 *                                muon's default, set through better-sqlite3 without touching src/)
 *
 * In-process: muon's own server (test/helpers/api-harness.ts: buildServer over
 * a fresh database) driven through fastify.inject, so the figures are the
 * server's cost without sockets or a client competing for the CPU. The subnet
 * is filled, level by level, with real bulk port creates through the API (500
 * ports per request, a few requests at a time), so free_ranges, ports and
 * ip_allocations look exactly as they would in production. The measured
 * operation is a real single port create, `POST /v2.0/ports` with
 * `fixed_ips: [{subnet_id}]` as load.py sends it, one at a time; each takes
 * one more address, so the fill grows by `samples` addresses during a level.
 * Besides the whole request, the time of the IPAM step alone
 * (FreeRangeRepo.takeAny: pick and shrink a free interval) is reported.
 */
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { subnetPool } from '../src/core/ipam/subnet-view.ts';
import { sql } from 'kysely';
import { installSqlTap, shortSql, startRecording, stopRecording } from './lib/sql-tap.ts';
import { databaseKinds, ipamTimer, must, withApi } from './lib/bench-api.ts';
import { writeResults } from './lib/results.ts';
import { percentile, round } from './lib/stats.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string' },
  samples: { type: 'string', default: '200' },
  levels: { type: 'string', default: '0,50,99,99.9' },
  bulk: { type: 'string', default: '500' },
  'fill-concurrency': { type: 'string', default: '4' },
  cidr: { type: 'string', default: '10.200.0.0/16' },
  out: { type: 'string' },
  keep: { type: 'boolean', default: false },
  'sqlite-cache-mb': { type: 'string' },
  statements: { type: 'boolean', default: false },
  vacuum: { type: 'boolean', default: false },
  settle: { type: 'boolean', default: false },
  'no-wait': { type: 'boolean', default: false },
} });
if (args.statements) installSqlTap();
if (args['sqlite-cache-mb']) {
  // Experiment only: when muon opens its SQLite database (pragma journal_mode = WAL), also set cache_size.
  const SQLite = (await import('better-sqlite3')).default;
  const pragma = SQLite.prototype.pragma;
  const kib = Number(args['sqlite-cache-mb']) * 1024;
  SQLite.prototype.pragma = function (this: InstanceType<typeof SQLite>, source: string, options?: object) {
    const result = pragma.call(this, source, options as never);
    if (/^journal_mode/i.test(source)) pragma.call(this, `cache_size = -${kib}`);
    return result;
  } as typeof pragma;
}
const SAMPLES = Number(args.samples);
const LEVELS = args.levels!.split(',').map(Number);
const BULK = Number(args.bulk);
const FILL_CONCURRENCY = Number(args['fill-concurrency']);
const AS = { project: 'bench', roles: 'admin' };
const here = dirname(fileURLToPath(import.meta.url));

/** Same fingerprint as bench/lib/common.sh: sha1 of src/ files (tests excluded) in byte order of their paths. */
function srcFingerprint(): string {
  const root = join(here, '..');
  const files = (readdirSync(join(root, 'src'), { recursive: true }) as string[])
    .map((f) => `src/${f}`).filter((f) => !f.endsWith('.test.ts'))
    .filter((f) => { try { readFileSync(join(root, f)); return true; } catch { return false; } })
    .sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  const hash = createHash('sha1');
  for (const f of files) hash.update(readFileSync(join(root, f)));
  return hash.digest('hex').slice(0, 12);
}
const FINGERPRINT = srcFingerprint();

/**
 * CPU seconds so far of: the whole machine (busy), this process, and the postgres
 * backends serving database `dbName`. "Other" = machine − ours: other people's work
 * (e.g. a test suite) that would distort the figures, plus the kernel's share.
 */
function cpuSnapshot(dbName: string | undefined): { machine: number; own: number; backends: Map<string, number> } {
  const tick = 100;
  const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1, 9).map(Number);
  const machine = (fields.reduce((a, b) => a + b, 0) - fields[3]! - fields[4]!) / tick;
  const own = (process.cpuUsage().user + process.cpuUsage().system) / 1e6;
  const backends = new Map<string, number>();
  if (dbName) {
    for (const pid of readdirSync('/proc').filter((d) => /^\d+$/.test(d))) {
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        if (!cmd.startsWith('postgres') || !cmd.includes(dbName)) continue;
        const stat = readFileSync(`/proc/${pid}/stat`, 'utf8').split(')').pop()!.trim().split(' ');
        backends.set(pid, (Number(stat[11]) + Number(stat[12])) / tick);
      } catch { /* gone */ }
    }
  }
  return { machine, own, backends };
}

/** CPU seconds that were ours between two snapshots (backends that exited in between are lost). */
function oursBetween(a: ReturnType<typeof cpuSnapshot>, b: ReturnType<typeof cpuSnapshot>): number {
  let ours = b.own - a.own;
  for (const [pid, cpu] of b.backends) ours += cpu - (a.backends.get(pid) ?? 0);
  return ours;
}

/** Waits (up to `maxS` seconds) until the machine's CPUs are under 15 % busy, so that other people's work does not distort a level. */
async function waitQuiet(maxS = 600): Promise<number> {
  const busy = async () => {
    const read = () => readFileSync('/proc/stat', 'utf8').split('\n')[0]!.trim().split(/\s+/).slice(1).map(Number);
    const a = read();
    await new Promise((r) => setTimeout(r, 2000));
    const b = read();
    const total = b.reduce((x, y) => x + y, 0) - a.reduce((x, y) => x + y, 0);
    return 100 * (1 - (b[3]! + b[4]! - a[3]! - a[4]!) / Math.max(1, total));
  };
  const t0 = performance.now();
  for (;;) {
    const b = await busy();
    if (b < 15 || performance.now() - t0 > maxS * 1000) return Math.round(b);
    console.error(`  machine ${b.toFixed(0)}% busy with other work; waiting…`);
    await new Promise((r) => setTimeout(r, 10000));
  }
}

interface LevelResult {
  level_pct: number; fill_before_pct: number; fill_after_pct: number; samples: number; free_range_rows: number;
  create_p50_ms: number; create_p99_ms: number; create_mean_ms: number;
  ipam_p50_ms: number; ipam_p99_ms: number;
  /** Share of the machine's CPUs busy during the measurement, and the part not ours (others' work + kernel). */
  machine_busy_pct: number; other_busy_pct: number;
}

const results: Record<string, { pool_size: number; fill_s: number; fill_retries_409: number; levels: LevelResult[]; ratio_99_vs_0?: object; ratio_999_vs_0?: object }> = {};

for (const entry of databaseKinds(args.db)) {
  await withApi(entry, async (api, database) => {
    await must(api.put('/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } }, AS), 200);

    // warm-up on another network, so that JIT and caches are hot before 0 %
    const warmNet = (await must(api.post('/v2.0/networks', { network: { name: 'warm' } }, AS), 201)).network;
    const warmSub = (await must(api.post('/v2.0/subnets', { subnet: { network_id: warmNet.id, ip_version: 4, cidr: '10.99.0.0/20' } }, AS), 201)).subnet;
    for (let i = 0; i < 1000; i++) {
      await must(api.post('/v2.0/ports', { port: { network_id: warmNet.id, name: `w${i}`, device_id: `w${i}`, fixed_ips: [{ subnet_id: warmSub.id }] } }, AS), 201);
    }

    const net = (await must(api.post('/v2.0/networks', { network: { name: 'alloc' } }, AS), 201)).network;
    const subnet = (await must(api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: args.cidr } }, AS), 201)).subnet;
    const pool = subnetPool(subnet.id);
    const freeRanges = () => api.store.read((tx) => api.services.repos.free.ranges(tx, pool));
    const poolSize = Number((await freeRanges()).reduce((a, r) => a + (r.last - r.first + 1n), 0n));
    let used = 0;

    // time the IPAM step of every measured create
    const ipam = ipamTimer(api, (p) => p === pool);

    let n = 0;
    const body = () => ({ network_id: net.id, name: `p${n}`, device_id: `dev-${n++}`, fixed_ips: [{ subnet_id: subnet.id }] });
    let fillSeconds = 0;
    let fillRetries = 0;
    const fillTo = async (target: number) => {
      const t0 = performance.now();
      const start = used;
      let last = performance.now();
      const worker = async () => {
        while (used < target) {
          const k = Math.min(BULK, target - used);
          used += k;
          const ports = Array.from({ length: k }, body);
          for (let attempt = 0; ; attempt++) {
            const r = await api.post('/v2.0/ports', { ports }, AS);
            if (r.status === 201) break;
            // concurrent bulk creates may be refused with 409 "try again": the fill is not what is measured, so retry
            if (r.status !== 409 || attempt >= 20) throw new Error(`bulk create: ${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
            fillRetries++;
          }
          if (performance.now() - last > 15000) {
            last = performance.now();
            console.error(`  … ${entry.name}: ${used}/${poolSize} (${((used - start) / ((last - t0) / 1000)).toFixed(0)} ports/s)`);
          }
        }
      };
      await Promise.all(Array.from({ length: FILL_CONCURRENCY }, worker));
      fillSeconds += (performance.now() - t0) / 1000;
    };

    const levels: LevelResult[] = [];
    console.error(`${entry.name}: pool of ${poolSize} addresses`);
    for (const level of LEVELS) {
      await fillTo(Math.floor((level / 100) * poolSize));
      const before = used;
      const k = Math.max(0, Math.min(SAMPLES, poolSize - used - 1));
      if (k === 0) { console.error(`  ${entry.name} ${level}%: no free address left to measure with`); continue; }
      if ((args.vacuum || args.settle) && entry.name === 'postgres') await sql`vacuum analyze`.execute(api.store.db);
      if (args.settle) {
        if (entry.name === 'postgres') await sql`checkpoint`.execute(api.store.db);
        else await sql`pragma wal_checkpoint(TRUNCATE)`.execute(api.store.db);
        await new Promise((r) => setTimeout(r, 2000));
      }
      if (!args['no-wait']) await waitQuiet();
      const rangeRows = (await freeRanges()).length;
      const totals: number[] = [];
      const perStatement = new Map<string, number[]>();
      const dbName = entry.name === 'postgres' ? database.url.split('/').pop() : undefined;
      const cpu0 = cpuSnapshot(dbName);
      const wall0 = performance.now();
      ipam.start();
      for (let i = 0; i < k; i++) {
        if (args.statements) startRecording();
        const t0 = performance.now();
        await must(api.post('/v2.0/ports', { port: body() }, AS), 201);
        totals.push(performance.now() - t0);
        if (args.statements) {
          await new Promise((r) => setImmediate(r));
          for (const st of stopRecording()) {
            const key = shortSql(st.sql, 110);
            perStatement.set(key, [...(perStatement.get(key) ?? []), st.ms]);
          }
        }
        used++;
      }
      if (args.statements) {
        console.error(`  ${entry.name} ${level}%: p50 per statement over ${k} creates`);
        for (const [key, v] of perStatement) console.error(`    ${percentile(v, 50).toFixed(3).padStart(7)} ms  p99 ${percentile(v, 99).toFixed(3).padStart(7)} ms  ×${(v.length / k).toFixed(1)}  ${key}`);
      }
      const ipamMs = ipam.stop();
      const cpu1 = cpuSnapshot(dbName);
      const wallS = (performance.now() - wall0) / 1000;
      const cores = Number(readFileSync('/proc/cpuinfo', 'utf8').match(/^processor/gm)?.length ?? 1);
      const machineBusy = (100 * (cpu1.machine - cpu0.machine)) / (wallS * cores);
      const otherBusy = Math.max(0, machineBusy - (100 * oursBetween(cpu0, cpu1)) / (wallS * cores));
      if (otherBusy > 15) console.error(`  WARNING: ${otherBusy.toFixed(0)}% of the machine busy with other work during this level`);
      const row: LevelResult = {
        level_pct: level, fill_before_pct: round((100 * before) / poolSize), fill_after_pct: round((100 * used) / poolSize), samples: k,
        free_range_rows: rangeRows,
        create_p50_ms: round(percentile(totals, 50)), create_p99_ms: round(percentile(totals, 99)), create_mean_ms: round(totals.reduce((a, b) => a + b, 0) / Math.max(1, k)),
        ipam_p50_ms: round(percentile(ipamMs, 50)), ipam_p99_ms: round(percentile(ipamMs, 99)),
        machine_busy_pct: Math.round(machineBusy), other_busy_pct: Math.round(otherBusy),
      };
      levels.push(row);
      console.error(`  ${entry.name} ${level}%: ${JSON.stringify(row)}`);
    }
    // sanity: the API agrees with our count
    const present = (await must(api.get(`/v2.0/ports?network_id=${net.id}&fields=id`, AS), 200)).ports.length;
    if (present !== used) throw new Error(`expected ${used} ports on the network, found ${present}`);

    const at = (l: number) => levels.find((x) => x.level_pct === l);
    const ratio = (a?: LevelResult, b?: LevelResult) => a && b ? { p50: round(a.create_p50_ms / b.create_p50_ms), p99: round(a.create_p99_ms / b.create_p99_ms), ipam_p50: round(a.ipam_p50_ms / b.ipam_p50_ms) } : undefined;
    results[entry.name] = { pool_size: poolSize, fill_s: Math.round(fillSeconds), fill_retries_409: fillRetries, levels, ratio_99_vs_0: ratio(at(99), at(0)), ratio_999_vs_0: ratio(at(99.9), at(0)) };
  }, { keep: args.keep });
}

// report
console.log('\nAllocation time vs fill of a /16 (server-side, in-process; single port create with fixed_ips=[{subnet_id}])');
console.log('db        fill (before→after)   n    create p50   create p99   IPAM p50   IPAM p99   free_ranges rows  other CPU');
for (const [db, r] of Object.entries(results)) {
  for (const l of r.levels) {
    console.log(`${db.padEnd(9)} ${`${l.level_pct}% (${l.fill_before_pct}→${l.fill_after_pct})`.padEnd(21)} ${String(l.samples).padStart(4)} ${l.create_p50_ms.toFixed(3).padStart(9)} ms ${l.create_p99_ms.toFixed(3).padStart(9)} ms ${l.ipam_p50_ms.toFixed(3).padStart(7)} ms ${l.ipam_p99_ms.toFixed(3).padStart(7)} ms ${String(l.free_range_rows).padStart(8)}    ${String(l.other_busy_pct).padStart(3)}%`);
  }
  console.log(`${db.padEnd(9)} ratio 99%/0%: create p50 ${JSON.stringify(r.ratio_99_vs_0)}${r.ratio_999_vs_0 ? `; 99.9%/0%: ${JSON.stringify(r.ratio_999_vs_0)}` : ''}; fill took ${r.fill_s} s for ${r.pool_size} addresses (${r.fill_retries_409} bulk requests retried after 409)`);
}
const fingerprintAfter = srcFingerprint();
if (fingerprintAfter !== FINGERPRINT) console.log(`WARNING: src/ changed during the run (${FINGERPRINT} -> ${fingerprintAfter})`);
console.log(`src fingerprint ${FINGERPRINT}`);
writeResults('allocation', args.out, { finished: new Date().toISOString(), src_fingerprint: FINGERPRINT, src_fingerprint_after: fingerprintAfter, vacuum: args.vacuum, settle: args.settle, samples: SAMPLES, bulk: BULK, fill_concurrency: FILL_CONCURRENCY, cidr: args.cidr, results });
