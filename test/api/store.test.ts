import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { migrate, runMigrations } from '../../src/store/db.ts';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

forEachApi('store', ({ api }) => {
  test('expand migrations are idempotent; contract runs only when asked, in its own ledger', async () => {
    const again = await migrate(api.database.db, 'expand');
    assert.deepEqual(again.results, []);
    const contract = await migrate(api.database.db, 'contract');
    assert.deepEqual(contract.results, []);
    // A contract-style migration in its own ledger: applied once, recorded, not re-run.
    const dropColumn = {
      up: async (k: any) => { await k.schema.createTable('contract_probe').addColumn('x', 'integer').execute(); },
    };
    const first = await runMigrations(api.database.db, { '0001-probe': dropColumn }, 'test_contract_ledger');
    assert.equal(first.results?.[0]?.status, 'Success');
    const second = await runMigrations(api.database.db, { '0001-probe': dropColumn }, 'test_contract_ledger');
    assert.deepEqual(second.results, []);
  });

  test('every change writes one change-log row with an increasing revision', async () => {
    const revisions = async () => (await api.database.db.selectFrom('changes').selectAll().orderBy('revision').execute());
    await api.get('/v2.0/security-groups', MEMBER_A); // project-a's default security group, logged before
    const before = (await revisions()).length;
    const net = await api.network({}, MEMBER_A);
    await api.put(`/v2.0/networks/${net.id}`, { network: { name: 'renamed' } }, MEMBER_A);
    await api.delete(`/v2.0/networks/${net.id}`, MEMBER_A);
    // The network's provider segment is a resource of its own (segments), logged with it.
    const rows = (await revisions()).slice(before).filter((r) => r.resource_type !== 'segment');
    assert.deepEqual(rows.map((r) => [r.resource_type, r.resource_id, r.action]), [
      ['network', net.id, 'create'], ['network', net.id, 'update'], ['network', net.id, 'delete'],
    ]);
    assert.deepEqual((await revisions()).slice(before).filter((r) => r.resource_type === 'segment').map((r) => r.action), ['create', 'delete']);
    for (let i = 1; i < rows.length; i++) assert.ok(Number(rows[i]!.revision) > Number(rows[i - 1]!.revision));
  });

  test('a rejected request leaves no change-log row and no partial rows', async () => {
    const count = async () => Number((await sql<{ n: number }>`select count(*) as n from changes`.execute(api.database.db)).rows[0]!.n);
    const networks = async () => Number((await sql<{ n: number }>`select count(*) as n from networks`.execute(api.database.db)).rows[0]!.n);
    const [c0, n0] = [await count(), await networks()];
    // bulk create whose second item is invalid: nothing of the first may remain
    const bulk = await api.post('/v2.0/networks', { networks: [{ name: 'ok' }, { 'provider:network_type': 'vlan', 'provider:physical_network': 'nope' }] }, ADMIN);
    assert.equal(bulk.status, 400);
    assert.equal(await count(), c0);
    assert.equal(await networks(), n0);
  });
});
