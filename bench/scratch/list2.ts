import { Api } from '../../test/helpers/api-harness.ts';
const api = await Api.start({ name: 'sqlite', url: process.argv[2] ?? 'sqlite:/tmp/pb/list/muon.db', drop: async () => {} });
const { Session: session } = await import('node:inspector/promises');
const s = new (session as any)(); s.connect(); await s.post('Profiler.enable'); await s.post('Profiler.start');
for (let k = 0; k < 3; k++) {
  const t = performance.now(); const r = await api.app.inject({ method: 'GET', url: '/v2.0/ports', headers: { 'x-project-id': 'bench', 'x-roles': 'admin' } });
  console.log('list', r.body.length, 'bytes', (performance.now() - t).toFixed(0), 'ms');
}
const { profile } = await s.post('Profiler.stop');
(await import('node:fs')).writeFileSync('/tmp/pb/prof/list.cpuprofile', JSON.stringify(profile));
await api.close();
