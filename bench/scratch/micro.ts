import { Api } from '../../test/helpers/api-harness.ts';
const api = await Api.start({ name: 'sqlite', url: process.argv[2] ?? 'sqlite:/tmp/pb/micro/muon.db', drop: async () => {} });
const A = { project: 'bench', roles: 'admin' };
const net = await api.network({}, A);
async function time(label: string, n: number, fn: () => Promise<unknown>) {
  const t0 = performance.now(); for (let i = 0; i < n; i++) await fn(); const ms = (performance.now() - t0) / n; console.log(label, ms.toFixed(3), 'ms');
}
await time('GET /', 500, () => api.get('/', A));
await time('GET network', 500, () => api.get(`/v2.0/networks/${net.id}`, A));
await time('PUT network', 300, () => api.put(`/v2.0/networks/${net.id}`, { network: { name: 'x' } }, A));
await time('raw tx', 300, () => api.store.transaction(async (tx) => { await tx.db.selectFrom('networks').select('id').limit(1).execute(); }));
await time('raw insert tx', 300, () => api.store.transaction(async (tx) => { await tx.db.insertInto('tags').values({ resource_id: crypto.randomUUID(), resource_type: 'x', tag: 't' }).execute(); }));
await api.close();
