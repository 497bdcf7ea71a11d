import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import type { OvnNorthbound } from '../../src/ovsdb/generated/ovn-nb.ts';
import { OvsdbClient } from '../../src/ovsdb/ovsdb-client.ts';
import type { RowChange } from '../../src/ovsdb/replica.ts';
import { OvsdbTransactionError, Transaction } from '../../src/ovsdb/transaction.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();
const NB = 'OVN_Northbound';

async function until(what: string, check: () => boolean, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Another client's view: what ovsdb-client (the reference implementation) dumps. */
function switchNames(server: OvsdbServer): string[] {
  const out = spawnSync('ovsdb-client', ['-f', 'json', 'dump', server.remote, NB, 'Logical_Switch', 'name'], { encoding: 'utf8' });
  const dump = JSON.parse(out.stdout) as { data: Array<[string]> };
  return dump.data.map(([name]) => name).sort();
}

for (const clustered of [false, true]) {
  describe(`OVSDB client against ovsdb-server (${clustered ? 'clustered' : 'standalone'} database)`, { skip }, () => {
    let server: OvsdbServer;
    let client: OvsdbClient;
    const txn = () => new Transaction<OvnNorthbound>(client.schema);

    before(async () => {
      server = await startOvsdbServer({ clustered });
      client = new OvsdbClient({ remote: server.remote, database: NB, backoff: { initialMs: 20, maxMs: 200 } });
      await client.start();
    });
    after(async () => { await client.stop(); await server.destroy(); });

    test('transact: insert with named uuids, select, mutate, update, delete', async () => {
      const insert = txn()
        .insert('Logical_Switch_Port', { name: 'lsp1', addresses: ['fa:16:3e:00:00:01 10.0.0.5'], external_ids: { 'neutron:device_id': 'vm1' } }, 'lsp')
        .insert('Logical_Switch', { name: 'sw1', ports: ['lsp'] }, 'sw');
      const [port, sw] = await client.transact(insert.operations);
      assert.match(port!.uuid![1], /^[0-9a-f-]{36}$/);
      const [selected] = await client.transact(txn().select('Logical_Switch', [['_uuid', '==', sw!.uuid![1]]], ['name', 'ports']).operations);
      assert.deepEqual(selected!.rows, [{ name: 'sw1', ports: ['uuid', port!.uuid![1]] }]);

      await client.transact(txn()
        .mutate('Logical_Switch_Port', [['name', '==', 'lsp1']], [['external_ids', 'insert', { 'neutron:cidrs': '10.0.0.5/24' }], ['addresses', 'delete', ['fa:16:3e:00:00:01 10.0.0.5']]])
        .update('Logical_Switch_Port', [['name', '==', 'lsp1']], { tag_request: 7, enabled: true })
        .operations);
      const [row] = await client.transact(txn().select('Logical_Switch_Port', [['name', '==', 'lsp1']], ['addresses', 'external_ids', 'tag_request', 'enabled']).operations);
      assert.deepEqual(row!.rows![0], {
        addresses: ['set', []], tag_request: 7, enabled: true,
        external_ids: ['map', [['neutron:cidrs', '10.0.0.5/24'], ['neutron:device_id', 'vm1']]],
      });
      const [deleted] = await client.transact(txn().delete('Logical_Switch', [['name', '==', 'sw1']]).operations);
      assert.equal(deleted!.count, 1);
      assert.deepEqual(switchNames(server), []);
    });

    test('a failed operation rolls the transaction back and names the operation', async () => {
      const bad = txn().insert('Logical_Switch', { name: 'kept-out' }).insert('Logical_Switch_Port', { name: 'p', tag_request: 5000 });
      await assert.rejects(client.transact(bad.operations), (error: unknown) => {
        assert.ok(error instanceof OvsdbTransactionError);
        assert.equal(error.index, 1);
        assert.equal(error.error, 'constraint violation');
        assert.match(error.details!, /5000/);
        return true;
      });
      assert.deepEqual(switchNames(server), []);
      // A wait that does not hold aborts everything before it was committed.
      const guarded = txn().wait('Logical_Switch', [['name', '==', 'nope']], ['name'], '==', [{ name: 'nope' }]).insert('Logical_Switch', { name: 'x' });
      await assert.rejects(client.transact(guarded.operations), /timed out|not met/);
    });

    test('monitor: initial contents, then every committed change, including other clients\' and deletions', async () => {
      await client.transact(txn().insert('Logical_Switch', { name: 'before', other_config: { mcast_snoop: 'true' } }).operations);
      const seen: RowChange[] = [];
      const monitor = await client.monitor({ Logical_Switch: { columns: ['name', 'other_config', 'ports'] } }, (changes) => seen.push(...changes));
      const names = () => [...monitor.replica.rows('Logical_Switch').values()].map((r) => r.name).sort();
      assert.deepEqual(names(), ['before']);
      assert.equal(seen.length, 1);
      spawnSync('ovsdb-client', ['transact', server.remote, JSON.stringify([NB, { op: 'insert', table: 'Logical_Switch', row: { name: 'other' } }])]);
      await until('the other client\'s switch', () => names().includes('other'));
      await client.transact(txn().mutate('Logical_Switch', [['name', '==', 'before']], [['other_config', 'delete', ['mcast_snoop']]]).delete('Logical_Switch', [['name', '==', 'other']]).operations);
      await until('the deletion', () => names().length === 1);
      const row = [...monitor.replica.rows('Logical_Switch').values()][0]!;
      assert.deepEqual(row.other_config, {});
      assert.ok(seen.some((c) => c.old?.name === 'other' && c.new === undefined));
      await monitor.cancel();
      await client.transact(txn().delete('Logical_Switch', []).operations);
    });

    test('echo round trip', async () => {
      assert.deepEqual(await client.echo('ping', 1), ['ping', 1]);
    });

    test('reconnects after the server drops it and re-monitors (resuming from the last transaction when the server keeps history)', async () => {
      const events: string[] = [];
      const watcher = new OvsdbClient({ remote: server.remote, database: NB, backoff: { initialMs: 20, maxMs: 200 }, onEvent: (e) => events.push(e.type) });
      await watcher.start();
      const monitor = await watcher.monitor({ Logical_Switch: { columns: ['name'] } });
      await client.transact(txn().insert('Logical_Switch', { name: 'a' }).operations);
      await until('a', () => monitor.replica.rows('Logical_Switch').size === 1);

      // Every client is dropped; ours comes back on its own and picks up what changed meanwhile.
      assert.equal(spawnSync('ovs-appctl', ['-t', join(server.dir, 'ctl'), 'ovsdb-server/reconnect']).status, 0);
      await until('the disconnect', () => events.includes('disconnected'));
      await client.waitConnected();
      await watcher.waitConnected();
      await client.transact(txn().insert('Logical_Switch', { name: 'b' }).operations);
      await until('b', () => monitor.replica.rows('Logical_Switch').size === 2);
      assert.deepEqual(monitor.stats, clustered ? { resumed: 1, reloaded: 1 } : { resumed: 0, reloaded: 2 });

      // A server restart: requests fail fast while it is down, and the replica catches up after.
      await server.stop();
      await until('the client to notice', () => !watcher.connected);
      await assert.rejects(watcher.echo(), /not connected/);
      await server.start();
      await watcher.waitConnected();
      await client.waitConnected();
      await client.transact(txn().delete('Logical_Switch', [['name', '==', 'a']]).operations);
      await until('a gone', () => [...monitor.replica.rows('Logical_Switch').values()].every((r) => r.name !== 'a'));
      assert.ok(events.filter((e) => e === 'connected').length >= 3, events.join(' '));
      await watcher.stop();
    });
  });
}
