import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import pg from 'pg';
import { executeDeferred, queryRows } from '../../src/store/fast-sql.ts';
import { isUniqueViolation, type Tx } from '../../src/store/store.ts';
import { ADMIN, Api } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/** Every message a pg client sends (a round trip each), counted from here on: pool connections bind this when they connect. */
let roundTrips = 0;
const send = pg.Client.prototype.query as (...args: unknown[]) => unknown;
(pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
  roundTrips++;
  return send.apply(this, args);
};

/**
 * Writes sent with executeDeferred (on PostgreSQL held and sent with the
 * transaction's next statement, store/pg-round-trips.ts) behave as if sent
 * at once: later statements see them, their errors fail the transaction,
 * their values arrive byte for byte. And the round trips of the port create
 * of issue 2's benchmark are pinned.
 */
forEachApi('store: deferred writes and a held begin', ({ name, api }) => {
  const outside = (): Tx => ({ db: api.database.db, dialect: api.database.dialect, now: '', bumped: new Set(), memo: new Map() });
  const rows = () => queryRows<{ id: string; s: string | null }>(outside(), 'select "id", "s" from "round_trip_probe" order by "id"');
  const insert = 'insert into "round_trip_probe" ("id", "s") values (?, ?)';

  before(async () => {
    await sql`create table "round_trip_probe" ("id" varchar(36) primary key, "s" text)`.execute(api.database.db);
  });

  test('a deferred write is seen by the next statement of its transaction and committed', async () => {
    const seen = await api.store.transaction(async (tx) => {
      await executeDeferred(tx, insert, ['a', 'first']);
      return (await queryRows<{ n: number }>(tx, 'select count(*) as "n" from "round_trip_probe" where "id" = ?', ['a']))[0]!.n;
    });
    assert.equal(Number(seen), 1);
    assert.deepEqual(await rows(), [{ id: 'a', s: 'first' }]);
  });

  test('deferred writes sent with the commit are committed', async () => {
    await api.store.transaction(async (tx) => {
      await executeDeferred(tx, insert, ['b', 'second']);
      await executeDeferred(tx, insert, ['c', null]);
    });
    assert.deepEqual(await rows(), [{ id: 'a', s: 'first' }, { id: 'b', s: 'second' }, { id: 'c', s: null }]);
  });

  test('a deferred write a key refuses fails the transaction, leaves nothing written, and the connections stay usable', async () => {
    const attempt = api.store.transaction(async (tx) => {
      await executeDeferred(tx, insert, ['d', 'fresh']);
      await executeDeferred(tx, insert, ['a', 'duplicate']);
    });
    await assert.rejects(attempt, (error) => isUniqueViolation(error));
    assert.deepEqual((await rows()).map((r) => r.id), ['a', 'b', 'c']);
    // Every pooled connection is out of the failed transaction.
    await Promise.all(Array.from({ length: 8 }, (_, i) => api.store.transaction((tx) => executeDeferred(tx, insert, [`u${i}`, 'usable']))));
    assert.equal((await rows()).filter((r) => r.s === 'usable').length, 8);
  });

  test('a transaction that throws before any statement leaves the connection usable', async () => {
    await assert.rejects(api.store.transaction(async () => { throw new Error('refused'); }), /refused/);
    await api.store.transaction((tx) => executeDeferred(tx, insert, ['e', 'after']));
    assert.ok((await rows()).some((r) => r.id === 'e'));
  });

  test('values arrive unchanged: quotes, backslashes, placeholders in text, non-ASCII, empty', async () => {
    const values = ["it's", 'back\\slash \\x00 \\\\', "$1 '$2' \"$3\" ?", 'é e\u0301 😀', '', "E'x'", '--', '/* c */'];
    await api.store.transaction(async (tx) => {
      for (const [i, value] of values.entries()) await executeDeferred(tx, insert, [`v${i}`, value]);
      // The statement they travel with carries such values too.
      const echoed = await queryRows<{ s: string }>(tx, 'select "s" from "round_trip_probe" where "id" = ? and "s" = ?', ['v0', values[0]]);
      assert.deepEqual(echoed, [{ s: values[0] }]);
    });
    const stored = new Map((await rows()).map((r) => [r.id, r.s]));
    assert.deepEqual(values.map((_, i) => stored.get(`v${i}`)), values);
  });

  // SQLite takes the address in two statements (a select, then an update: in-process, a statement costs no round trip).
  const statementsPerCreate = name === 'postgres' ? 7 : 8;
  test(`a port create with one address: ${statementsPerCreate} statements${name === 'postgres' ? ' in 3 round trips' : ''}`, async () => {
    const net = await api.network({ name: 'round-trips' }, ADMIN);
    const subnet = await api.subnet(net.id, '10.9.0.0/24', {}, ADMIN);
    // As issue 2's load generator: no port quota (so no count of the project's ports), default group made.
    assert.equal((await api.put('/v2.0/quotas/admin-project', { quota: { port: -1 } }, ADMIN)).status, 200);
    const body = (i: number) => ({ port: { network_id: net.id, name: `p${i}`, fixed_ips: [{ subnet_id: subnet.id }] } });
    // Every pooled connection prepares the fixed statements on their first use: use them all first.
    await Promise.all(Array.from({ length: 16 }, (_, i) => api.post('/v2.0/ports', body(i), ADMIN)));
    Api.resetQueryLog();
    roundTrips = 0;
    const response = await api.post('/v2.0/ports', body(99), ADMIN);
    assert.equal(response.status, 201);
    assert.equal(response.body.port.fixed_ips.length, 1);
    const statements = Api.resetQueryLog();
    assert.equal(statements.length, statementsPerCreate, `statements:\n${statements.join('\n')}`);
    if (name === 'postgres') assert.equal(roundTrips, 3, 'begin with the read-ahead; the port insert with the address take; the address and group inserts with the commit');
  });
});
