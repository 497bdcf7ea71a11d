import { Api } from '../../test/helpers/api-harness.ts';
const url = process.argv[2] ?? 'sqlite:/tmp/pb/inproc/muon.db';
const api = await Api.start({ name: 'sqlite', url, drop: async () => {} });
const A = { project: 'bench', roles: 'admin' };
await api.put('/v2.0/quotas/bench', { quota: { port: -1 } }, A);
const net = await api.network({}, A);
await api.subnet(net.id, '10.200.0.0/16', {}, A);
let queries = 0;
const t0 = performance.now();
const N = Number(process.argv[3] ?? 2000);
for (let i = 0; i < N; i++) { const r = await api.post('/v2.0/ports', { port: { network_id: net.id, device_id: 'd' } }, A); if (r.status !== 201) throw new Error(JSON.stringify(r.body)); }
const s = (performance.now() - t0) / 1000;
console.log(`${N} ports sequential in-process: ${(N / s).toFixed(0)}/s, ${(s * 1000 / N).toFixed(2)} ms each`);
const t1 = performance.now(); const l = await api.get('/v2.0/ports', A); console.log('list', l.body.ports.length, (performance.now() - t1).toFixed(0), 'ms');
await api.close();
