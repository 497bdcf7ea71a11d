/**
 * A/B of a list request in-process: this checkout against another one (an
 * older commit checked out elsewhere, e.g. `git worktree add /tmp/base <commit>`
 * with a node_modules link), both serving the same database, timed in
 * interleaved rounds so that the machine's other load hits both alike.
 *
 *   npx tsx bench/list-inprocess.ts --db sqlite|postgres [--base DIR] [--ports 10000]
 *        [--rounds 6] [--samples 5] [--path /v2.0/ports] [--project bench] [--roles admin]
 *        [--cpu-profile FILE.cpuprofile] [--http]
 *   (run with `node --max-semi-space-size=64 --import tsx`, as `npm start` runs the server)
 *
 * The database is filled as the shared load generator fills it (one network, a
 * /16 subnet, ports with a name, a device_id and one fixed IP, by bulk creates)
 * through this checkout. Each variant is an in-process muon (test/helpers/
 * api-harness.ts of its own tree, over fastify.inject: request in, serialised
 * body out, no sockets; with --http, over a loopback socket instead, as a
 * real server writes the body, this process reading it as buffers: inject
 * copies a body into a Buffer and back into a string, which a server does
 * not). The first answers of the variants must be the same text, byte for
 * byte, so a faster variant is not a different answer.
 * Prints p50 per variant per round, then p50 and p99 over all rounds and the
 * CPU time per request of this process (and on PostgreSQL of the variant's
 * backends, from /proc): on a machine shared with other work, CPU time varies
 * less than wall time. With
 * --cpu-profile, the timed rounds alone are profiled (V8's sampling profiler;
 * summarise with bench/lib/cpuprofile-summary.mjs).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { Agent, get as httpGet } from 'node:http';
import { Session } from 'node:inspector/promises';
import { resolve } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import { CompiledQuery } from 'kysely';
import { databaseKind, must, withApi } from './lib/bench-api.ts';
import { sampleMs } from './lib/sample.ts';
import { percentile } from './lib/stats.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  base: { type: 'string' },
  ports: { type: 'string', default: '10000' },
  rounds: { type: 'string', default: '6' },
  samples: { type: 'string', default: '5' },
  path: { type: 'string', default: '/v2.0/ports' },
  project: { type: 'string', default: 'bench' },
  roles: { type: 'string', default: 'admin' },
  'cpu-profile': { type: 'string' },
  http: { type: 'boolean', default: false },
} });
const AS = { project: args.project, roles: args.roles };
const HERE = resolve(import.meta.dirname, '..');

interface Variant {
  name: string;
  inject: () => Promise<{ statusCode: number; body: string }>;
  /** CPU seconds so far of the PostgreSQL backends serving this variant (0 on SQLite). */
  databaseCpu: () => Promise<number>;
  close: () => Promise<void>;
  ms: number[];
  /** CPU milliseconds spent in this process (and in its database backends) during the timed requests. */
  nodeCpuMs: number;
  databaseCpuMs: number;
}

/** An in-process muon of the checkout at `dir` on the database `url`. */
async function variantOf(name: string, dir: string, db: { name: string; url: string }): Promise<Variant> {
  const { Api } = await import(resolve(dir, 'test/helpers/api-harness.ts'));
  // On PostgreSQL each variant's connections carry its name, so that their backends' CPU can be told apart.
  const url = db.name === 'postgres' ? `${db.url}?application_name=bench_${name}` : db.url;
  const api = await Api.start({ ...db, url, drop: async () => {} });
  const headers = { 'x-project-id': AS.project, 'x-roles': AS.roles };
  const inject = args.http ? await overSocket(api.app, headers) : () => api.app.inject({ method: 'GET', url: args.path, headers });
  return {
    name,
    inject,
    databaseCpu: db.name === 'postgres' ? () => backendCpu(api, `bench_${name}`) : async () => 0,
    close: () => api.close(),
    ms: [],
    nodeCpuMs: 0,
    databaseCpuMs: 0,
  };
}

interface Listening { listen(options: { host: string; port: number }): Promise<string> }

/**
 * GET of args.path over a loopback socket (keep-alive) to `app`, listening
 * on an ephemeral port. The body is kept as the buffers received and decoded
 * only when read.
 */
async function overSocket(app: Listening, headers: Record<string, string>): Promise<Variant['inject']> {
  const address = new URL(await app.listen({ host: '127.0.0.1', port: 0 }));
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  return () => new Promise((done, fail) => {
    const request = httpGet({ host: address.hostname, port: address.port, path: args.path, headers, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('error', fail);
      response.on('end', () => done({ statusCode: response.statusCode ?? 0, get body() { return Buffer.concat(chunks).toString('utf8'); } }));
    });
    request.on('error', fail);
  });
}

/** CPU seconds of the PostgreSQL backends named `application` (from /proc: the server runs on this machine). */
async function backendCpu(api: { database: { db: { executeQuery: (q: CompiledQuery) => Promise<{ rows: unknown[] }> } } }, application: string): Promise<number> {
  const result = await api.database.db.executeQuery(CompiledQuery.raw('select pid from pg_stat_activity where application_name = $1', [application]));
  let seconds = 0;
  for (const { pid } of result.rows as Array<{ pid: number }>) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
      seconds += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch { /* a backend that ended */ }
  }
  return seconds;
}
const CLOCK_TICKS = 100;

await withApi(databaseKind(args.db), async (api, db) => {
  const admin = { project: 'bench', roles: 'admin' };
  await must(api.put('/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } }, admin), 200);
  const net = (await must(api.post('/v2.0/networks', { network: { name: 'list-net' } }, admin), 201)).network;
  const subnet = (await must(api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: '10.96.0.0/16', name: 'list-subnet' } }, admin), 201)).subnet;
  const total = Number(args.ports);
  for (let made = 0; made < total; made += 500) {
    const ports = Array.from({ length: Math.min(500, total - made) }, (_, i) => ({
      network_id: net.id, name: `bulk-${made + i}`, device_id: `dev-bulk-${made + i}`, fixed_ips: [{ subnet_id: subnet.id }],
    }));
    await must(api.post('/v2.0/ports', { ports }, admin), 201);
  }

  const variants = [await variantOf('this', HERE, db)];
  if (args.base !== undefined) variants.push(await variantOf('base', resolve(args.base), db));
  try {
    const answers = await Promise.all(variants.map(async (v) => (await v.inject())));
    for (const [i, answer] of answers.entries()) {
      if (answer.statusCode !== 200) throw new Error(`${variants[i]!.name}: ${answer.statusCode} ${answer.body.slice(0, 300)}`);
    }
    const parsed = answers.map((a) => JSON.parse(a.body));
    if (parsed.length > 1 && !isDeepStrictEqual(parsed[0], parsed[1])) throw new Error('the variants answer differently');
    if (answers.length > 1 && answers[0]!.body !== answers[1]!.body) throw new Error('the variants answer the same values in different texts');
    console.log(`${args.db}: GET ${args.path} as ${AS.roles} of ${AS.project}: ${(Object.values(parsed[0] as Record<string, unknown[]>)[0]?.length ?? '?')} items, ${(answers[0]!.body.length / 1e6).toFixed(2)} MB${parsed.length > 1 ? `, ${answers[1]!.body.length === answers[0]!.body.length ? 'same length' : `base ${(answers[1]!.body.length / 1e6).toFixed(2)} MB`}` : ''}`);

    const profiler = args['cpu-profile'] === undefined ? undefined : await startProfiler();
    const rounds = Number(args.rounds);
    for (let round = 0; round < rounds; round++) {
      // Alternate who goes first: the first of a round meets the garbage the previous one left.
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      const line: string[] = [];
      for (const variant of order) {
        await variant.inject(); // untimed: heats this variant's code after the other's ran
        const cpu0 = process.cpuUsage();
        const db0 = await variant.databaseCpu();
        const ms = await sampleMs(Number(args.samples), () => variant.inject(), { check(answer) { if (answer.statusCode !== 200) throw new Error(`${variant.name}: ${answer.statusCode}`); } });
        const cpu = process.cpuUsage(cpu0);
        variant.databaseCpuMs += (await variant.databaseCpu() - db0) * 1000;
        variant.nodeCpuMs += (cpu.user + cpu.system) / 1000;
        variant.ms.push(...ms);
        line.push(`${variant.name} ${percentile(ms, 50).toFixed(1)}`);
      }
      console.log(`  round ${round + 1}: p50 ms ${line.join(', ')}`);
    }
    if (profiler) writeFileSync(args['cpu-profile']!, JSON.stringify(await profiler.stop()));
    for (const v of variants) {
      const perRequest = (total: number) => (total / v.ms.length).toFixed(1);
      console.log(`${v.name.padEnd(5)} p50 ${percentile(v.ms, 50).toFixed(1)} ms  p99 ${percentile(v.ms, 99).toFixed(1)} ms  min ${Math.min(...v.ms).toFixed(1)} ms  (${v.ms.length} requests); CPU per request: node ${perRequest(v.nodeCpuMs)} ms${args.db === 'postgres' ? `, PostgreSQL backends ${perRequest(v.databaseCpuMs)} ms` : ''}`);
    }
    if (variants.length > 1) console.log(`this / base (p50): ${(percentile(variants[0]!.ms, 50) / percentile(variants[1]!.ms, 50)).toFixed(3)}`);
  } finally {
    for (const v of variants) await v.close();
  }
});

/** V8's sampling profiler over this process until `stop()`. */
async function startProfiler(): Promise<{ stop(): Promise<unknown> }> {
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.setSamplingInterval', { interval: 250 });
  await session.post('Profiler.start');
  return { async stop() { const { profile } = await session.post('Profiler.stop'); session.disconnect(); return profile; } };
}
