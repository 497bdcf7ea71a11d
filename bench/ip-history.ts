/**
 * IP address history at scale (issue "Service-provider-grade IPAM",
 * acceptance 4: "history query over 1,000,000 records under 100 ms"):
 * fills `ip_address_history` with N holdings (default 1,000,000: 50,000
 * addresses of 20 subnets, each held by 20 successive ports over a year),
 * then times the API's queries through the real server (fastify.inject, no
 * sockets): "who had X at T", the whole history of one address, of one
 * port, and one project's holdings during one day.
 *
 *   npx tsx bench/ip-history.ts [--db sqlite|postgres] [--records 1000000] [--samples 200]
 *
 * The rows are written straight into the table (in batches), not through
 * ports: the triggers that write them in production cost one insert per
 * allocation and are measured by the port-create benchmarks.
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ADMIN } from '../test/helpers/api-harness.ts';
import { databaseKind, withApi } from './lib/bench-api.ts';
import { sampleMs } from './lib/sample.ts';
import { latency } from './lib/stats.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  records: { type: 'string', default: '1000000' },
  samples: { type: 'string', default: '200' },
} });
const RECORDS = Number(args.records);
const SAMPLES = Number(args.samples);
const HOLDERS_PER_ADDRESS = 20;
const ADDRESSES = Math.ceil(RECORDS / HOLDERS_PER_ADDRESS);
const YEAR_START = Date.parse('2026-01-01T00:00:00Z');
const HOLDING_MS = Math.floor((365 * 86_400_000) / HOLDERS_PER_ADDRESS);

const addressOf = (i: number) => `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`;
const iso = (ms: number) => new Date(ms).toISOString();

await withApi(databaseKind(args.db), async (api, db) => {
  const started = performance.now();
  const BATCH = 1000;
  let written = 0;
  while (written < RECORDS) {
    const rows = [];
    for (let k = 0; k < BATCH && written < RECORDS; k++, written++) {
      const address = written % ADDRESSES;
      const turn = Math.floor(written / ADDRESSES);
      const from = YEAR_START + turn * HOLDING_MS + (address % 1000);
      rows.push({
        ip_address: addressOf(address), subnet_id: `subnet-${address % 20}`, network_id: 'net-1',
        project_id: `project-${(address + turn) % 500}`, port_id: `port-${turn}-${address}`, device_id: `vm-${turn}-${address}`,
        device_owner: 'compute:nova', mac_address: 'fa:16:3e:00:00:00',
        held_from: iso(from), held_until: turn === HOLDERS_PER_ADDRESS - 1 ? null : iso(from + HOLDING_MS - 1),
      });
    }
    await (api.database.db as any).insertInto('ip_address_history').values(rows).execute();
  }
  if (db.name === 'postgres') await sql`analyze ip_address_history`.execute(api.database.db);
  const fillSeconds = (performance.now() - started) / 1000;

  const time = async (label: string, path: (i: number) => string, expect: (body: any, i: number) => boolean) => {
    const ms = await sampleMs(SAMPLES, (i) => api.get(path(i), ADMIN), { check(response, i) {
      if (response.status !== 200 || !expect(response.body.ip_address_history, i)) throw new Error(`${label}: unexpected answer ${JSON.stringify(response.body).slice(0, 300)}`);
    } });
    return { label, ...latency(ms, 2) };
  };
  const pick = (i: number) => (i * 7919) % ADDRESSES;
  const results = [
    await time('who had X at T', (i) => {
      const turn = i % HOLDERS_PER_ADDRESS;
      return `/v2.0/ip-address-history?ip_address=${addressOf(pick(i))}&at=${iso(YEAR_START + turn * HOLDING_MS + HOLDING_MS / 2)}`;
    }, (rows, i) => rows.length === 1 && rows[0].port_id === `port-${i % HOLDERS_PER_ADDRESS}-${pick(i)}`),
    await time('whole history of one address', (i) => `/v2.0/ip-address-history?ip_address=${addressOf(pick(i))}`, (rows) => rows.length === HOLDERS_PER_ADDRESS),
    await time('holdings of one port', (i) => `/v2.0/ip-address-history?port_id=port-3-${pick(i)}`, (rows) => rows.length === 1),
    await time("one project's holdings during one day (limit 100)", (i) => {
      const day = YEAR_START + (i % 300) * 86_400_000;
      return `/v2.0/ip-address-history?project_id=project-${i % 500}&since=${iso(day)}&until=${iso(day + 86_400_000)}&limit=100`;
    }, () => true),
  ];
  console.log(JSON.stringify({ db: db.name, records: RECORDS, fill_seconds: +fillSeconds.toFixed(1), samples: SAMPLES, results }, null, 2));
});
