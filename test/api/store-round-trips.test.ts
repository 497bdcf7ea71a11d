import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { sql } from 'kysely';
import { executeDeferred, queryRows } from '../../src/store/fast-sql.ts';
import { isUniqueViolation, Store } from '../../src/store/store.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * Writes sent with executeDeferred (on PostgreSQL held and sent with the
 * transaction's next statement, store/pg-round-trips.ts) behave as if sent
 * at once: later statements see them, their errors fail the transaction,
 * and their values arrive byte for byte.
 */
forEachApi('store: deferred writes and held begin', ({ api }) => {
  let store: Store;
  const rows = async () => (await queryRows<{ id: string; s: string | null }>({ db: api.database.db, dialect: api.database.dialect, now: '', bumped: new Set(), memo: new Map() },
    'select "id", "s" from "round_trip_probe" order by "id"'));
  const insert = 'insert into "round_trip_probe" ("id", "s") values (?, ?)';

  before(async () => {
    store = new Store(api.database);
    await sql`create table "round_trip_probe" ("id" varchar(36) primary key, "s" text)`.execute(api.database.db);
  });

  test('a held write is seen by the next statement of its transaction and committed', async () => {
    const seen = await store.transaction(async (tx) => {
      await executeDeferred(tx, insert, ['a', 'first']);
      return (await queryRows<{ n: number }>(tx, 'select count(*) as "n" from "round_trip_probe" where "id" = ?', ['a']))[0]!.n;
    });
    assert.equal(Number(seen), 1);
    assert.deepEqual(await rows(), [{ id: 'a', s: 'first' }]);
  });

  test('held writes sent with the commit are committed', async () => {
    await store.transaction(async (tx) => {
      await executeDeferred(tx, insert, ['b', 'second']);
      await executeDeferred(tx, insert, ['c', null]);
    });
    assert.deepEqual(await rows(), [{ id: 'a', s: 'first' }, { id: 'b', s: 'second' }, { id: 'c', s: null }]);
  });

  test('a held write that a key refuses fails the transaction and leaves nothing written', async () => {
    const attempt = store.transaction(async (tx) => {
      await executeDeferred(tx, insert, ['d', 'fresh']);
      await executeDeferred(tx, insert, ['a', 'duplicate']);
    });
    await assert.rejects(attempt, (error) => isUniqueViolation(error));
    assert.deepEqual((await rows()).map((r) => r.id), ['a', 'b', 'c']);
  });

  test('a transaction that throws before any statement leaves the connection usable', async () => {
    await assert.rejects(store.transaction(async () => { throw new Error('refused'); }), /refused/);
    await store.transaction(async (tx) => { await executeDeferred(tx, insert, ['e', 'after']); });
    assert.deepEqual((await rows()).map((r) => r.id), ['a', 'b', 'c', 'e']);
  });

  test('values arrive unchanged: quotes, backslashes, placeholders in text, non-ASCII', async () => {
    const values = ["it's", 'back\\slash \\x00', "$1 '$2' \"$3\"", 'é e\u0301 😀', ''];
    await store.transaction(async (tx) => {
      for (const [i, value] of values.entries()) await executeDeferred(tx, insert, [`v${i}`, value]);
    });
    const stored = new Map((await rows()).map((r) => [r.id, r.s]));
    assert.deepEqual(values.map((_, i) => stored.get(`v${i}`)), values);
  });
});
