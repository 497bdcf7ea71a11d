import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { before, test } from 'node:test';
import fc from 'fast-check';
import { sql, type Kysely } from 'kysely';
import type { Database } from '../../src/store/schema.ts';
import { ADMIN, Api, MEMBER_A, type ApiResponse, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import {
  hostileBodyRequest, hostileHeaderRequest, hostilePathRequest, hostileQueryRequest, hostileSubresourceRequest, type HostileRequest, type WorldKey,
} from '../helpers/hostile-generators.ts';

// Acceptance: hostile bodies, query strings, headers and paths never get a
// 5xx; every refusal is a NeutronError body; a refused request leaves the
// database exactly as it was (every row of every table, and the change log).

/** Runs per property; together at least MIN_REQUESTS requests per database. */
const RUNS = { bodies: 1000, queries: 500, headers: 300, paths: 300, subresources: 400 };
const MIN_REQUESTS = 2000;

type World = Record<WorldKey, string>;

/** Tables compared row by row. */
const TABLES = [
  'networks', 'network_segments', 'subnets', 'subnetpools', 'address_scopes', 'ports',
  'extra_dhcp_opts', 'ip_allocations', 'tags', 'quotas', 'security_groups', 'default_security_groups', 'security_group_rules',
  'security_group_port_bindings', 'address_groups', 'address_group_addresses', 'ip_reservations', 'ip_blocks', 'routers', 'router_ports', 'floatingips', 'port_forwardings',
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
  // The world is rebuilt whenever a hostile request deletes part of it (or a quota request lowers project-a's limits):
  // lift every limit first, so that the tenth rebuild is not refused by the router or security group quota.
  const limits = (await api.get('/v2.0/quotas/project-a', ADMIN)).body.quota as Record<string, unknown>;
  assert.equal((await api.put('/v2.0/quotas/project-a', { quota: Object.fromEntries(Object.keys(limits).map((k) => [k, -1])) }, ADMIN)).status, 200);
  const scope = await api.create('address-scopes', 'address_scope', { name: 'world-scope', ip_version: 4, ...owner }, ADMIN);
  const pool = await api.create('subnetpools', 'subnetpool', { name: 'world-pool', prefixes: ['10.200.0.0/16'], address_scope_id: scope.id, ...owner }, ADMIN);
  const network = await api.network({ name: 'world', ...owner }, ADMIN);
  const subnet4 = await api.subnet(network.id, '10.0.0.0/24', owner, ADMIN);
  const subnet6 = await api.subnet(network.id, '2001:db8::/64', { ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac', ...owner }, ADMIN);
  const port = await api.port(network.id, { extra_dhcp_opts: [{ opt_name: 'mtu', opt_value: '1400' }], tags: ['world'], ...owner }, ADMIN);
  assert.equal((await api.put(`/v2.0/networks/${network.id}/tags`, { tags: ['world', 'blue'] }, ADMIN)).status, 200);
  const group = await api.create('security-groups', 'security_group', { name: 'world-group', ...owner }, ADMIN);
  const addressGroup = await api.create('address-groups', 'address_group', { name: 'world-ag', addresses: ['10.77.0.0/16'], ...owner }, ADMIN);
  const rule = await api.create('security-group-rules', 'security_group_rule', { security_group_id: group.id, direction: 'ingress', protocol: 'tcp', ...owner }, ADMIN);
  const reservation = await api.create('ip-reservations', 'ip_reservation', { subnet_id: subnet4.id, cidr: '10.0.0.200/29', purpose: 'world', ...owner }, ADMIN);
  const block = await api.create('ip-blocks', 'ip_block', { subnetpool_id: pool.id, prefixlen: 28, port_id: port.id, ...owner }, ADMIN);
  const external = await api.network({ name: 'world-public', 'router:external': true }, ADMIN);
  await api.subnet(external.id, '100.64.0.0/24', {}, ADMIN);
  const router = await api.create('routers', 'router', { name: 'world-router', external_gateway_info: { network_id: external.id }, ...owner }, ADMIN);
  assert.equal((await api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: subnet4.id }, ADMIN)).status, 200);
  const fip = await api.create('floatingips', 'floatingip', { floating_network_id: external.id, port_id: port.id, ...owner }, ADMIN);
  const pfFip = await api.create('floatingips', 'floatingip', { floating_network_id: external.id, ...owner }, ADMIN);
  const pfPort = await api.port(network.id, { fixed_ips: [{ subnet_id: subnet4.id }], ...owner }, ADMIN);
  const forwarding = await api.post(`/v2.0/floatingips/${pfFip.id}/port_forwardings`,
    { port_forwarding: { protocol: 'tcp', internal_port_id: pfPort.id, internal_port: 22, external_port: 2222 } }, ADMIN);
  assert.equal(forwarding.status, 201, JSON.stringify(forwarding.body));
  return {
    network: network.id, subnet4: subnet4.id, subnet6: subnet6.id, port: port.id, subnetpool: pool.id, scope: scope.id,
    group: group.id, rule: rule.id, addressGroup: addressGroup.id, reservation: reservation.id, block: block.id,
    external: external.id, router: router.id, fip: fip.id, pfFip: pfFip.id, pfPort: pfPort.id, forwarding: forwarding.body.port_forwarding.id,
  };
}

/** The table of each world resource checked for existence; a deleted port forwarding only turns later requests on it into 404s. */
const WORLD_TABLES: Partial<Record<WorldKey, 'networks' | 'subnets' | 'ports' | 'subnetpools' | 'address_scopes' | 'security_groups'
  | 'security_group_rules' | 'address_groups' | 'ip_reservations' | 'ip_blocks' | 'routers' | 'floatingips'>> = {
  network: 'networks', subnet4: 'subnets', subnet6: 'subnets', port: 'ports', subnetpool: 'subnetpools', scope: 'address_scopes',
  group: 'security_groups', rule: 'security_group_rules', addressGroup: 'address_groups', reservation: 'ip_reservations',
  block: 'ip_blocks', external: 'networks', router: 'routers', fip: 'floatingips', pfFip: 'floatingips', pfPort: 'ports',
};

/** Whether every world resource of WORLD_TABLES still exists (hostile DELETEs may succeed). */
async function worldIntact(db: Kysely<Database>, world: World): Promise<boolean> {
  const present = await Promise.all(Object.entries(WORLD_TABLES).map(([key, table]) =>
    db.selectFrom(table).select('id').where('id', '=', world[key as WorldKey]).executeTakeFirst()));
  return present.every((row) => row !== undefined);
}

function assertNeutronError(response: ApiResponse, what: string): void {
  const error = (response.body as { NeutronError?: Record<string, unknown> } | undefined)?.NeutronError;
  assert.ok(typeof response.body === 'object' && response.body !== null && Object.keys(response.body).length === 1 && error !== undefined,
    `refusal without a NeutronError body\n${what}`);
  assert.deepEqual(Object.keys(error).sort(), ['detail', 'message', 'type'], `NeutronError keys\n${what}`);
  for (const key of ['type', 'message', 'detail']) assert.equal(typeof error[key], 'string', `NeutronError.${key} is not a string\n${what}`);
}

/**
 * Minimal reproducers of bugs the properties found, pinned so that they stay
 * fixed. Each must get a NeutronError 4xx (or, without `mustReject`, any
 * non-5xx answer) and leave the database unchanged. `@@network@@` is the
 * world's network.
 */
const deepArray = (depth: number) => `${'['.repeat(depth)}1${']'.repeat(depth)}`;
const repro = (title: string, method: string, path: string, body?: string, mustReject?: string, as: As = ADMIN) => ({
  title, request: { method, path, body, as, headers: {}, mustReject } satisfies HostileRequest,
});
const REPRODUCERS = [
  repro('a prototype-named attribute in a create body (found: 500: no column "constructor")', 'POST', '/v2.0/networks', '{"network":{"constructor":1}}', 'unknown attribute constructor'),
  repro('a prototype-named attribute in a bulk create item (found: 500)', 'POST', '/v2.0/ports', '{"ports":[{"network_id":"@@network@@","toString":"x"}]}', 'unknown attribute toString'),
  repro('__proto__ as a create attribute (found: 201: silently ignored)', 'POST', '/v2.0/networks', '{"network":{"__proto__":{}}}', 'unknown attribute __proto__'),
  repro('__proto__ holding a deep array (found: 500: stack overflow)', 'POST', '/v2.0/ports', `{"port":{"network_id":"@@network@@","__proto__":${deepArray(10000)}}}`, 'unknown attribute __proto__'),
  repro('a prototype-named filter on a tagged collection (found: 500: v.split is not a function)', 'GET', '/v2.0/networks?constructor=x', undefined, 'unknown filter constructor'),
  repro('__proto__ as a filter (found: 200: silently ignored)', 'GET', '/v2.0/subnets?__proto__=x', undefined, 'unknown filter __proto__'),
  repro('an object as tenant_id (found: 500: cannot convert object to primitive)', 'POST', '/v2.0/networks', '{"network":{"tenant_id":{"toString":1}}}', 'tenant_id is not a string'),
  repro('a deeply nested array as tenant_id (found: 500: stack overflow)', 'POST', '/v2.0/networks', `{"network":{"tenant_id":${deepArray(10000)}}}`, 'tenant_id is not a string'),
  repro('an object as a quota limit (found: 500: cannot convert object to primitive)', 'PUT', '/v2.0/quotas/project-a', '{"quota":{"network":{"toString":1}}}', 'a quota limit is an integer'),
  repro('a prototype-named quota resource (found: 200: silently ignored)', 'PUT', '/v2.0/quotas/project-a', '{"quota":{"constructor":1}}', 'unknown quota resource constructor'),
  repro('an integer filter beyond 64 bits (found: 500 on both databases)', 'GET', '/v2.0/networks?mtu=99999999999999999999'),
  repro('an integer filter beyond 32 bits (found: 500 on PostgreSQL: out of range for type integer)', 'GET', '/v2.0/address-scopes?ip_version=99999999999'),
  repro('a provider:segmentation_id beyond 64 bits from a member (found: 500: Do not know how to serialize a BigInt)', 'POST', '/v2.0/networks',
    '{"network":{"provider:segmentation_id":99999999999999999999}}', 'members may not set provider attributes', MEMBER_A),
  repro('default_quota beyond 64 bits (found: 500 on both databases)', 'POST', '/v2.0/subnetpools', '{"subnetpool":{"name":"p","prefixes":["10.240.0.0/16"],"default_quota":99999999999999999999}}'),
  repro('default_quota beyond 32 bits (found: 500 on PostgreSQL)', 'POST', '/v2.0/subnetpools', '{"subnetpool":{"name":"p","prefixes":["10.241.0.0/16"],"default_quota":2147483648}}'),
  repro('a quota limit beyond 32 bits (found: 500 on PostgreSQL)', 'PUT', '/v2.0/quotas/project-a', '{"quota":{"network":99999999999}}'),
  repro('a 256-character project id in a quota path (found: 500 on PostgreSQL)', 'PUT', `/v2.0/quotas/${'p'.repeat(256)}`, '{"quota":{"network":5}}'),
  repro('an empty object as dns_nameservers (found: 500: object is not iterable)', 'PUT', '/v2.0/subnets/@@subnet4@@', '{"subnet":{"dns_nameservers":{}},"extra":1}', undefined, MEMBER_A),
  repro('an object of addresses as dns_nameservers (stored as the list of its keys, as Python iterates it)', 'PUT', '/v2.0/subnets/@@subnet4@@', '{"subnet":{"dns_nameservers":{"10.0.0.53":1}}}'),
  repro('NUL in a resource id (found: 500 on PostgreSQL: invalid byte sequence 0x00)', 'GET', '/v2.0/networks/%00'),
  repro('NUL in a filter value (found: 500 on PostgreSQL)', 'GET', '/v2.0/networks?name=%00'),
  repro('NUL in a tag (found: 500 on PostgreSQL)', 'PUT', '/v2.0/networks/@@network@@/tags/%00'),
  repro('NUL in a quota project id (found: 500 on PostgreSQL)', 'GET', '/v2.0/quotas/%00'),
  repro('malformed percent-encoding in the path (found: 400 with a Fastify body)', 'GET', '/v2.0/networks/%zz'),
  repro('a path segment over 1024 characters (found: 414 with a Fastify body)', 'GET', `/v2.0/networks/${'a'.repeat(1025)}`),
  repro('a URI over 8192 characters in one segment (found: 414 with a Fastify body)', 'GET', `/v2.0/networks/${'x'.repeat(9000)}`),
];

const clip = (text: string | undefined, max = 600) => (text === undefined ? '(none)' : text.length > max ? `${text.slice(0, max)}… (${text.length} chars)` : text);

forEachApi('hostile input', ({ name, api }) => {
  let world: World;
  let sent = 0;
  let refused = 0;

  before(async () => {
    world = await buildWorld(api);
  });

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

  test('quotas, tags, IP availability, router actions and port forwardings with hostile ids, bodies and names', async () => {
    await fc.assert(fc.asyncProperty(hostileSubresourceRequest, check), { numRuns: RUNS.subresources, includeErrorInReport: true });
  });

  for (const { title, request } of REPRODUCERS) {
    test(`reproducer: ${title}`, () => check(request));
  }

  test(`at least ${MIN_REQUESTS} hostile requests were sent`, () => {
    assert.ok(sent >= MIN_REQUESTS, `only ${sent} requests (a property stops at its first counterexample)`);
    console.log(`# hostile input (${name}): ${sent} requests, ${refused} refused`);
  });
});
