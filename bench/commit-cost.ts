/**
 * What a SQLite port create's statements cost on average (mean, not p50:
 * WAL checkpoints hit one commit in many), by statement kind, in-process.
 *
 *   npx tsx bench/commit-cost.ts [--creates 3000] [--db sqlite|postgres]
 */
import { parseArgs } from 'node:util';
import { installSqlTap, startRecording, stopRecording } from './lib/sql-tap.ts';

installSqlTap();
const { databaseKinds, must, withApi } = await import('./lib/bench-api.ts');
const { values: args } = parseArgs({ options: { creates: { type: 'string', default: '3000' }, db: { type: 'string', default: 'sqlite' } } });
const AS = { project: 'bench', roles: 'admin' };

for (const entry of databaseKinds(args.db)) {
  await withApi(entry, async (api) => {
    await must(api.put('/v2.0/quotas/bench', { quota: { network: -1, subnet: -1, port: -1 } }, AS), 200);
    const net = (await must(api.post('/v2.0/networks', { network: { name: 'cost' } }, AS), 201)).network;
    const subnet = (await must(api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, cidr: '10.200.0.0/16' } }, AS), 201)).subnet;
    let n = 0;
    const create = async () => must(api.post('/v2.0/ports', { port: { network_id: net.id, name: `p-${n}`, device_id: `dev-${n++}`, fixed_ips: [{ subnet_id: subnet.id }] } }, AS), 201);
    for (let i = 0; i < 300; i++) await create();
    startRecording();
    const t0 = performance.now();
    for (let i = 0; i < Number(args.creates); i++) await create();
    const wall = performance.now() - t0;
    const statements = stopRecording();
    const byKind = new Map<string, { n: number; ms: number; max: number }>();
    for (const s of statements) {
      const kind = s.sql.replace(/^\/\*[^*]*\*\/ /, '').split(/\s+/).slice(0, 3).join(' ');
      const k = byKind.get(kind) ?? { n: 0, ms: 0, max: 0 };
      k.n++; k.ms += s.ms; k.max = Math.max(k.max, s.ms);
      byKind.set(kind, k);
    }
    console.log(`${entry.name}: ${args.creates} sequential creates, ${(wall / Number(args.creates)).toFixed(3)} ms each (mean)`);
    for (const [kind, k] of [...byKind].sort((a, b) => b[1].ms - a[1].ms)) {
      console.log(`  ${(k.ms / Number(args.creates)).toFixed(3).padStart(7)} ms/create  max ${k.max.toFixed(1).padStart(6)} ms  ${String(k.n).padStart(6)} ×  ${kind}`);
    }
  });
}
