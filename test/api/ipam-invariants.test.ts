import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { IntervalSet, type Range } from '../../src/ipam/interval-set.ts';
import { ADMIN, Api, expectError } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Issue "Service-provider-grade IPAM", acceptance 2: any interleaving of
 * allocate / reserve / release / expire keeps the free, reserved and used
 * sets of a subnet disjoint with their union equal to its allocation pools —
 * checked against the database after every step — and every answer is the
 * one a simple model of the three sets predicts. Driven through the API, so
 * the whole path (hooks, IPAM driver, free intervals) is under test.
 *
 * The subnet is 192.0.2.0/28 with two allocation pools (.1–.6, .9–.13),
 * small enough to be exhausted often and for random requests to collide;
 * .7 and .8 are outside the pools (an admin may still take them), .14 is
 * the gateway.
 */
const POOLS = [{ start: '192.0.2.1', end: '192.0.2.6' }, { start: '192.0.2.9', end: '192.0.2.13' }];
const IN_POOL = [1, 2, 3, 4, 5, 6, 9, 10, 11, 12, 13];
const BROADCAST = 15;
const PROJECTS = ['project-a', 'project-b'];
const ip = (n: number) => `192.0.2.${n}`;
const octet = (text: string) => Number(text.split('.')[3]);

type Command =
  | { kind: 'allocateAny'; project: number }
  | { kind: 'allocateSpecific'; project: number; address: number }
  | { kind: 'release'; pick: number }
  | { kind: 'reserve'; project: number; first: number; size: number }
  | { kind: 'unreserve'; pick: number }
  | { kind: 'expire'; pick: number; sweep: boolean };

const command: fc.Arbitrary<Command> = fc.oneof(
  { arbitrary: fc.record({ kind: fc.constant('allocateAny' as const), project: fc.nat(1) }), weight: 4 },
  { arbitrary: fc.record({ kind: fc.constant('allocateSpecific' as const), project: fc.nat(1), address: fc.constantFrom(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, BROADCAST) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('release' as const), pick: fc.nat() }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('reserve' as const), project: fc.nat(1), first: fc.integer({ min: 0, max: BROADCAST }), size: fc.integer({ min: 1, max: 3 }) }), weight: 3 },
  { arbitrary: fc.record({ kind: fc.constant('unreserve' as const), pick: fc.nat() }), weight: 1 },
  { arbitrary: fc.record({ kind: fc.constant('expire' as const), pick: fc.nat(), sweep: fc.boolean() }), weight: 2 },
);

/**
 * Counterexamples fast-check found once, replayed on every run: another
 * project asking for an address both reserved and held by a port must hear
 * that it is allocated (IpAddressAlreadyAllocated), not that it is reserved.
 */
const FOUND_BEFORE: Array<[Command[]]> = [
  [[{ kind: 'reserve', project: 0, first: 12, size: 2 }, { kind: 'allocateSpecific', project: 0, address: 13 },
    { kind: 'allocateSpecific', project: 1, address: 13 }, { kind: 'allocateSpecific', project: 0, address: 0 }]],
];

/** What the test believes: who holds which address. */
interface Model {
  free: Set<number>;
  /** Port id → its address and project. */
  ports: Map<string, { address: number; project: string }>;
  /** Reservation id → range, project, and whether its expiry has passed (not yet swept). */
  reservations: Map<string, { first: number; last: number; project: string; lapsed: boolean }>;
}

forEachApi('IPAM invariants under any interleaving', ({ name, api }) => {
  test('free, reserved and used stay disjoint and cover the pools; answers match the model', async () => {
    let round = 0;
    await fc.assert(fc.asyncProperty(fc.array(command, { minLength: 1, maxLength: 25 }), async (commands) => {
      const network = await api.network({ name: `inv-${round++}`, shared: true }, ADMIN);
      const subnet = await api.subnet(network.id, '192.0.2.0/28', { allocation_pools: POOLS, gateway_ip: '192.0.2.14' }, ADMIN);
      const model: Model = { free: new Set(IN_POOL), ports: new Map(), reservations: new Map() };
      for (const c of commands) {
        await run(api, subnet.id, network.id, model, c);
        await checkInvariant(api, subnet.id, model, c);
      }
      for (const id of model.ports.keys()) assert.equal((await api.delete(`/v2.0/ports/${id}`, ADMIN)).status, 204);
      assert.equal((await api.delete(`/v2.0/networks/${network.id}`, ADMIN)).status, 204);
    }), { numRuns: name === 'sqlite' ? 150 : 40, examples: FOUND_BEFORE });
  });
});

/** The model after the driver ends every lapsed reservation (their addresses not lent to ports become free). */
function swept(model: Model): Model {
  const out: Model = { free: new Set(model.free), ports: model.ports, reservations: new Map(model.reservations) };
  const lent = new Set([...model.ports.values()].map((p) => p.address));
  for (const [id, r] of model.reservations) {
    if (!r.lapsed) continue;
    for (let a = r.first; a <= r.last; a++) if (!lent.has(a)) out.free.add(a);
    out.reservations.delete(id);
  }
  return out;
}

/** Sends one command and checks its answer against the model, then updates the model. */
async function run(api: Api, subnetId: string, networkId: string, model: Model, c: Command): Promise<void> {
  const adopt = (next: Model) => { model.free = next.free; model.reservations = next.reservations; };
  const reservedFor = (address: number) => [...model.reservations.values()].find((r) => address >= r.first && address <= r.last);
  switch (c.kind) {
    case 'allocateAny': {
      const project = PROJECTS[c.project]!;
      // Exhausted pools first end lapsed reservations; a failure rolls that back too.
      if (model.free.size === 0 && swept(model).free.size > 0) adopt(swept(model));
      const answer = await api.post('/v2.0/ports', { port: { network_id: networkId, project_id: project } }, ADMIN);
      if (model.free.size === 0) { expectError(answer, 409, 'IpAddressGenerationFailure'); return; }
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      const address = octet(answer.body.port.fixed_ips[0].ip_address);
      assert.ok(model.free.has(address), `allocated ${address}, which the model does not hold free`);
      model.free.delete(address);
      model.ports.set(answer.body.port.id, { address, project });
      return;
    }
    case 'allocateSpecific': {
      const project = PROJECTS[c.project]!;
      const answer = await api.post('/v2.0/ports', { port: { network_id: networkId, project_id: project, fixed_ips: [{ subnet_id: subnetId, ip_address: ip(c.address) }] } }, ADMIN);
      if (c.address === 0 || c.address === BROADCAST) { expectError(answer, 400, 'InvalidIpForSubnet'); return; }
      if ([...model.ports.values()].some((p) => p.address === c.address)) { expectError(answer, 409, 'IpAddressAlreadyAllocated'); return; }
      const reservation = reservedFor(c.address);
      if (reservation?.lapsed) adopt(swept(model));
      else if (reservation && reservation.project !== project) { expectError(answer, 409, 'IpAddressReserved'); return; }
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      model.free.delete(c.address);
      model.ports.set(answer.body.port.id, { address: c.address, project });
      return;
    }
    case 'release': {
      const ids = [...model.ports.keys()];
      if (ids.length === 0) return;
      const id = ids[c.pick % ids.length]!;
      assert.equal((await api.delete(`/v2.0/ports/${id}`, ADMIN)).status, 204);
      const { address } = model.ports.get(id)!;
      model.ports.delete(id);
      if (IN_POOL.includes(address) && !reservedFor(address)) model.free.add(address);
      return;
    }
    case 'reserve': {
      const first = c.first;
      const last = Math.min(BROADCAST, c.first + c.size - 1);
      const project = PROJECTS[c.project]!;
      const body = { ip_reservation: { subnet_id: subnetId, start_ip_address: ip(first), end_ip_address: ip(last), project_id: project } };
      const answer = await api.post('/v2.0/ip-reservations', body, ADMIN);
      const range = Array.from({ length: last - first + 1 }, (_, i) => first + i);
      const allFree = (m: Model) => range.every((a) => m.free.has(a));
      // Addresses outside the pools are refused at once; taken ones after ending lapsed reservations (rolled back on failure).
      if (range.every((a) => IN_POOL.includes(a)) && !allFree(model) && allFree(swept(model))) adopt(swept(model));
      if (!range.every((a) => IN_POOL.includes(a)) || !allFree(model)) { expectError(answer, 409, 'IpAddressReservationConflict'); return; }
      assert.equal(answer.status, 201, JSON.stringify(answer.body));
      for (const a of range) model.free.delete(a);
      model.reservations.set(answer.body.ip_reservation.id, { first, last, project, lapsed: false });
      return;
    }
    case 'unreserve': {
      const ids = [...model.reservations.keys()];
      if (ids.length === 0) return;
      const id = ids[c.pick % ids.length]!;
      assert.equal((await api.delete(`/v2.0/ip-reservations/${id}`, ADMIN)).status, 204);
      const r = model.reservations.get(id)!;
      model.reservations.delete(id);
      for (let a = r.first; a <= r.last; a++) if (IN_POOL.includes(a) && ![...model.ports.values()].some((p) => p.address === a)) model.free.add(a);
      return;
    }
    case 'expire': {
      const ids = [...model.reservations.keys()];
      if (ids.length > 0) {
        const id = ids[c.pick % ids.length]!;
        await api.store.transaction((tx) => tx.db.updateTable('ip_reservations').set({ expires_at: '2000-01-01T00:00:00Z' }).where('id', '=', id).execute());
        model.reservations.get(id)!.lapsed = true;
      }
      if (c.sweep) {
        await api.services.ipamMaintenance.runOnce();
        adopt(swept(model));
      }
      return;
    }
  }
}

/** Reads the three sets from the database and checks them against each other, the pools and the model. */
async function checkInvariant(api: Api, subnetId: string, model: Model, c: Command): Promise<void> {
  const db = api.store.db;
  const freeRows = (await db.selectFrom('free_ranges').select(['first_hex', 'last_hex']).where('pool', '=', `subnet:${subnetId}`).execute())
    .map((r) => ({ first: BigInt(`0x${r.first_hex}`), last: BigInt(`0x${r.last_hex}`) }));
  const used = (await db.selectFrom('ip_allocations').select('ip_hex').where('subnet_id', '=', subnetId).execute()).map((r) => BigInt(`0x${r.ip_hex}`));
  const reservations = (await db.selectFrom('ip_reservations').select(['first_hex', 'last_hex']).where('subnet_id', '=', subnetId).execute())
    .map((r) => ({ first: BigInt(`0x${r.first_hex}`), last: BigInt(`0x${r.last_hex}`) }));
  const base = 0xc0000200n; // 192.0.2.0
  const pool = IntervalSet.of(IN_POOL.map((n) => single(base + BigInt(n))));
  const free = IntervalSet.of(freeRows);
  const usedSet = IntervalSet.of(used.map(single));
  const reservedAll = IntervalSet.of(reservations);
  const reserved = reservedAll.subtract(usedSet);
  const where = `after ${JSON.stringify(c)}`;

  assert.equal(freeRows.reduce((s, r) => s + r.last - r.first + 1n, 0n), free.size(), `free rows overlap ${where}`);
  assert.equal(reservations.reduce((s, r) => s + r.last - r.first + 1n, 0n), reservedAll.size(), `reservations overlap ${where}`);
  assert.ok(free.intersect(usedSet).isEmpty(), `a used address is free ${where}`);
  assert.ok(free.intersect(reservedAll).isEmpty(), `a reserved address is free ${where}`);
  assert.ok(reservedAll.subtract(pool).isEmpty(), `a reservation leaves the pools ${where}`);
  assert.ok(free.union(reserved).union(usedSet.intersect(pool)).equals(pool), `free ∪ reserved ∪ used ≠ pool ${where}`);
  // And the database agrees with the model.
  assert.deepEqual(free.ranges().flatMap(values).map((v) => Number(v - base)).sort((a, b) => a - b), [...model.free].sort((a, b) => a - b), `free set ${where}`);
  assert.deepEqual(used.map((v) => Number(v - base)).sort((a, b) => a - b), [...model.ports.values()].map((p) => p.address).sort((a, b) => a - b), `used set ${where}`);
  assert.equal(reservations.length, model.reservations.size, `reservations ${where}`);
}

function single(value: bigint): Range {
  return { first: value, last: value };
}

function values(range: Range): bigint[] {
  const out: bigint[] = [];
  for (let v = range.first; v <= range.last; v++) out.push(v);
  return out;
}
