import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import { before, test } from 'node:test';
import { BuiltinIpamDriver } from '../../src/core/ipam/builtin-ipam-driver.ts';
import { IpAllocator } from '../../src/core/ipam/ip-allocator.ts';
import { subnetPool, subnetViewOf, type SubnetView } from '../../src/core/ipam/subnet-view.ts';
import { IpAddressReserved } from '../../src/core/errors.ts';
import { parseIpAddress, valueToHex } from '../../src/ipam/ip-address.ts';
import { FreeRangeRepo } from '../../src/store/repos/free-range-repo.ts';
import { IpAllocationRepo } from '../../src/store/repos/ip-allocation-repo.ts';
import { IpReservationRepo, type ReservedRange } from '../../src/store/repos/ip-reservation-repo.ts';
import type { Tx } from '../../src/store/store.ts';
import { ADMIN } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * A port asking for an address while another project's reservation of that
 * address commits (PostgreSQL, READ COMMITTED). The interleaving that once let
 * both succeed, replayed step by step on two connections:
 *
 *  1. the port's first take of the address fails although the address is free
 *     (a concurrent commit split its free row after that statement's snapshot);
 *  2. a reservation of project A takes the address out of the free rows and
 *     records itself, not yet committed;
 *  3. the port looks for a covering reservation: none visible yet;
 *  4. the reservation commits;
 *  5. the port takes again: the address is gone.
 * Deciding on step 3's read ("no reservation, so the address is unmanaged")
 * handed a reserved address to project B; the answer must come from reads made
 * after the last take: IpAddressReserved.
 */
forEachApi('IPAM: asking for an address while a reservation of it commits', ({ name, api }) => {
  const onPostgres = { skip: name !== 'postgres' && 'needs concurrent transactions (PostgreSQL)' };
  let subnet: SubnetView;
  const address = parseIpAddress('192.0.2.30')!.value;

  before(async () => {
    const net = await api.network({ name: 'race', shared: true }, ADMIN);
    const created = await api.subnet(net.id, '192.0.2.0/24', { allocation_pools: [{ start: '192.0.2.10', end: '192.0.2.57' }] }, ADMIN);
    subnet = await api.store.read(async (tx) => subnetViewOf((await tx.db.selectFrom('subnets').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()) as never));
  });

  test('the port sees the reservation that committed while it took the address: IpAddressReserved, not the address', onPostgres, async () => {
    let reservationCommitted: Promise<void> = Promise.resolve();
    let commitReservation = () => {};
    const reservationHolds = (): Promise<void> => new Promise((holding) => {
      reservationCommitted = api.store.transaction(async (tx) => {
        assert.ok(await new FreeRangeRepo().takeRange(tx, subnetPool(subnet.id), address, address));
        await insertReservation(tx, subnet, address, 'project-a');
        holding();
        await new Promise<void>((resolve) => { commitReservation = resolve; });
      });
    });

    class SplitHidesFirstLook extends FreeRangeRepo {
      private looks = 0;
      override async takeSpecific(tx: Tx, pool: string, value: bigint): Promise<boolean> {
        if (++this.looks > 1) return super.takeSpecific(tx, pool, value);
        await reservationHolds(); // step 2, during step 1's failed look
        return false;
      }
    }
    class CommitsAfterFirstLook extends IpReservationRepo {
      private looks = 0;
      override async covering(tx: Tx, subnetId: string, hex: string): Promise<ReservedRange | undefined> {
        const seen = await super.covering(tx, subnetId, hex);
        if (++this.looks === 1) {
          assert.equal(seen, undefined, 'the uncommitted reservation is not visible yet');
          commitReservation(); // step 4
          await reservationCommitted;
        }
        return seen;
      }
    }

    const driver = new BuiltinIpamDriver(new SplitHidesFirstLook(), new IpAllocationRepo(), new CommitsAfterFirstLook());
    const claim = api.store.transaction((tx) => driver.allocateSpecific(tx, subnet, address, async () => 'project-b'));
    await assert.rejects(claim, IpAddressReserved);
    await reservationCommitted;
    const free = await api.store.read((tx) => new FreeRangeRepo().ranges(tx, subnetPool(subnet.id)));
    assert.ok(free.every((r) => address < r.first || address > r.last), 'the reserved address is not free');
  });
});

/**
 * A port asking for an address that another port holds, while that port is
 * deleted: the look sees the holder (`held`), the holder's delete commits
 * (the address goes back to the free ranges), and the insert that should
 * have been refused goes through. Keeping it would leave the address both
 * free and held; the allocator must decide again, and then takes it from the
 * free ranges.
 */
forEachApi('IPAM: asking for a held address while its holder lets it go', ({ name, api }) => {
  const onPostgres = { skip: name !== 'postgres' && 'needs concurrent transactions (PostgreSQL)' };

  test('the address is taken from the free ranges, not allocated beside them', onPostgres, async () => {
    const net = await api.network({ name: 'held-race', shared: true }, ADMIN);
    const created = await api.subnet(net.id, '198.51.100.0/24', { allocation_pools: [{ start: '198.51.100.10', end: '198.51.100.57' }] }, ADMIN);
    const subnet = await api.store.read(async (tx) => subnetViewOf((await tx.db.selectFrom('subnets').selectAll().where('id', '=', created.id).executeTakeFirstOrThrow()) as never));
    const address = '198.51.100.30';
    const holder = await api.request('POST', '/v2.0/ports', { port: { network_id: net.id, fixed_ips: [{ subnet_id: created.id, ip_address: address }] } }, ADMIN);
    assert.equal(holder.status, 201);
    const asker = await api.request('POST', '/v2.0/ports', { port: { network_id: net.id, fixed_ips: [] } }, ADMIN);
    assert.equal(asker.status, 201);

    let released = false;
    class HolderLeavesAfterLook extends IpAllocationRepo {
      override async exists(tx: Tx, subnetId: string, hex: string): Promise<boolean> {
        const seen = await super.exists(tx, subnetId, hex);
        if (!released) {
          released = true;
          assert.equal(seen, true, 'the holder is seen');
          assert.equal((await api.request('DELETE', `/v2.0/ports/${holder.body.port.id}`, undefined, ADMIN)).status, 204);
        }
        return seen;
      }
    }
    const allocations = new HolderLeavesAfterLook();
    const allocator = new IpAllocator(new BuiltinIpamDriver(new FreeRangeRepo(), allocations, new IpReservationRepo()), allocations);
    const port = asker.body.port;
    const got = await api.store.transaction((tx) => allocator.allocate(tx, { id: port.id, networkId: net.id, macAddress: port.mac_address, deviceOwner: '' }, [subnet], [{ subnet_id: created.id, ip_address: address }]));
    assert.ok(released, 'the interleaving happened');
    assert.deepEqual(got, [{ subnet_id: created.id, ip_address: address }]);
    const value = parseIpAddress(address)!.value;
    const free = await api.store.read((tx) => new FreeRangeRepo().ranges(tx, subnetPool(subnet.id)));
    assert.ok(free.every((r) => value < r.first || value > r.last), 'the allocated address is not also free');
  });
});

async function insertReservation(tx: Tx, subnet: SubnetView, value: bigint, projectId: string): Promise<void> {
  const hex = valueToHex(value);
  await tx.db.insertInto('ip_reservations').values({
    id: randomUUID(), project_id: projectId, name: '', description: '', subnet_id: subnet.id, ip_version: 4,
    start_ip_address: '192.0.2.30', end_ip_address: '192.0.2.30', cidr: null, first_hex: hex, last_hex: hex, purpose: '',
    expires_at: null, created_at: tx.now, updated_at: tx.now, revision_number: 0,
  }).execute();
}
