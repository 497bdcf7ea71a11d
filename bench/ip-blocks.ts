/**
 * Block assignment at scale (issue "Service-provider-grade IPAM",
 * acceptance 4: "a /29 block from a pool with 100,000 blocks used"): gives
 * out N /29 blocks (default 100,000) of a 10.0.0.0/8 subnet pool through
 * the API's bulk creates, timing single block creates (POST /v2.0/ip-blocks
 * with prefixlen 29, fastify.inject, no sockets) before the fill, after it,
 * and after giving back every other block of the first 2,000 (holes below
 * the frontier, which the next blocks fill first).
 *
 *   npx tsx bench/ip-blocks.ts [--db sqlite|postgres] [--blocks 100000] [--samples 200]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ADMIN } from '../test/helpers/api-harness.ts';
import { databaseKind, withApi } from './lib/bench-api.ts';
import { sampleMs } from './lib/sample.ts';
import { latency } from './lib/stats.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  blocks: { type: 'string', default: '100000' },
  samples: { type: 'string', default: '200' },
} });
const BLOCKS = Number(args.blocks);
const SAMPLES = Number(args.samples);
const BULK = 500;

await withApi(databaseKind(args.db), async (api, db) => {
  const pool = await api.create('subnetpools', 'subnetpool', { name: 'public', prefixes: ['10.0.0.0/8'], min_prefixlen: 8, default_prefixlen: 29 }, ADMIN);
  const created: string[] = [];
  const time = async (label: string) => {
    const cidrs: string[] = [];
    const give = (i: number) => api.post('/v2.0/ip-blocks', { ip_block: { subnetpool_id: pool.id, prefixlen: 29, project_id: `customer-${i % 100}` } }, ADMIN);
    const ms = await sampleMs(SAMPLES, give, { check(response) {
      if (response.status !== 201) throw new Error(`${label}: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
      created.push(response.body.ip_block.id);
      cidrs.push(response.body.ip_block.cidr);
    } });
    return { label, ...latency(ms, 2), first_cidr: cidrs[0], last_cidr: cidrs.at(-1) };
  };
  const results = [await time('empty pool')];
  const started = performance.now();
  for (let i = 0; i < BLOCKS; i += BULK) {
    const items = Array.from({ length: Math.min(BULK, BLOCKS - i) }, (_, k) => ({ subnetpool_id: pool.id, prefixlen: 29, project_id: `customer-${(i + k) % 1000}` }));
    const response = await api.post('/v2.0/ip-blocks', { ip_blocks: items }, ADMIN);
    if (response.status !== 201) throw new Error(`fill: ${response.status} ${JSON.stringify(response.body).slice(0, 300)}`);
    if (i < 2000) created.push(...response.body.ip_blocks.map((b: any) => b.id));
  }
  const fillSeconds = (performance.now() - started) / 1000;
  if (db.name === 'postgres') await sql`vacuum analyze`.execute(api.database.db);
  results.push(await time(`${BLOCKS + SAMPLES} blocks given out`));
  // Holes below the frontier: every other of the first 2,000 blocks given back.
  const holes = created.slice(SAMPLES, SAMPLES + 2000).filter((_, i) => i % 2 === 0);
  for (const id of holes) {
    const response = await api.delete(`/v2.0/ip-blocks/${id}`, ADMIN);
    if (response.status !== 204) throw new Error(`delete: ${response.status}`);
  }
  results.push(await time(`${holes.length} holes below the frontier`));
  const freeRows = Number((await api.store.db.selectFrom('free_ranges').select((eb) => eb.fn.countAll().as('n')).where('pool', '=', `subnetpool:${pool.id}`).executeTakeFirstOrThrow()).n);
  console.log(JSON.stringify({ db: db.name, blocks: BLOCKS, fill_seconds: +fillSeconds.toFixed(1), fill_blocks_per_s: Math.round(BLOCKS / fillSeconds), free_range_rows_at_end: freeRows, samples: SAMPLES, results }, null, 2));
});
