/**
 * A/B of node's CPU per single-resource request, in-process: port create (as
 * load.py sends it: name, device_id, one fixed IP), then show, update (name)
 * and delete of the created ports, each at a given concurrency, this checkout
 * against another one (`git worktree add /tmp/base <commit>` with a
 * node_modules link), both serving the same database, in interleaved rounds
 * so that the machine's other load hits both alike.
 *
 *   node --max-semi-space-size=64 --import tsx bench/create-js-inprocess.ts --db sqlite|postgres
 *        [--base DIR] [--rounds 4] [--creates 1000] [--concurrency 32] [--ops create,show,update,delete]
 *        [--cpu-profile FILE.cpuprofile]
 *
 * Each variant is an in-process muon of its own tree, wired as `muon serve`
 * wires it, driven over fastify.inject: no sockets, so node's HTTP core is
 * not in the figures — what is measured is fastify's pipeline and muon's JS,
 * plus the database driver. The figure is CPU time of this process (user + system,
 * process.cpuUsage) per request, and on PostgreSQL also the CPU of the
 * variant's backends (from /proc); on a machine shared with other work, CPU
 * time varies less than wall time. The first answers of the variants must
 * have the same shape (same keys, same values but for ids, addresses,
 * timestamps and the names the bench gives), so a faster variant is not a
 * different answer. With --cpu-profile, the timed rounds are profiled (V8's
 * sampling profiler; use it without --base; summarise with
 * bench/lib/cpuprofile-summary.mjs).
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { backendCpu } from './lib/pg-backend-cpu.ts';
import { databaseKind, must, withApi } from './lib/bench-api.ts';
import { percentile } from './lib/stats.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  base: { type: 'string' },
  rounds: { type: 'string', default: '4' },
  creates: { type: 'string', default: '1000' },
  concurrency: { type: 'string', default: '32' },
  ops: { type: 'string', default: 'create,show,update,delete' },
  'cpu-profile': { type: 'string' },
} });
const HEADERS = { 'x-project-id': 'bench', 'x-roles': 'admin', 'content-type': 'application/json' };
const HERE = resolve(import.meta.dirname, '..');
const OPS = args.ops.split(',') as Op[];
type Op = 'create' | 'show' | 'update' | 'delete';
const EXPECTED: Record<Op, number> = { create: 201, show: 200, update: 200, delete: 204 };

type Inject = (options: { method: string; url: string; payload?: string; headers: Record<string, string> }) => Promise<{ statusCode: number; body: string }>;

interface Variant {
  name: string;
  inject: Inject;
  databaseCpu: () => Promise<number>;
  close: () => Promise<void>;
  /** Per operation: CPU ms of this process and of the database backends, requests, wall ms. */
  totals: Record<Op, { nodeMs: number; databaseMs: number; requests: number; perRound: number[] }>;
}

/**
 * An in-process muon of the checkout at `dir` on the database `url`, wired as
 * `muon serve` wires it (src/cli/serve.ts: no SQL log, the configured pool
 * and log level; not listening, no identity service, no OVN driver) — not
 * through test/helpers/api-harness.ts, whose statement log (Kysely's log
 * hook, every SQL text kept in an array) would be counted in the figures.
 */
async function variantOf(name: string, dir: string, db: { name: string; url: string }): Promise<Variant> {
  const at = (path: string) => import(resolve(dir, path));
  const [{ loadConfig }, { migrate, openDatabase }, { Store }, { createServices }, { buildServer }] =
    await Promise.all([at('src/config/load.ts'), at('src/store/db.ts'), at('src/store/store.ts'), at('src/core/services.ts'), at('src/api/server.ts')]);
  // On PostgreSQL each variant's connections carry its name, so that their backends' CPU can be told apart.
  const url = db.name === 'postgres' ? `${db.url}?application_name=bench_${name}` : db.url;
  const config = loadConfig({ databaseUrl: url, auth: 'noauth' }, {});
  const database = openDatabase(config.databaseUrl, { poolSize: config.databasePoolSize });
  await migrate(database.db, 'expand');
  const store = new Store(database);
  const services = createServices(store, config);
  await store.transaction((tx: unknown) => services.segments.sync(tx));
  const app = buildServer(config, { services, logger: { level: config.logLevel } });
  await app.ready();
  const totals = Object.fromEntries(OPS.map((op) => [op, { nodeMs: 0, databaseMs: 0, requests: 0, perRound: [] }])) as unknown as Variant['totals'];
  return {
    name,
    inject: (options) => app.inject(options),
    databaseCpu: db.name === 'postgres' ? () => backendCpu(database.db, `bench_${name}`) : async () => 0,
    close: async () => { await app.close(); await database.close(); },
    totals,
  };
}

/** Runs `count` calls of `run(i)`, at most `concurrency` at a time. */
async function concurrently(count: number, concurrency: number, run: (i: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) await run(next++);
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, worker));
}

let serial = 0;
interface Target { net: { id: string }; subnet: { id: string } }

/** The request of operation `op` on the i-th port of `ids` (create: a new port on the target's network and subnet). */
function requestOf(op: Op, ids: string[], i: number, { net, subnet }: Target) {
  const n = serial++;
  switch (op) {
    case 'create': return { method: 'POST', url: '/v2.0/ports', headers: HEADERS, payload: JSON.stringify({ port: { network_id: net.id, name: `p-${n}`, device_id: `dev-${n}`, fixed_ips: [{ subnet_id: subnet.id }] } }) };
    case 'show': return { method: 'GET', url: `/v2.0/ports/${ids[i]}`, headers: HEADERS };
    case 'update': return { method: 'PUT', url: `/v2.0/ports/${ids[i]}`, headers: HEADERS, payload: JSON.stringify({ port: { name: `renamed-${n}` } }) };
    case 'delete': return { method: 'DELETE', url: `/v2.0/ports/${ids[i]}`, headers: HEADERS };
  }
}

/** One phase of `variant`: `count` requests of `op`; returns the created ids (create). */
async function phase(variant: Variant, op: Op, ids: string[], count: number, target: Target, timed: boolean): Promise<string[]> {
  const created: string[] = [];
  const cpu0 = process.cpuUsage();
  const db0 = timed ? await variant.databaseCpu() : 0;
  await concurrently(count, Number(args.concurrency), async (i) => {
    const answer = await variant.inject(requestOf(op, ids, i, target));
    if (answer.statusCode !== EXPECTED[op]) throw new Error(`${variant.name} ${op}: ${answer.statusCode} ${answer.body.slice(0, 300)}`);
    if (op === 'create') created.push(JSON.parse(answer.body).port.id);
  });
  if (timed) {
    const cpu = process.cpuUsage(cpu0);
    const total = variant.totals[op];
    const nodeMs = (cpu.user + cpu.system) / 1000;
    total.nodeMs += nodeMs;
    total.databaseMs += (await variant.databaseCpu() - db0) * 1000;
    total.requests += count;
    total.perRound.push(nodeMs / count);
  }
  return created;
}

/** A port answer without what differs from request to request. */
function shapeOf(body: string): unknown {
  const port = JSON.parse(body).port;
  const volatile = new Set(['id', 'mac_address', 'fixed_ips', 'created_at', 'updated_at', 'name', 'device_id', 'dns_assignment']);
  return Object.fromEntries(Object.entries(port).map(([k, v]) => [k, volatile.has(k) ? typeof v : v]));
}

await withApi(databaseKind(args.db), async (api, db) => {
  const admin = { project: 'bench', roles: 'admin' };
  await must(api.put('/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } }, admin), 200);
  const net = (await must(api.post('/v2.0/networks', { network: { name: 'create-net' } }, admin), 201)).network;
  const subnet = (await must(api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: '10.96.0.0/16' } }, admin), 201)).subnet;
  const target = { net, subnet };

  const variants = [await variantOf('this', HERE, db)];
  if (args.base !== undefined) variants.push(await variantOf('base', resolve(args.base), db));
  try {
    const firsts = await Promise.all(variants.map((v) => v.inject(requestOf('create', [], 0, target))));
    if (firsts.length > 1 && !isDeepStrictEqual(shapeOf(firsts[0]!.body), shapeOf(firsts[1]!.body))) {
      throw new Error(`the variants answer differently:\n${firsts[0]!.body}\n${firsts[1]!.body}`);
    }
    // Warm-up of every operation (JIT, caches), untimed.
    for (const variant of variants) await runAll(variant, 300, target, false);
    console.log(`${args.db}: ${OPS.join(', ')} of ${args.creates} ports per round at concurrency ${args.concurrency}`);

    // Profiling covers every timed round of every variant: profile with one variant (no --base).
    const profiler = args['cpu-profile'] === undefined ? undefined : await startProfiler();
    for (let round = 0; round < Number(args.rounds); round++) {
      // Alternate who goes first: the first of a round meets the garbage the previous one left.
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      for (const variant of order) await runAll(variant, Number(args.creates), target, true);
      console.log(`  round ${round + 1}: node CPU ms per request: ${order.map((v) => `${v.name} ${OPS.map((op) => `${op} ${v.totals[op].perRound.at(-1)!.toFixed(3)}`).join(' ')}`).join(' | ')}`);
    }
    if (profiler) writeFileSync(args['cpu-profile']!, JSON.stringify(await profiler.stop()));
    for (const op of OPS) {
      for (const v of variants) {
        const t = v.totals[op];
        console.log(`${op.padEnd(6)} ${v.name.padEnd(4)} node CPU ${(t.nodeMs / t.requests).toFixed(3)} ms/request (rounds: ${t.perRound.map((x) => x.toFixed(3)).join(' ')}; median ${percentile(t.perRound, 50).toFixed(3)})${args.db === 'postgres' ? `, PostgreSQL backends ${(t.databaseMs / t.requests).toFixed(3)} ms` : ''}`);
      }
      if (variants.length > 1) {
        // Both variants ran in every round, back to back: the ratio within a round cancels most of the machine's drift.
        const ratios = variants[0]!.totals[op].perRound.map((x, i) => x / variants[1]!.totals[op].perRound[i]!);
        console.log(`${op.padEnd(6)} this/base per round: ${ratios.map((r) => r.toFixed(3)).join(' ')}; median ${percentile(ratios, 50).toFixed(3)}`);
      }
    }
  } finally {
    for (const v of variants) await v.close();
  }
});

/** Every operation of OPS, in order, on `count` fresh ports of `variant` (a create phase always runs first). */
async function runAll(variant: Variant, count: number, target: Target, timed: boolean): Promise<void> {
  const ids = await phase(variant, 'create', [], count, target, timed && OPS.includes('create'));
  for (const op of OPS) if (op !== 'create') await phase(variant, op, ids, ids.length, target, timed);
}

/** V8's sampling profiler over this process until `stop()`. */
async function startProfiler(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return { async stop() { const { profile } = await session.post('Profiler.stop'); session.disconnect(); return profile; } };
}
