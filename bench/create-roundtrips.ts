/**
 * A/B of port creates in-process: this checkout against another one (an
 * older commit checked out elsewhere, e.g. `git worktree add /tmp/base <commit>`
 * with a node_modules link), both on the same database, in interleaved rounds
 * so that the machine's other load hits both alike.
 *
 *   node --import tsx bench/create-roundtrips.ts --db postgres|sqlite [--base DIR]
 *        [--rounds 6] [--creates 600] [--concurrency 32]
 *
 * Each variant is an in-process muon (test/helpers/api-harness.ts of its own
 * tree, over fastify.inject: no sockets, no HTTP client) with a network and a
 * /16 subnet of its own; a round sends `--creates` port creates as issue 2's
 * load generator sends them (a name, a device_id, fixed_ips=[{subnet_id}]),
 * `--concurrency` at a time. Prints per round and variant the rate, and at
 * the end the CPU time per create of this process and (PostgreSQL) of the
 * variant's backends, read from /proc, and the messages sent to PostgreSQL
 * per create (round trips): on a machine shared with other work, CPU time
 * and round trips vary less than the rate.
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { backendCpu } from './lib/pg-backend-cpu.ts';
import { databaseKind, withApi } from './lib/bench-api.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'postgres' },
  base: { type: 'string' },
  rounds: { type: 'string', default: '6' },
  creates: { type: 'string', default: '600' },
  concurrency: { type: 'string', default: '32' },
} });
const HERE = resolve(import.meta.dirname, '..');
const HEADERS = { 'x-project-id': 'bench', 'x-roles': 'admin', 'content-type': 'application/json' };

// Every message a pg client sends is a round trip; pool connections bind this when they connect.
let roundTrips = 0;
const send = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...rest: unknown[]) {
  roundTrips++;
  return send.apply(this, rest);
};

interface Inject { (options: { method: string; url: string; headers: Record<string, string>; payload?: string }): Promise<{ statusCode: number; body: string }> }

interface Variant {
  name: string;
  inject: Inject;
  subnetId: string;
  networkId: string;
  databaseCpu: () => Promise<number>;
  close: () => Promise<void>;
  made: number;
  rates: number[];
  nodeCpuMs: number;
  databaseCpuMs: number;
  roundTrips: number;
}

async function call(inject: Inject, method: string, url: string, body?: unknown): Promise<any> {
  const answer = await inject({ method, url, headers: HEADERS, ...(body === undefined ? {} : { payload: JSON.stringify(body) }) });
  if (answer.statusCode >= 300) throw new Error(`${method} ${url}: ${answer.statusCode} ${answer.body.slice(0, 300)}`);
  return JSON.parse(answer.body);
}

/** An in-process muon of the checkout at `dir` on the database `url`, with a network and subnet of its own. */
async function variantOf(name: string, dir: string, db: { name: string; url: string }, index: number): Promise<Variant> {
  const { Api } = await import(resolve(dir, 'test/helpers/api-harness.ts'));
  const url = db.name === 'postgres' ? `${db.url}?application_name=bench_${name}` : db.url;
  const api = await Api.start({ ...db, url, drop: async () => {} });
  const inject: Inject = (options) => api.app.inject(options);
  const net = (await call(inject, 'POST', '/v2.0/networks', { network: { name: `create-${name}` } })).network;
  const subnet = (await call(inject, 'POST', '/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: `10.${100 + index}.0.0/16` } })).subnet;
  return {
    name, inject, subnetId: subnet.id, networkId: net.id,
    databaseCpu: db.name === 'postgres' ? () => backendCpu(api.database.db, `bench_${name}`) : async () => 0,
    close: () => api.close(),
    made: 0, rates: [], nodeCpuMs: 0, databaseCpuMs: 0, roundTrips: 0,
  };
}

/** `count` port creates, `concurrency` at a time; returns the wall milliseconds. */
async function creates(v: Variant, count: number, concurrency: number): Promise<number> {
  let next = 0;
  const t0 = performance.now();
  await Promise.all(Array.from({ length: concurrency }, async () => {
    while (next < count) {
      const n = v.made + next++;
      await call(v.inject, 'POST', '/v2.0/ports', { port: { network_id: v.networkId, name: `p-${n}`, device_id: `dev-${n}`, fixed_ips: [{ subnet_id: v.subnetId }] } });
    }
  }));
  v.made += count;
  return performance.now() - t0;
}

await withApi(databaseKind(args.db), async (api, db) => {
  await call((o) => api.app.inject(o), 'PUT', '/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } });
  const variants = [await variantOf('this', HERE, db, 0)];
  if (args.base !== undefined) variants.push(await variantOf('base', resolve(args.base), db, 1));
  const count = Number(args.creates);
  const concurrency = Number(args.concurrency);
  try {
    for (const v of variants) await creates(v, 200, concurrency); // warm-up: JIT, prepared statements on every connection
    for (let round = 0; round < Number(args.rounds); round++) {
      const order = round % 2 === 0 ? variants : [...variants].reverse();
      const line: string[] = [];
      for (const v of order) {
        const cpu0 = process.cpuUsage();
        const db0 = await v.databaseCpu();
        const trips0 = roundTrips;
        const ms = await creates(v, count, concurrency);
        v.roundTrips += roundTrips - trips0;
        const cpu = process.cpuUsage(cpu0);
        v.nodeCpuMs += (cpu.user + cpu.system) / 1000;
        v.databaseCpuMs += (await v.databaseCpu() - db0) * 1000;
        v.rates.push(count / (ms / 1000));
        line.push(`${v.name} ${(count / (ms / 1000)).toFixed(0)}/s`);
      }
      console.log(`  round ${round + 1}: ${line.join(', ')}`);
    }
    for (const v of variants) {
      const n = v.rates.length * count;
      const sorted = [...v.rates].sort((a, b) => a - b);
      console.log(`${v.name.padEnd(5)} creates/s median ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} (${v.rates.map((r) => r.toFixed(0)).join(', ')}); per create: node CPU ${(v.nodeCpuMs / n).toFixed(3)} ms`
        + `${args.db === 'postgres' ? `, PostgreSQL backends ${(v.databaseCpuMs / n).toFixed(3)} ms, ${(v.roundTrips / n).toFixed(2)} round trips` : ''}`);
    }
  } finally {
    for (const v of variants) await v.close();
  }
});
