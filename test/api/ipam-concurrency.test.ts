import assert from 'node:assert/strict';
import { Agent } from 'node:http';
import { after, before, test } from 'node:test';
import { IntervalSet, type Range } from '../../src/ipam/interval-set.ts';
import { openDatabase, type StoreDatabase } from '../../src/store/db.ts';
import { ADMIN, type As } from '../helpers/api-harness.ts';
import { forEachDatabase } from '../helpers/for-each-database.ts';
import { httpJson } from '../helpers/http-json.ts';
import { ServerProcess } from '../helpers/server-process.ts';

/*
 * Issue "Service-provider-grade IPAM", acceptance 1: 64 clients racing for
 * reservations and ports in one small pool → no overlap, no duplicate, no
 * 5xx. Real `muon serve` processes over sockets (two sharing PostgreSQL), as
 * in concurrency.test.ts; afterwards the database itself is checked: free
 * intervals, reservations and allocations disjoint, covering the pool.
 */

const CLIENTS = 64;
const OPERATIONS_PER_CLIENT = 8;
const FIRST = 10;
const LAST = 57; // the pool: 192.0.2.10–.57, 48 addresses
const TEST_TIMEOUT_MS = 150_000;
const REQUEST_TIMEOUT_MS = 30_000;
const EXPECTED_REFUSALS = new Set(['IpAddressGenerationFailure', 'IpAddressReservationConflict', 'IpAddressAlreadyAllocated', 'IpAddressReserved']);
const PROJECTS = ['project-a', 'project-b'];

interface Answer { status: number; body: any; error?: string; what: string }

async function send(agent: Agent, base: string, method: string, path: string, body: unknown, as: As, what: string): Promise<Answer> {
  return { ...(await httpJson(`${base}${path}`, method, { agent, timeoutMs: REQUEST_TIMEOUT_MS, as, body })), what };
}

/** A small deterministic PRNG per client (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ip = (n: number) => `192.0.2.${n}`;
const tally = (answers: readonly Answer[]) => {
  const out: Record<string, number> = {};
  for (const a of answers) {
    const key = `${a.what} ${a.status} ${a.body?.NeutronError?.type ?? a.error ?? ''}`.trim();
    out[key] = (out[key] ?? 0) + 1;
  }
  return out;
};

forEachDatabase(`IPAM concurrency: ${CLIENTS} clients race for reservations and ports in a ${LAST - FIRST + 1}-address pool`, ({ name, db }) => {
  const processes = name === 'postgres' ? 2 : 1;
  let store: StoreDatabase | undefined;
  const servers: ServerProcess[] = [];
  const agents: Agent[] = [];
  let networkId = '';
  let subnetId = '';
  const call = (i: number, method: string, path: string, body: unknown, as: As, what: string) =>
    send(agents[i % servers.length]!, servers[i % servers.length]!.url, method, path, body, as, what);

  before(async () => {
    for (let i = 0; i < processes; i++) {
      servers.push(await ServerProcess.start({ databaseUrl: db.url, env: { MUON_IPAM_SWEEP_INTERVAL: '0' } }));
      agents.push(new Agent({ keepAlive: true, maxSockets: CLIENTS }));
    }
    const net = await call(0, 'POST', '/v2.0/networks', { network: { name: 'race', shared: true } }, ADMIN, 'network');
    assert.equal(net.status, 201, JSON.stringify(net.body));
    networkId = net.body.network.id;
    const subnet = await call(processes - 1, 'POST', '/v2.0/subnets', { subnet: {
      network_id: networkId, cidr: '192.0.2.0/24', ip_version: 4, allocation_pools: [{ start: ip(FIRST), end: ip(LAST) }],
    } }, ADMIN, 'subnet');
    assert.equal(subnet.status, 201, JSON.stringify(subnet.body));
    subnetId = subnet.body.subnet.id;
    store = openDatabase(db.url);
  });

  after(async () => {
    for (const agent of agents) agent.destroy();
    await Promise.all(servers.map((s) => s.stop()));
    await store?.close();
  });

  test('random reservations, automatic and requested ports: no 5xx, no overlap, no duplicate, sets disjoint and covering the pool', { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const started = Date.now();
    const answers = (await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
      const next = random(client + 1);
      const mine: Answer[] = [];
      for (let op = 0; op < OPERATIONS_PER_CLIENT; op++) {
        const roll = next();
        const project = PROJECTS[Math.floor(next() * 2)]!;
        const address = FIRST + Math.floor(next() * (LAST - FIRST + 1));
        if (roll < 0.35) {
          const last = Math.min(LAST, address + Math.floor(next() * 3));
          mine.push(await call(client + op, 'POST', '/v2.0/ip-reservations', { ip_reservation: {
            subnet_id: subnetId, start_ip_address: ip(address), end_ip_address: ip(last), project_id: project,
          } }, ADMIN, 'reserve'));
        } else if (roll < 0.7) {
          mine.push(await call(client + op, 'POST', '/v2.0/ports', { port: { network_id: networkId, project_id: project } }, ADMIN, 'port'));
        } else {
          mine.push(await call(client + op, 'POST', '/v2.0/ports', { port: {
            network_id: networkId, project_id: project, fixed_ips: [{ subnet_id: subnetId, ip_address: ip(address) }],
          } }, ADMIN, 'port at'));
        }
      }
      return mine;
    }))).flat();
    t.diagnostic(`${answers.length} requests in ${Date.now() - started} ms: ${JSON.stringify(tally(answers))}`);

    assert.deepEqual(answers.filter((a) => a.status >= 500 || a.status === 0), [], 'no 5xx, every request answered');
    for (const a of answers.filter((x) => x.status !== 201)) {
      assert.equal(a.status, 409, JSON.stringify(a));
      assert.ok(EXPECTED_REFUSALS.has(a.body?.NeutronError?.type), JSON.stringify(a));
    }
    assert.ok(answers.some((a) => a.what === 'reserve' && a.status === 201) && answers.some((a) => a.what.startsWith('port') && a.status === 201), 'both kinds succeeded');

    // What the API says is held: every reservation and every port, consistent with each other.
    const reservations = (await call(0, 'GET', `/v2.0/ip-reservations?subnet_id=${subnetId}`, undefined, ADMIN, 'list')).body.ip_reservations;
    const ports = (await call(processes - 1, 'GET', `/v2.0/ports?network_id=${networkId}`, undefined, ADMIN, 'list')).body.ports;
    assert.equal(reservations.length, answers.filter((a) => a.what === 'reserve' && a.status === 201).length);
    assert.equal(ports.length, answers.filter((a) => a.what.startsWith('port') && a.status === 201).length);
    const octet = (text: string) => Number(text.split('.')[3]);
    const reserved = reservations.map((r: any) => ({ first: BigInt(octet(r.start_ip_address)), last: BigInt(octet(r.end_ip_address)), project: r.project_id }));
    assert.equal(IntervalSet.of(reserved).size(), reserved.reduce((s: bigint, r: Range) => s + r.last - r.first + 1n, 0n), 'reservations overlap');
    const held = ports.map((p: any) => ({ address: octet(p.fixed_ips[0].ip_address), project: p.project_id }));
    assert.equal(new Set(held.map((h: any) => h.address)).size, held.length, 'an address held twice');
    for (const h of held) {
      const r = reserved.find((x: any) => BigInt(h.address) >= x.first && BigInt(h.address) <= x.last);
      assert.ok(r === undefined || r.project === h.project, `port of ${h.project} holds ${h.address}, reserved for ${r?.project}`);
    }

    // And the database's own bookkeeping: free ∪ reserved ∪ used = pool, pairwise disjoint.
    const rows = await store!.db.selectFrom('free_ranges').select(['first_hex', 'last_hex']).where('pool', '=', `subnet:${subnetId}`).execute();
    const base = 0xc0000200n;
    const free = rows.map((r) => ({ first: BigInt(`0x${r.first_hex}`) - base, last: BigInt(`0x${r.last_hex}`) - base }));
    const freeSet = IntervalSet.of(free);
    assert.equal(freeSet.size(), free.reduce((s, r) => s + r.last - r.first + 1n, 0n), 'free rows overlap');
    const used = IntervalSet.of(held.map((h: any) => ({ first: BigInt(h.address), last: BigInt(h.address) })));
    const reservedSet = IntervalSet.of(reserved);
    assert.ok(freeSet.intersect(used).isEmpty(), 'a used address is free');
    assert.ok(freeSet.intersect(reservedSet).isEmpty(), 'a reserved address is free');
    assert.ok(freeSet.union(reservedSet).union(used).equals(IntervalSet.of([{ first: BigInt(FIRST), last: BigInt(LAST) }])), 'free ∪ reserved ∪ used ≠ pool');
    const usage = (await call(0, 'GET', `/v2.0/subnet-ip-usages/${subnetId}`, undefined, ADMIN, 'usage')).body.subnet_ip_usage;
    assert.deepEqual([usage.total_ips, usage.used_ips, usage.free_ips, usage.reserved_ips],
      [LAST - FIRST + 1, held.length, Number(freeSet.size()), Number(reservedSet.subtract(used).size())]);
  });

  test(`${CLIENTS} clients racing for IP blocks and subnets of one subnet pool: no overlap, the pool used up, no 5xx`, { timeout: TEST_TIMEOUT_MS }, async (t) => {
    const pool = await call(0, 'POST', '/v2.0/subnetpools', { subnetpool: { name: 'race', prefixes: ['100.64.0.0/26'], min_prefixlen: 24, shared: true } }, ADMIN, 'pool');
    assert.equal(pool.status, 201, JSON.stringify(pool.body));
    const poolId = pool.body.subnetpool.id;
    const networks: string[] = [];
    for (let i = 0; i < 4; i++) networks.push((await call(i, 'POST', '/v2.0/networks', { network: { name: `carve-${i}` } }, ADMIN, 'network')).body.network.id);
    const answers = (await Promise.all(Array.from({ length: CLIENTS }, async (_, client) => {
      const mine: Answer[] = [];
      for (let attempt = 0; attempt < 20; attempt++) {
        const answer = client % 2 === 0
          ? await call(client + attempt, 'POST', '/v2.0/ip-blocks', { ip_block: { subnetpool_id: poolId, prefixlen: 30, project_id: PROJECTS[client % 2] } }, ADMIN, 'block')
          : await call(client + attempt, 'POST', '/v2.0/subnets', { subnet: { network_id: networks[client % 4], subnetpool_id: poolId, ip_version: 4, prefixlen: 29 } }, ADMIN, 'subnet');
        mine.push(answer);
        if (answer.status !== 201) break;
      }
      return mine;
    }))).flat();
    t.diagnostic(JSON.stringify(tally(answers)));
    assert.deepEqual(answers.filter((a) => a.status >= 500 || a.status === 0), [], 'no 5xx, every request answered');
    for (const a of answers.filter((x) => x.status !== 201)) assert.equal(a.body?.NeutronError?.type, 'SubnetAllocationError', JSON.stringify(a));
    const carved = answers.filter((a) => a.status === 201).map((a) => a.body.ip_block?.cidr ?? a.body.subnet.cidr as string);
    const ranges = carved.map((c) => {
      const [address, length] = c.split('/');
      const first = BigInt(Number(address!.split('.')[3]));
      return { first, last: first + (1n << BigInt(32 - Number(length))) - 1n };
    });
    const union = IntervalSet.of(ranges);
    assert.equal(union.size(), ranges.reduce((s, r) => s + r.last - r.first + 1n, 0n), `overlapping prefixes: ${carved}`);
    assert.equal(union.size(), 64n, 'the /26 is used up (every /30 and /29 fit exactly)');
    const usage = (await call(1, 'GET', `/v2.0/subnetpool-ip-usages/${poolId}`, undefined, ADMIN, 'usage')).body.subnetpool_ip_usage;
    assert.deepEqual([usage.allocated_ips, usage.unallocated_ips, usage.block_count + usage.subnet_count], [64, 0, carved.length]);
  });

  test(`${CLIENTS} clients reserving the same range: exactly one wins, the rest 409, no 5xx`, { timeout: TEST_TIMEOUT_MS }, async () => {
    // Clear the subnet, then race.
    const reservations = (await call(0, 'GET', `/v2.0/ip-reservations?subnet_id=${subnetId}`, undefined, ADMIN, 'list')).body.ip_reservations;
    for (const r of reservations) assert.equal((await call(0, 'DELETE', `/v2.0/ip-reservations/${r.id}`, undefined, ADMIN, 'delete')).status, 204);
    const ports = (await call(0, 'GET', `/v2.0/ports?network_id=${networkId}`, undefined, ADMIN, 'list')).body.ports;
    for (const p of ports) assert.equal((await call(0, 'DELETE', `/v2.0/ports/${p.id}`, undefined, ADMIN, 'delete')).status, 204);
    const answers = await Promise.all(Array.from({ length: CLIENTS }, (_, client) => call(client, 'POST', '/v2.0/ip-reservations', { ip_reservation: {
      subnet_id: subnetId, start_ip_address: ip(20), end_ip_address: ip(23), project_id: PROJECTS[client % 2],
    } }, ADMIN, 'reserve')));
    assert.deepEqual(answers.filter((a) => a.status >= 500 || a.status === 0), []);
    assert.equal(answers.filter((a) => a.status === 201).length, 1, JSON.stringify(tally(answers)));
    for (const a of answers.filter((x) => x.status !== 201)) assert.equal(a.body?.NeutronError?.type, 'IpAddressReservationConflict');
    const usage = (await call(processes - 1, 'GET', `/v2.0/subnet-ip-usages/${subnetId}`, undefined, ADMIN, 'usage')).body.subnet_ip_usage;
    assert.deepEqual([usage.used_ips, usage.reserved_ips, usage.free_ips], [0, 4, LAST - FIRST + 1 - 4]);
  });
});
