/**
 * Router lists at scale (issue "The rest of the Networking API", acceptance
 * 4: "listing 1,000 routers under 150 ms"). Makes N routers of one project
 * (default 1,000) through the API, each with its gateway on one external
 * network, an interface on a subnet of its own and two static routes, then
 * times `GET /v2.0/routers` through the real server (fastify.inject, no
 * sockets), as the project's member and as admin, plus a page of 100 and
 * the project's floating IPs (one per router, associated).
 *
 *   npx tsx bench/routers.ts [--db sqlite|postgres] [--routers 1000] [--samples 30]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ADMIN, type As } from '../test/helpers/api-harness.ts';
import { databaseKind, timeList, withApi } from './lib/bench-api.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  routers: { type: 'string', default: '1000' },
  samples: { type: 'string', default: '30' },
} });
const ROUTERS = Number(args.routers);
const SAMPLES = Number(args.samples);
const MEMBER: As = { project: 'bench-project', roles: 'member' };

const ok = <T>(response: { status: number; body: T }, status = 201): T => {
  if (response.status !== status) throw new Error(JSON.stringify(response.body));
  return response.body;
};
await withApi(databaseKind(args.db), async (api, db) => {
  const started = performance.now();
  await api.put('/v2.0/quotas/bench-project', { quota: { router: -1, floatingip: -1, subnet: -1, network: -1, port: -1 } }, ADMIN);
  const external = await api.network({ name: 'public', 'router:external': true }, ADMIN);
  await api.subnet(external.id, '100.64.0.0/16', {}, ADMIN);
  const network = await api.network({ name: 'inside' }, MEMBER);
  for (let i = 0; i < ROUTERS; i++) {
    const cidr = `10.${Math.floor(i / 256)}.${i % 256}.0/24`;
    const subnet = await api.subnet(network.id, cidr, {}, MEMBER);
    const router = ok(await api.post('/v2.0/routers', { router: { name: `r-${i}`, external_gateway_info: { network_id: external.id } } }, MEMBER)).router;
    ok(await api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id }, MEMBER), 200);
    const base = cidr.replace(/0\/24$/, '');
    ok(await api.put(`/v2.0/routers/${router.id}/add_extraroutes`, { router: { routes: [
      { destination: '192.0.2.0/24', nexthop: `${base}10` }, { destination: '198.51.100.0/24', nexthop: `${base}11` }] } }, MEMBER), 200);
    const port = await api.port(network.id, { fixed_ips: [{ subnet_id: subnet.id }] }, MEMBER);
    ok(await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: external.id, port_id: port.id } }, MEMBER));
  }
  if (db.name === 'postgres') await sql`analyze`.execute(api.database.db);
  const fillSeconds = (performance.now() - started) / 1000;

  console.log(`${db.name}: ${ROUTERS} routers (gateway, interface, 2 routes, a floating IP each) made in ${fillSeconds.toFixed(1)} s; ${SAMPLES} samples each`);
  await timeList(api, { path: '/v2.0/routers', as: MEMBER, key: 'routers', atLeast: ROUTERS, samples: SAMPLES });
  await timeList(api, { path: '/v2.0/routers', as: ADMIN, key: 'routers', atLeast: ROUTERS, samples: SAMPLES });
  await timeList(api, { path: '/v2.0/routers?limit=100', as: MEMBER, key: 'routers', atLeast: Math.min(100, ROUTERS), samples: SAMPLES });
  await timeList(api, { path: '/v2.0/floatingips', as: MEMBER, key: 'floatingips', atLeast: ROUTERS, samples: SAMPLES });
});
