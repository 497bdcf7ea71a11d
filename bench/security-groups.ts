/**
 * Security group lists at scale (issue "The rest of the Networking API",
 * acceptance 4: "listing 1,000 security groups with 10 rules each under
 * 150 ms"; Neutron's grew from 0.55 s to over 10 s). Makes N groups of one
 * project (default 1,000) with 10 rules each (the 2 egress rules every
 * group starts with plus 8 ingress rules) through the API, then times
 * `GET /v2.0/security-groups` and `GET /v2.0/security-group-rules` through
 * the real server (fastify.inject, no sockets), as admin and as the
 * project's member.
 *
 *   npx tsx bench/security-groups.ts [--db sqlite|postgres] [--groups 1000] [--samples 30]
 */
import { parseArgs } from 'node:util';
import { sql } from 'kysely';
import { ADMIN, type As } from '../test/helpers/api-harness.ts';
import { databaseKind, timeList, withApi } from './lib/bench-api.ts';

const { values: args } = parseArgs({ options: {
  db: { type: 'string', default: 'sqlite' },
  groups: { type: 'string', default: '1000' },
  samples: { type: 'string', default: '30' },
} });
const GROUPS = Number(args.groups);
const SAMPLES = Number(args.samples);
const MEMBER: As = { project: 'bench-project', roles: 'member' };

await withApi(databaseKind(args.db), async (api, db) => {
  const started = performance.now();
  await api.put('/v2.0/quotas/bench-project', { quota: { security_group: -1, security_group_rule: -1 } }, ADMIN);
  for (let made = 0; made < GROUPS; made += 100) {
    const batch = Array.from({ length: Math.min(100, GROUPS - made) }, (_, i) => ({ name: `sg-${made + i}` }));
    const created = await api.post('/v2.0/security-groups', { security_groups: batch }, MEMBER);
    if (created.status !== 201) throw new Error(JSON.stringify(created.body));
    for (const group of created.body.security_groups) {
      const rules = Array.from({ length: 8 }, (_, k) => ({
        security_group_id: group.id, direction: 'ingress', protocol: 'tcp', port_range_min: 1000 + k, port_range_max: 1000 + k, remote_ip_prefix: `10.${k}.0.0/16`,
      }));
      const response = await api.post('/v2.0/security-group-rules', { security_group_rules: rules }, MEMBER);
      if (response.status !== 201) throw new Error(JSON.stringify(response.body));
    }
  }
  if (db.name === 'postgres') await sql`analyze`.execute(api.database.db);
  const fillSeconds = (performance.now() - started) / 1000;

  console.log(`${db.name}: ${GROUPS} groups × 10 rules (+ the default group) made in ${fillSeconds.toFixed(1)} s; ${SAMPLES} samples each`);
  await timeList(api, { path: '/v2.0/security-groups', as: MEMBER, key: 'security_groups', atLeast: GROUPS, samples: SAMPLES });
  await timeList(api, { path: '/v2.0/security-groups', as: ADMIN, key: 'security_groups', atLeast: GROUPS, samples: SAMPLES });
  await timeList(api, { path: '/v2.0/security-group-rules', as: MEMBER, key: 'security_group_rules', atLeast: GROUPS * 10, samples: SAMPLES });
  await timeList(api, { path: '/v2.0/security-groups?limit=100', as: MEMBER, key: 'security_groups', atLeast: Math.min(100, GROUPS), samples: SAMPLES });
});
