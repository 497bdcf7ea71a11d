/**
 * A/B of port creates over real loopback HTTP: this checkout against another
 * one (e.g. `git worktree add /tmp/base <commit>` with a node_modules link),
 * each an in-process muon server (as `muon serve` wires it: no query log) on
 * its own fresh database, driven in alternating rounds by a client in a child
 * process (bench/lib/create-client.mjs, the shared load generator's create
 * body), so that the machine's other load hits both alike.
 *
 *   node --max-semi-space-size=64 --import tsx bench/create-inprocess.ts
 *        [--db sqlite|postgres] [--base DIR] [--variants this,off,base] [--rounds 3]
 *        [--creates 3000] [--concurrency 32] [--warmup 300] [--transport http|inject]
 *
 * Variants: `this` (this checkout), `off` (this checkout with the SQLite group
 * commit and background checkpoints turned off), `gc` (group commit without
 * background checkpoints), `ckpt` (background checkpoints without group
 * commit), `base` (the checkout at --base). With `--transport
 * inject` the creates go through fastify.inject in this process instead (no
 * sockets; the CPU then includes the injecting "client"). With `--sql`, the
 * SQLite driver's time per create is summed by statement kind (bench/lib/
 * sql-tap.ts): what a commit, a savepoint or the rest cost per create.
 *
 * Prints per round and variant: creates/s (wall), the server's CPU per create
 * (this process's `process.cpuUsage()` over the timed creates: the client's CPU
 * is its own process's), the client's p50/p99 latency and, when the variant's
 * store reports them, its group-commit batches; then each variant's totals.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { installSqlTap, startRecording, stopRecording, type TappedStatement } from './lib/sql-tap.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  base: { type: 'string' },
  rounds: { type: 'string', default: '3' },
  creates: { type: 'string', default: '3000' },
  concurrency: { type: 'string', default: '32' },
  warmup: { type: 'string', default: '300' },
  variants: { type: 'string' },
  transport: { type: 'string', default: 'http' },
  sql: { type: 'boolean', default: false },
} });
if (args.sql) installSqlTap();
const { databaseKind } = await import('./lib/bench-api.ts');
const HERE = resolve(import.meta.dirname, '..');
const CLIENT = resolve(import.meta.dirname, 'lib/create-client.mjs');
const AS = { 'x-project-id': 'bench', 'x-roles': 'admin', 'content-type': 'application/json' };

interface BatchStats { batches: number; units: number }
interface Variant {
  name: string;
  url: string;
  networkId: string;
  subnetId: string;
  batchStats: () => BatchStats | undefined;
  close: () => Promise<void>;
  creates: number;
  wallMs: number;
  cpuMs: number;
}
interface ClientResult { ms: number; ok: number; errors: number; firstError?: string; p50: number; p99: number }
type Inject = (options: { method: 'POST'; url: string; headers: Record<string, string>; payload: string }) => Promise<{ statusCode: number; body: string }>;

/** A muon server of the checkout at `dir` on a fresh database, listening on a free loopback port, with a /16 to fill. */
async function variantOf(name: string, dir: string, openOptions: Record<string, unknown> = {}): Promise<Variant & { inject: Inject }> {
  const src = (path: string) => import(resolve(dir, 'src', path));
  const [{ buildServer }, { loadConfig }, { createServices }, { migrate, openDatabase }, { Store }] = await Promise.all([
    src('api/server.ts'), src('config/load.ts'), src('core/services.ts'), src('store/db.ts'), src('store/store.ts'),
  ]);
  const db = await databaseKind(args.db).create();
  const config = loadConfig({ databaseUrl: db.url, auth: 'noauth' }, {});
  const database = openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize, ...openOptions });
  await migrate(database.db, 'expand');
  const store = new Store(database);
  const services = createServices(store, config);
  await store.transaction((tx: unknown) => services.segments.sync(tx));
  const app = buildServer(config, { services, logger: { level: 'error' } });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const call = async (method: 'POST' | 'PUT', url: string, payload: unknown) => {
    const answer = await app.inject({ method, url, headers: AS, payload: JSON.stringify(payload) });
    if (answer.statusCode >= 300) throw new Error(`${name}: ${method} ${url} → ${answer.statusCode} ${answer.body.slice(0, 300)}`);
    return JSON.parse(answer.body);
  };
  await call('PUT', '/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } });
  const network = (await call('POST', '/v2.0/networks', { network: { name: 'create-bench' } })).network;
  const subnet = (await call('POST', '/v2.0/subnets', { subnet: { network_id: network.id, ip_version: 4, cidr: '10.64.0.0/16' } })).subnet;
  const address = app.server.address() as { port: number };
  return {
    name,
    url: `http://127.0.0.1:${address.port}`,
    networkId: network.id,
    subnetId: subnet.id,
    batchStats: () => (database as { groupCommit?: { stats: () => BatchStats } }).groupCommit?.stats(),
    inject: (options) => app.inject(options),
    close: async () => { await app.close(); await database.close(); await db.drop(); },
    creates: 0, wallMs: 0, cpuMs: 0,
  };
}

/** CPU milliseconds of this process's main thread so far (/proc, 10 ms ticks): worker threads excluded. */
function mainThreadCpuMs(): number {
  const fields = readFileSync(`/proc/self/task/${process.pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return (Number(fields[11]) + Number(fields[12])) * 10;
}

/** This process's I/O counters so far (bytes written, write and read calls: sockets and files alike). */
function processIo(): { wchar: number; syscw: number; syscr: number } {
  const fields = new Map(readFileSync('/proc/self/io', 'utf8').trim().split('\n').map((line) => line.split(': ') as [string, string]));
  return { wchar: Number(fields.get('wchar')), syscw: Number(fields.get('syscw')), syscr: Number(fields.get('syscr')) };
}

/** Driver milliseconds per create by statement kind: "commit 0.210 begin 0.010 … all 0.650". */
function sqlPerCreate(statements: TappedStatement[], creates: number): string {
  const byKind = new Map<string, number>();
  for (const { sql, ms } of statements) {
    const verb = sql.trimStart().split(/\s/, 1)[0]!.toLowerCase();
    const kind = ['begin', 'commit', 'savepoint', 'release', 'rollback'].includes(verb) ? verb : 'other';
    byKind.set(kind, (byKind.get(kind) ?? 0) + ms);
  }
  const total = [...byKind.values()].reduce((a, b) => a + b, 0);
  // Commits that also ran a WAL checkpoint (copying pages into the database file and syncing it) stand out.
  const slow = statements.filter((s) => s.ms >= 2);
  const slowMs = slow.reduce((a, s) => a + s.ms, 0);
  return [...byKind].map(([kind, ms]) => `${kind} ${(ms / creates).toFixed(3)}`).concat(`all ${(total / creates).toFixed(3)}; ${slow.length} statements ≥ 2 ms (${slow.map((s) => s.sql.split(' ')[0]).filter((v, i, a) => a.indexOf(v) === i).join('/')}), ${(slowMs / creates).toFixed(3)} ms per create`).join(' ');
}

/** `count` creates at `concurrency` against `variant`: by the client process, or injected in this one. */
function runClient(variant: Variant & { inject: Inject }, count: number, concurrency: number, tag: string): Promise<ClientResult> {
  return args.transport === 'inject' ? injectCreates(variant, count, concurrency, tag) : spawnClient(variant, count, concurrency, tag);
}

/** What bench/lib/create-client.mjs does, through fastify.inject. */
async function injectCreates(variant: Variant & { inject: Inject }, count: number, concurrency: number, tag: string): Promise<ClientResult> {
  const latencies: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < count) {
      const i = next++;
      const payload = JSON.stringify({ port: { network_id: variant.networkId, name: `${tag}-${i}`, device_id: `${tag}-dev-${i}`, fixed_ips: [{ subnet_id: variant.subnetId }] } });
      const t0 = performance.now();
      const answer = await variant.inject({ method: 'POST', url: '/v2.0/ports', headers: AS, payload });
      latencies.push(performance.now() - t0);
      if (answer.statusCode !== 201) throw new Error(`${variant.name}: ${answer.statusCode} ${answer.body.slice(0, 200)}`);
    }
  };
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  const ms = performance.now() - t0;
  latencies.sort((a, b) => a - b);
  const at = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))]!;
  return { ms, ok: count, errors: 0, p50: at(50), p99: at(99) };
}

/** Runs the client process: `count` creates at `concurrency` against `variant`. */
function spawnClient(variant: Variant, count: number, concurrency: number, tag: string): Promise<ClientResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [CLIENT, variant.url, variant.networkId, variant.subnetId, String(count), String(concurrency), tag], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk) => { out += chunk; });
    child.on('error', reject);
    child.on('exit', (code) => {
      if (code !== 0) return reject(new Error(`client exited with ${code}`));
      const result = JSON.parse(out) as ClientResult;
      if (result.errors > 0) return reject(new Error(`${variant.name}: ${result.errors} failed creates, first: ${result.firstError}`));
      resolvePromise(result);
    });
  });
}

const names = (args.variants ?? (args.base === undefined ? 'this' : 'this,base')).split(',');
const variants: Array<Variant & { inject: Inject }> = [];
/** This checkout with parts of the SQLite write path turned off (openDatabase options). */
const PARTS: Record<string, Record<string, unknown>> = {
  this: {},
  off: { groupCommit: false, checkpoints: false },
  gc: { checkpoints: false },
  ckpt: { groupCommit: false },
  'gc-20ms': { groupCommit: { maxUnits: 64, maxMs: 20 } },
  'gc-1ms': { groupCommit: { maxUnits: 64, maxMs: 1 } },
};
for (const name of names) {
  if (name in PARTS) variants.push(await variantOf(name, HERE, PARTS[name]));
  else if (name === 'base' && args.base !== undefined) variants.push(await variantOf('base', resolve(args.base)));
  else throw new Error(`unknown variant ${name} (${Object.keys(PARTS).join(', ')}, or base with --base DIR)`);
}
const creates = Number(args.creates);
const concurrency = Number(args.concurrency);
try {
  console.log(`${args.db} over ${args.transport}: ${creates} port creates per round at concurrency ${concurrency} (after ${args.warmup} untimed), ${args.rounds} rounds`);
  for (let round = 0; round < Number(args.rounds); round++) {
    // Rotate who goes first: the first of a round meets the garbage the previous one left.
    const order = variants.map((_, i) => variants[(i + round) % variants.length]!);
    const line: string[] = [];
    for (const variant of order) {
      await runClient(variant, Number(args.warmup), concurrency, `w${round}`);
      const before = variant.batchStats();
      if (args.sql) startRecording();
      const io0 = processIo();
      const main0 = mainThreadCpuMs();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await runClient(variant, creates, concurrency, `r${round}`);
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const mainMs = mainThreadCpuMs() - main0;
      const io1 = processIo();
      const io = ` io per create: ${((io1.wchar - io0.wchar) / creates / 1024).toFixed(1)} KiB in ${((io1.syscw - io0.syscw) / creates).toFixed(1)} writes, ${((io1.syscr - io0.syscr) / creates).toFixed(1)} reads;`;
      const cpuMs = (cpu.user + cpu.system) / 1000;
      variant.creates += creates; variant.wallMs += result.ms; variant.cpuMs += cpuMs;
      const after = variant.batchStats();
      const sqlTimes = args.sql ? ` sql ${sqlPerCreate(stopRecording(), creates)}` : '';
      const batches = before && after ? `, ${((after.units - before.units) / Math.max(1, after.batches - before.batches)).toFixed(1)} units/batch` : '';
      line.push(`${variant.name} ${(creates / (result.ms / 1000)).toFixed(0)}/s cpu ${(cpuMs / creates).toFixed(3)} ms/create (main thread ${(mainMs / creates).toFixed(3)}) p50 ${result.p50.toFixed(1)} p99 ${result.p99.toFixed(1)} ms${batches};${io}${sqlTimes} (wall incl. spawn ${wallMs.toFixed(0)} ms)`);
    }
    console.log(`  round ${round + 1}: ${line.join(' | ')}`);
  }
  for (const v of variants) {
    console.log(`${v.name.padEnd(5)} ${(v.creates / (v.wallMs / 1000)).toFixed(0)} creates/s, server CPU ${(v.cpuMs / v.creates).toFixed(3)} ms per create (${v.creates} creates)`);
  }
} finally {
  for (const v of variants) await v.close();
}
