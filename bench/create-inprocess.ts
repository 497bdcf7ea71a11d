/**
 * A/B of port creates over real loopback HTTP: this checkout against another
 * one (e.g. `git worktree add /tmp/base <commit>` with a node_modules link),
 * each an in-process muon server (as `muon serve` wires it: no query log) on
 * its own fresh database, driven in alternating rounds by a client in a child
 * process (bench/lib/create-client.mjs, the shared load generator's create
 * body), so that the machine's other load hits both alike.
 *
 *   node --max-semi-space-size=64 --import tsx bench/create-inprocess.ts
 *        [--db sqlite|postgres] [--base DIR] [--rounds 3] [--creates 3000]
 *        [--concurrency 32] [--warmup 300]
 *
 * Prints per round and variant: creates/s (wall), the server's CPU per create
 * (this process's `process.cpuUsage()` over the timed creates: the client's CPU
 * is its own process's), the client's p50/p99 latency and, when the variant's
 * store reports them, its group-commit batches; then each variant's totals.
 */
import { spawn } from 'node:child_process';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { databaseKind } from './lib/bench-api.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  base: { type: 'string' },
  rounds: { type: 'string', default: '3' },
  creates: { type: 'string', default: '3000' },
  concurrency: { type: 'string', default: '32' },
  warmup: { type: 'string', default: '300' },
} });
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

/** A muon server of the checkout at `dir` on a fresh database, listening on a free loopback port, with a /16 to fill. */
async function variantOf(name: string, dir: string): Promise<Variant> {
  const src = (path: string) => import(resolve(dir, 'src', path));
  const [{ buildServer }, { loadConfig }, { createServices }, { migrate, openDatabase }, { Store }] = await Promise.all([
    src('api/server.ts'), src('config/load.ts'), src('core/services.ts'), src('store/db.ts'), src('store/store.ts'),
  ]);
  const db = await databaseKind(args.db).create();
  const config = loadConfig({ databaseUrl: db.url, auth: 'noauth' }, {});
  const database = openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
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
    close: async () => { await app.close(); await database.close(); await db.drop(); },
    creates: 0, wallMs: 0, cpuMs: 0,
  };
}

/** Runs the client process: `count` creates at `concurrency` against `variant`. */
function runClient(variant: Variant, count: number, concurrency: number, tag: string): Promise<ClientResult> {
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

const variants = [await variantOf('this', HERE)];
if (args.base !== undefined) variants.push(await variantOf('base', resolve(args.base)));
const creates = Number(args.creates);
const concurrency = Number(args.concurrency);
try {
  console.log(`${args.db}: ${creates} port creates per round at concurrency ${concurrency} (after ${args.warmup} untimed), ${args.rounds} rounds`);
  for (let round = 0; round < Number(args.rounds); round++) {
    const order = round % 2 === 0 ? variants : [...variants].reverse();
    const line: string[] = [];
    for (const variant of order) {
      await runClient(variant, Number(args.warmup), concurrency, `w${round}`);
      const before = variant.batchStats();
      const cpu0 = process.cpuUsage();
      const t0 = performance.now();
      const result = await runClient(variant, creates, concurrency, `r${round}`);
      const wallMs = performance.now() - t0;
      const cpu = process.cpuUsage(cpu0);
      const cpuMs = (cpu.user + cpu.system) / 1000;
      variant.creates += creates; variant.wallMs += result.ms; variant.cpuMs += cpuMs;
      const after = variant.batchStats();
      const batches = before && after ? `, ${((after.units - before.units) / Math.max(1, after.batches - before.batches)).toFixed(1)} units/batch` : '';
      line.push(`${variant.name} ${(creates / (result.ms / 1000)).toFixed(0)}/s cpu ${(cpuMs / creates).toFixed(3)} ms/create p50 ${result.p50.toFixed(1)} p99 ${result.p99.toFixed(1)} ms${batches} (wall incl. spawn ${wallMs.toFixed(0)} ms)`);
    }
    console.log(`  round ${round + 1}: ${line.join(' | ')}`);
  }
  for (const v of variants) {
    console.log(`${v.name.padEnd(5)} ${(v.creates / (v.wallMs / 1000)).toFixed(0)} creates/s, server CPU ${(v.cpuMs / v.creates).toFixed(3)} ms per create (${v.creates} creates)`);
  }
} finally {
  for (const v of variants) await v.close();
}
