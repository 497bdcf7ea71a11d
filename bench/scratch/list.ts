import { Api } from '../../test/helpers/api-harness.ts';
const api = await Api.start({ name: 'sqlite', url: process.argv[2] ?? 'sqlite:/tmp/pb/list/muon.db', drop: async () => {} });
const A = { project: 'bench', roles: 'admin' };
await api.put('/v2.0/quotas/bench', { quota: { port: -1 } }, A);
const net = await api.network({}, A);
await api.subnet(net.id, '10.200.0.0/16', {}, A);
for (let i = 0; i < 100; i++) {
  const r = await api.post('/v2.0/ports', { ports: Array.from({ length: 100 }, (_, j) => ({ network_id: net.id, device_id: `d-${i}-${j}` })) }, A);
  if (r.status !== 201) throw new Error(JSON.stringify(r.body).slice(0, 300));
}
for (let k = 0; k < 6; k++) {
  const t = performance.now(); const r = await api.app.inject({ method: 'GET', url: '/v2.0/ports', headers: { 'x-project-id': 'bench', 'x-roles': 'admin' } });
  console.log('list', r.body.length, 'bytes', (performance.now() - t).toFixed(0), 'ms');
}
await api.close();
