import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';
import { ADMIN, Api, type ApiResponse } from '../helpers/api-harness.ts';
import { DATABASES, type TestDatabase } from '../helpers/databases.ts';
import {
  hostileBodyRequest, hostileHeaderRequest, hostilePathRequest, hostileQueryRequest, hostileSubresourceRequest, type HostileRequest, type WorldKey,
} from '../helpers/hostile-generators.ts';

// Acceptance: hostile bodies, query strings, headers and paths never get a
// 5xx; every refusal is a NeutronError body; a refused request leaves the
// database exactly as it was (every row of every table, and the change log).

/** Runs per property; together at least MIN_REQUESTS requests per database. */
const RUNS = { bodies: 1000, queries: 500, headers: 250, paths: 250, subresources: 250 };
const MIN_REQUESTS = 2000;

type World = Record<WorldKey, string>;

/** Tables compared row by row. */
const TABLES = [
  'networks', 'network_segments', 'subnets', 'subnetpools', 'address_scopes', 'ports',
  'extra_dhcp_opts', 'ip_allocations', 'tags', 'quotas',
] as const;

const digest = (lines: string[]) => `${lines.length} rows, ${createHash('sha1').update(lines.sort().join('\n')).digest('hex').slice(0, 12)}`;

/**
 * A digest of every row of every table: equal fingerprints = nothing
 * changed. free_ranges (64 rows per pool) is concatenated in SQL, which is
 * ten times cheaper than reading its rows; `changes` only grows, so its
 * count and max(revision) say whether anything was logged.
 */
async function fingerprint(db: Kysely<Database>): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const tables = TABLES.map(async (table) => {
    out[table] = digest((await db.selectFrom(table).selectAll().execute()).map((row) => JSON.stringify(row)));
  });
  const freeRanges = db.selectFrom('free_ranges')
    .select(sql<string | null>`string_agg(pool || ' ' || first_hex || ' ' || last_hex, ',')`.as('all')).executeTakeFirstOrThrow()
    .then(({ all }) => { out.free_ranges = digest(all === null ? [] : all.split(',')); });
  const changes = db.selectFrom('changes').select((eb) => [eb.fn.countAll().as('count'), eb.fn.max('revision').as('max')]).executeTakeFirstOrThrow()
    .then(({ count, max }) => { out.changes = `count ${String(count)}, max revision ${String(max)}`; });
  await Promise.all([...tables, freeRanges, changes]);
  return out;
}

/** The world hostile requests aim at, owned by project-a, made by the admin. */
async function buildWorld(api: Api): Promise<World> {
  const owner = { tenant_id: 'project-a' };
  const scope = await api.create('address-scopes', 'address_scope', { name: 'world-scope', ip_version: 4, ...owner }, ADMIN);
  const pool = await api.create('subnetpools', 'subnetpool', { name: 'world-pool', prefixes: ['10.200.0.0/16'], address_scope_id: scope.id, ...owner }, ADMIN);
  const network = await api.network({ name: 'world', ...owner }, ADMIN);
  const subnet4 = await api.subnet(network.id, '10.0.0.0/24', owner, ADMIN);
  const subnet6 = await api.subnet(network.id, '2001:db8::/64', { ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac', ...owner }, ADMIN);
  const port = await api.port(network.id, { extra_dhcp_opts: [{ opt_name: 'mtu', opt_value: '1400' }], tags: ['world'], ...owner }, ADMIN);
  assert.equal((await api.put(`/v2.0/networks/${network.id}/tags`, { tags: ['world', 'blue'] }, ADMIN)).status, 200);
  return { network: network.id, subnet4: subnet4.id, subnet6: subnet6.id, port: port.id, subnetpool: pool.id, scope: scope.id };
}

/** Whether every world resource still exists (hostile DELETEs may succeed). */
async function worldIntact(db: Kysely<Database>, world: World): Promise<boolean> {
  const present = await Promise.all([
    db.selectFrom('networks').select('id').where('id', '=', world.network).executeTakeFirst(),
    db.selectFrom('subnets').select('id').where('id', 'in', [world.subnet4, world.subnet6]).execute(),
    db.selectFrom('ports').select('id').where('id', '=', world.port).executeTakeFirst(),
    db.selectFrom('subnetpools').select('id').where('id', '=', world.subnetpool).executeTakeFirst(),
    db.selectFrom('address_scopes').select('id').where('id', '=', world.scope).executeTakeFirst(),
  ]);
  return present[0] !== undefined && present[1].length === 2 && present.slice(2).every((row) => row !== undefined);
}

function assertNeutronError(response: ApiResponse, what: string): void {
  const error = (response.body as { NeutronError?: Record<string, unknown> } | undefined)?.NeutronError;
  assert.ok(typeof response.body === 'object' && response.body !== null && Object.keys(response.body).length === 1 && error !== undefined,
    `refusal without a NeutronError body\n${what}`);
  assert.deepEqual(Object.keys(error).sort(), ['detail', 'message', 'type'], `NeutronError keys\n${what}`);
  for (const key of ['type', 'message', 'detail']) assert.equal(typeof error[key], 'string', `NeutronError.${key} is not a string\n${what}`);
}

const clip = (text: string | undefined, max = 600) => (text === undefined ? '(none)' : text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

for (const { name, create } of DATABASES) {
  describe(`hostile input (${name})`, () => {
    let db: TestDatabase;
    let api: Api;
    let world: World;
    let sent = 0;
    let refused = 0;

    before(async () => {
      db = await create();
      api = await Api.start(db);
      world = await buildWorld(api);
    });
    after(async () => { await api.close(); await db.drop(); });

    const resolve = (text: string) => text.replace(/@@(\w+)@@/g, (_m, key: WorldKey) => world[key] ?? key);

    /** The fingerprint as of the last refused request; undefined once something may have changed. */
    let known: Record<string, string> | undefined;

    /** Sends one hostile request and checks the three promises. */
    async function check(request: HostileRequest): Promise<void> {
      const path = resolve(request.path);
      const body = request.body === undefined ? undefined : resolve(request.body);
      const beforeRequest = known ?? await fingerprint(api.store.db);
      known = undefined;
      const what = `${request.method} ${clip(path, 300)}\nbody: ${clip(body)}\nas: ${JSON.stringify(request.as)} headers: ${clip(JSON.stringify(request.headers), 300)}`;
      let response: ApiResponse;
      try {
        response = await api.request(request.method, path, body, request.as, request.headers);
      } catch (error) {
        assert.fail(`no JSON answer (${(error as Error).message})\n${what}`);
      } finally {
        Api.resetQueryLog();
      }
      sent++;
      const answered = `${what}\n→ ${response.status} ${clip(JSON.stringify(response.body))}`;
      assert.ok(response.status < 500, `server error\n${answered}`);
      if (request.mustReject !== undefined) assert.ok(response.status >= 400, `accepted although ${request.mustReject}\n${answered}`);
      if (response.status >= 400) {
        refused++;
        assertNeutronError(response, answered);
        const afterRequest = await fingerprint(api.store.db);
        assert.deepEqual(afterRequest, beforeRequest, `a refused request changed the database\n${answered}`);
        known = afterRequest;
      } else if (!(await worldIntact(api.store.db, world))) {
        world = await buildWorld(api);
      }
    }

    test('POST and PUT with hostile bodies on every collection', async () => {
      await fc.assert(fc.asyncProperty(hostileBodyRequest, check), { numRuns: RUNS.bodies, includeErrorInReport: true });
    });

    test('lists and shows with hostile query strings', async () => {
      await fc.assert(fc.asyncProperty(hostileQueryRequest, check), { numRuns: RUNS.queries, includeErrorInReport: true });
    });

    test('ordinary operations with hostile headers', async () => {
      await fc.assert(fc.asyncProperty(hostileHeaderRequest, check), { numRuns: RUNS.headers, includeErrorInReport: true });
    });

    test('random paths and methods under /v2.0', async () => {
      await fc.assert(fc.asyncProperty(hostilePathRequest, check), { numRuns: RUNS.paths, includeErrorInReport: true });
    });

    test('quotas, tags and IP availability with hostile ids, bodies and names', async () => {
      await fc.assert(fc.asyncProperty(hostileSubresourceRequest, check), { numRuns: RUNS.subresources, includeErrorInReport: true });
    });

    test(`at least ${MIN_REQUESTS} hostile requests were sent`, () => {
      assert.ok(sent >= MIN_REQUESTS, `only ${sent} requests`);
      console.log(`# hostile input (${name}): ${sent} requests, ${refused} refused`);
    });
  });
}
