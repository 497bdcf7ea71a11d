import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { EXPAND_MIGRATIONS } from '../../src/store/migrations/index.ts';
import { migrate, openDatabase, runMigrations, type StoreDatabase } from '../../src/store/db.ts';
import { ADMIN, Api } from '../helpers/api-harness.ts';
import { forEachDatabase } from '../helpers/for-each-database.ts';

/**
 * Expand 0008 seeds the free prefix space of the subnet pools that exist
 * when it runs (their prefixes minus their subnets), so that a database
 * upgraded in place keeps carving subnets and blocks exactly.
 */
const POOL_ID = '5a1f2c3d-0000-4000-8000-000000000001';

forEachDatabase('expand 0008 on an existing database', ({ db }) => {
  let store: StoreDatabase;
  before(() => { store = openDatabase(db.url); });
  after(async () => { await store.close(); });

  test('pools made before 0008 get their free space: prefixes minus subnets', async () => {
    const before0008 = Object.fromEntries(Object.entries(EXPAND_MIGRATIONS).filter(([key]) => key < '0008'));
    await runMigrations(store.db, before0008, 'muon_migrations_expand');
    const now = '2026-01-01T00:00:00Z';
    const standard = { description: '', created_at: now, updated_at: now, revision_number: 0 };
    await store.db.insertInto('subnetpools').values({
      ...standard, id: POOL_ID, project_id: 'p', name: 'old', ip_version: 4, prefixes: JSON.stringify(['10.9.0.0/24']), default_quota: null,
      default_prefixlen: 26, min_prefixlen: 24, max_prefixlen: 30, is_default: 0, shared: 0, address_scope_id: null, ip_usage_warning_percent: null,
    }).execute();
    await store.db.insertInto('networks').values({
      ...standard, id: 'net-1', project_id: 'p', name: 'n', admin_state_up: 1, status: 'ACTIVE', shared: 0, router_external: 0, mtu: 1442,
      port_security_enabled: 1, dns_domain: '', availability_zone_hints: '[]',
    }).execute();
    await store.db.insertInto('subnets').values({
      ...standard, id: 'subnet-1', project_id: 'p', name: 's', network_id: 'net-1', ip_version: 4, cidr: '10.9.0.0/26', gateway_ip: '10.9.0.1',
      allocation_pools: JSON.stringify([{ start: '10.9.0.2', end: '10.9.0.62' }]), dns_nameservers: '[]', host_routes: '[]', enable_dhcp: 1,
      ipv6_ra_mode: null, ipv6_address_mode: null, subnetpool_id: POOL_ID, segment_id: null, service_types: '[]', created_seq: 1,
    }).execute();
    await migrate(store.db, 'expand');
    const rows = await store.db.selectFrom('free_ranges').select(['first_hex', 'last_hex']).where('pool', '=', `subnetpool:${POOL_ID}`).execute();
    assert.deepEqual(rows.map((r) => [Number(BigInt(`0x${r.first_hex}`) & 255n), Number(BigInt(`0x${r.last_hex}`) & 255n)]), [[64, 255]]);

    // And the server carves from it: the next /26 is the one after the old subnet.
    const api = await Api.start(db);
    try {
      const block = await api.create('ip-blocks', 'ip_block', { subnetpool_id: POOL_ID, prefixlen: 26 }, ADMIN);
      assert.equal(block.cidr, '10.9.0.64/26');
    } finally {
      await api.close();
    }
  });
});
