/**
 * Allocation in huge ranges at 0 %, 50 % and 99.9 % fill: a /8 IPv4 subnet and
 * a /48 IPv6 subnet (issue "Service-provider-grade IPAM", acceptance 4: the
 * cost at 99.9 % within 1.5× of empty).
 *
 *   npx tsx bench/allocation-huge.ts [--db sqlite|postgres] [--families 4,6] [--levels 0,50,99.9]
 *                                    [--samples 200] [--holes 100000] [--out FILE.json]
 *                                    [--v4-prefixlen 8] [--v6-prefixlen 48] (smaller ranges for a quick try)
 *
 * Filling a /8 through the API would take hours and a /48 cannot be filled at
 * all (2^80 addresses), so the fill is written straight into the tables the
 * allocator works on, in the shape port creates and deletes leave behind:
 * - free_ranges: the free space of the level, cut into `--holes` evenly spread
 *   free intervals (a heavily fragmented pool; at 99.9 % of a /8 the 16,777
 *   free addresses are single-address holes);
 * - ip_allocations (IPv4 only): one row per used address — 8.4 million at
 *   50 %, 16.8 million at 99.9 % — so that the uniqueness index every
 *   allocation inserts into has its real depth. The address-history trigger
 *   is off while the fill is written (it would add as many history rows).
 *   IPv6 levels hold the free-space layout only: no table can hold 2^79 rows.
 * The measured operation is then a real `POST /v2.0/ports` with
 * `fixed_ips: [{subnet_id}]`, one at a time, in-process (fastify.inject), as
 * in bench/allocation.ts; "IPAM" is FreeRangeRepo.takeAny alone. The levels
 * of a family are sampled in turns (round-robin), so a busy machine slows
 * them alike and the ratio to empty stays meaningful.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { Api } from '../test/helpers/api-harness.ts';
import { subnetPool } from '../src/core/ipam/subnet-view.ts';
import { valueToHex } from '../src/ipam/ip-address.ts';
import { databaseKinds, ipamTimer, must, withApi } from './lib/bench-api.ts';
import { writeResults } from './lib/results.ts';
import { sampleMs } from './lib/sample.ts';
import { percentile, round } from './lib/stats.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string' },
  families: { type: 'string', default: '4,6' },
  levels: { type: 'string', default: '0,50,99.9' },
  samples: { type: 'string', default: '200' },
  holes: { type: 'string', default: '100000' },
  'v4-prefixlen': { type: 'string', default: '8' },
  'v6-prefixlen': { type: 'string', default: '48' },
  out: { type: 'string' },
} });
const SAMPLES = Number(args.samples);
const LEVELS = args.levels!.split(',').map(Number);
const HOLES = BigInt(args.holes!);
const AS = { project: 'bench', roles: 'admin' };

interface Layout { free: Array<{ first: bigint; last: bigint }>; freeCount: bigint; period: bigint; holeSize: bigint }

/** The free space of a pool [first, last] at `level` % fill: evenly spread holes, at most HOLES of them. */
function layoutOf(first: bigint, last: bigint, level: number): Layout {
  const size = last - first + 1n;
  const freeCount = level === 0 ? size : (size * BigInt(Math.round((100 - level) * 1000))) / 100000n;
  if (freeCount === size) return { free: [{ first, last }], freeCount, period: size, holeSize: size };
  const holes = freeCount < HOLES ? freeCount : HOLES;
  const holeSize = freeCount / holes;
  const period = size / holes;
  const free = [];
  for (let i = 0n; i < holes; i++) free.push({ first: first + i * period, last: first + i * period + holeSize - 1n });
  return { free, freeCount: holeSize * holes, period, holeSize };
}

interface Row { family: number; cidr: string; level_pct: number; pool_size: string; free_ranges: number; allocation_rows: number; fill_s: number;
  create_p50_ms: number; create_p99_ms: number; ipam_p50_ms: number; ipam_p99_ms: number }
const results: Record<string, Row[]> = {};
/** One fill level while it is sampled. */
interface Level { level: number; cidr: string; subnetId: string; pool: string; size: bigint; freeRanges: number; allocationRows: number; fillS: number; creates: number[]; ipam: number[] }

for (const entry of databaseKinds(args.db)) {
  const rows: Row[] = [];
  await withApi(entry, async (api) => {
    await must(api.put('/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } }, AS), 200);
    const net = (await must(api.post('/v2.0/networks', { network: { name: 'huge' } }, AS), 201)).network;
    // warm-up, so that JIT and caches are hot before the first level
    const warm = (await must(api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: '192.168.0.0/20' } }, AS), 201)).subnet;
    for (let i = 0; i < 500; i++) await must(api.post('/v2.0/ports', { port: { network_id: net.id, fixed_ips: [{ subnet_id: warm.id }] } }, AS), 201);

    const free = api.services.repos.free;
    const ipam = ipamTimer(api);

    // Build every level first, then sample them in turns (one create per level per round): whatever else
    // the machine does while the bench runs falls on all levels alike, so their ratio stays honest.
    let octet = 10;
    for (const family of args.families!.split(',').map(Number)) {
      const levels: Level[] = [];
      for (const level of LEVELS) {
        // Each level gets its own subnet on the same network (one database holds them all, as a real one would).
        const cidr = family === 4 ? `${octet++}.0.0.0/${args['v4-prefixlen']}` : `fd00:${(octet++).toString(16)}::/${args['v6-prefixlen']}`;
        const subnet = (await must(api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: family, cidr } }, AS), 201)).subnet;
        const pool = subnetPool(subnet.id);
        // A fresh pool is stored as a few chunks (FreeRangeRepo.CHUNKS); empty (0 %) keeps them as they are.
        const chunks = await api.store.read((tx) => free.ranges(tx, pool));
        const range = { first: chunks[0]!.first, last: chunks.at(-1)!.last };
        const layout = level === 0 ? { free: chunks, freeCount: 0n, period: 0n, holeSize: 0n } : layoutOf(range.first, range.last, level);
        const t0 = performance.now();
        const allocationRows = level === 0 ? 0 : await writeFill(api, entry.name, subnet, net.id, pool, range.first, range.last, layout, family);
        const fillS = (performance.now() - t0) / 1000;
        levels.push({ level, cidr, subnetId: subnet.id, pool, size: range.last - range.first + 1n, freeRanges: layout.free.length, allocationRows, fillS, creates: [], ipam: [] });
        console.error(`${entry.name}: IPv${family} ${level} % filled in ${Math.round(fillS)} s`);
      }
      if (entry.name === 'postgres') await sql`vacuum analyze`.execute(api.store.db);

      for (let round = 0; round < SAMPLES; round++) {
        for (const level of levels) {
          ipam.start();
          const [ms] = await sampleMs(1, () => must(api.post('/v2.0/ports', { port: { network_id: net.id, fixed_ips: [{ subnet_id: level.subnetId }] } }, AS), 201));
          level.creates.push(ms!);
          level.ipam.push(...ipam.stop());
        }
      }
      for (const level of levels) {
        const row: Row = {
          family, cidr: level.cidr, level_pct: level.level, pool_size: String(level.size), free_ranges: level.freeRanges,
          allocation_rows: level.allocationRows, fill_s: Math.round(level.fillS),
          create_p50_ms: round(percentile(level.creates, 50)), create_p99_ms: round(percentile(level.creates, 99)),
          ipam_p50_ms: round(percentile(level.ipam, 50)), ipam_p99_ms: round(percentile(level.ipam, 99)),
        };
        rows.push(row);
        console.error(`${entry.name}: ${JSON.stringify(row)}`);
      }
    }
  });
  results[entry.name] = rows;
}

/**
 * Replaces the pool's free ranges by the layout and, for IPv4, writes one
 * allocation row per used address with the database's own row generator.
 */
async function writeFill(api: Api, dialect: string, subnet: { id: string }, networkId: string, pool: string,
  first: bigint, last: bigint, layout: Layout, family: number): Promise<number> {
  const db = api.store.db;
  await sql`delete from free_ranges where pool = ${pool}`.execute(db);
  for (let i = 0; i < layout.free.length; i += 1000) {
    const chunk = layout.free.slice(i, i + 1000);
    await sql`insert into free_ranges (pool, first_hex, last_hex) values ${sql.join(chunk.map((r) => sql`(${pool}, ${valueToHex(r.first)}, ${valueToHex(r.last)})`))}`.execute(db);
  }
  if (family !== 4) return 0;
  // Used = every address of the pool outside the holes: offset % period >= holeSize.
  const [lo, hi, period, hole] = [Number(first), Number(last), Number(layout.period), Number(layout.holeSize)];
  const dotted = (n: string) => `((${n}) >> 24) || '.' || (((${n}) >> 16) & 255) || '.' || (((${n}) >> 8) & 255) || '.' || ((${n}) & 255)`;
  if (dialect === 'postgres') {
    await db.transaction().execute(async (tx) => {
      await sql`set local session_replication_role = replica`.execute(tx);
      await sql.raw(`insert into ip_allocations (subnet_id, ip_hex, ip_address, port_id, network_id, ordinal)
        select '${subnet.id}', lpad(to_hex(n), 32, '0'), ${dotted('n')}, 'fill', '${networkId}', 0
        from generate_series(${lo}::bigint, ${hi}::bigint) n where (n - ${lo}) % ${period} >= ${hole}`).execute(tx);
    });
  } else {
    const trigger = await sql<{ sql: string }>`select sql from sqlite_master where type = 'trigger' and name = 'ip_allocations_history_insert'`.execute(db);
    await sql`drop trigger if exists ip_allocations_history_insert`.execute(db);
    try {
      await sql.raw(`with recursive n(v) as (select ${lo} union all select v + 1 from n where v < ${hi})
        insert into ip_allocations (subnet_id, ip_hex, ip_address, port_id, network_id, ordinal)
        select '${subnet.id}', printf('%032x', v), ${dotted('v')}, 'fill', '${networkId}', 0 from n where (v - ${lo}) % ${period} >= ${hole}`).execute(db);
    } finally {
      if (trigger.rows[0]) await sql.raw(trigger.rows[0].sql).execute(db);
    }
  }
  const counted = await sql<{ c: number | string }>`select count(*) as c from ip_allocations where subnet_id = ${subnet.id}`.execute(db);
  return Number(counted.rows[0]!.c);
}

console.log('\nAllocation in a /8 (IPv4) and a /48 (IPv6) vs fill (server-side, in-process; single port create with fixed_ips=[{subnet_id}])');
console.log('db        family level  free ranges  allocation rows  create p50   create p99   IPAM p50   IPAM p99   vs empty (p50)');
for (const [db, rows] of Object.entries(results)) {
  for (const row of rows) {
    const empty = rows.find((r) => r.family === row.family && r.level_pct === 0);
    console.log(`${db.padEnd(9)} IPv${row.family}   ${String(row.level_pct).padStart(5)}% ${String(row.free_ranges).padStart(11)} ${String(row.allocation_rows).padStart(16)} ${row.create_p50_ms.toFixed(3).padStart(9)} ms ${row.create_p99_ms.toFixed(3).padStart(9)} ms ${row.ipam_p50_ms.toFixed(3).padStart(7)} ms ${row.ipam_p99_ms.toFixed(3).padStart(7)} ms   ${empty ? (row.create_p50_ms / empty.create_p50_ms).toFixed(2) : '-'}×`);
  }
}
writeResults('allocation-huge', args.out, { finished: new Date().toISOString(), samples: SAMPLES, holes: String(HOLES), results });
