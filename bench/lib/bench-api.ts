/**
 * What the in-process benches share around test/helpers/api-harness.ts:
 * picking the database, a muon on a fresh one, checked requests, timed list
 * requests and the IPAM step's own timer.
 */
import type { Config } from '../../src/config/schema.ts';
import { Api, type As } from '../../test/helpers/api-harness.ts';
import { DATABASES, type TestDatabase } from '../../test/helpers/databases.ts';
import { percentile } from './stats.ts';
import { sampleMs } from './sample.ts';

/** One entry of test/helpers/databases.ts: a database kind that makes fresh databases. */
export type DatabaseKind = (typeof DATABASES)[number];

/** The database kind named by `--db` (sqlite or postgres); throws on another name. */
export function databaseKind(name: string | undefined): DatabaseKind {
  const kind = DATABASES.find((d) => d.name === name);
  if (!kind) throw new Error(`unknown --db ${name}`);
  return kind;
}

/** The database kinds to run on: the one named by `--db`, or all of them. */
export function databaseKinds(name: string | undefined): readonly DatabaseKind[] {
  return name === undefined ? DATABASES : [databaseKind(name)];
}

/**
 * Runs `body` with an in-process muon (`Api.start(db, config)`) on a fresh
 * database of `kind`; closes it and drops the database afterwards, also when
 * `body` throws. With `keep`, the database stays and its URL is printed.
 *
 * @example
 * await withApi(databaseKind(args.db), async (api, db) => { ... }, { config: { quotas: unlimited } });
 */
export async function withApi<T>(kind: DatabaseKind, body: (api: Api, db: TestDatabase) => Promise<T>,
  { config = {}, keep = false }: { config?: Partial<Config>; keep?: boolean } = {}): Promise<T> {
  const db = await kind.create();
  const api = await Api.start(db, config);
  try {
    return await body(api, db);
  } finally {
    await api.close();
    if (keep) console.error(`kept database ${db.url}`);
    else await db.drop();
  }
}

/** The body of an answer, or a throw (with the start of the body) unless its status is `status`. */
export async function must(answer: Promise<{ status: number; body: any }>, status: number, what = ''): Promise<any> {
  const r = await answer;
  if (r.status !== status) throw new Error(`${what ? `${what}: ` : ''}${r.status} ${JSON.stringify(r.body).slice(0, 300)}`);
  return r.body;
}

/** A list request to time: `GET path` as `as`, whose answer must list at least `atLeast` items under `key`. */
export interface TimedList { path: string; as: As; key: string; atLeast: number; samples: number }

/**
 * Times `GET path` as `as` through fastify.inject — the server's time: request
 * in, serialised body out (the client's JSON.parse is not counted) — `samples`
 * times after 3 untimed runs, and prints p50/p99 and the body's size. The
 * first answer must be a 200 that lists at least `atLeast` items.
 */
export async function timeList(api: Api, { path, as, key, atLeast, samples }: TimedList): Promise<void> {
  let bytes = 0;
  const inject = () => api.app.inject({ method: 'GET', url: path, headers: { 'x-project-id': as.project!, 'x-roles': as.roles! } });
  const ms = await sampleMs(samples, inject, { warmup: 3, check(response, i) {
    bytes = response.body.length;
    if (i !== 0) return;
    const count = JSON.parse(response.body)[key]?.length ?? 0;
    if (response.statusCode !== 200 || count < atLeast) throw new Error(`${path}: ${response.statusCode} ${count}`);
  } });
  const at = (p: number) => percentile(ms, p).toFixed(1);
  console.log(`${path.padEnd(40)} ${as.roles!.padEnd(7)} p50 ${at(50)} ms  p99 ${at(99)} ms  (${(bytes / 1e6).toFixed(2)} MB)`);
}

/**
 * Wraps the IPAM step (FreeRangeRepo.takeAny: pick and shrink a free interval)
 * of `api` so that its time can be recorded apart from the whole request:
 * between `start()` and `stop()`, each call on a pool that `counts` accepts
 * adds its milliseconds to the list `stop()` returns.
 */
export function ipamTimer(api: Api, counts: (pool: string) => boolean = () => true): { start(): void; stop(): number[] } {
  const free = api.services.repos.free;
  const takeAny = free.takeAny.bind(free);
  let sink: number[] | undefined;
  free.takeAny = async (tx, pool) => {
    const t0 = performance.now();
    const value = await takeAny(tx, pool);
    if (sink && counts(pool)) sink.push(performance.now() - t0);
    return value;
  };
  return {
    start() { sink = []; },
    stop() { const taken = sink ?? []; sink = undefined; return taken; },
  };
}
