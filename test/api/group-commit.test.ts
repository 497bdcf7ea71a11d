import assert from 'node:assert/strict';
import { after, before, beforeEach, test } from 'node:test';
import { sql } from 'kysely';
import { openDatabase, type StoreDatabase } from '../../src/store/db.ts';
import { Store, type Tx } from '../../src/store/store.ts';
import { forEachDatabase } from '../helpers/for-each-database.ts';

/*
 * Store.transaction under concurrency: on SQLite units that reach their
 * transaction in the same event-loop turn share one database transaction
 * (src/store/sqlite-group-commit.ts); on both databases every unit must stay
 * as isolated as its own transaction: a failing one leaves no trace, a retried
 * one does not see its rolled-back attempt, callers hear of success (and the
 * commit signal fires) only once the rows are committed.
 */
forEachDatabase('store transactions under concurrency', ({ name, db }) => {
  let database: StoreDatabase;
  let observer: StoreDatabase;
  let store: Store;
  const statements: string[] = [];

  before(async () => {
    // No time bound on a batch here: what closes one is then only what the tests arrange.
    database = openDatabase(db.url, { onQuery: (text) => statements.push(text), groupCommit: { maxUnits: 64, maxMs: 60_000 } });
    // A second connection (SQLite: a second handle on the file) sees only committed rows.
    observer = openDatabase(db.url, { groupCommit: false });
    store = new Store(database);
    await sql`create table probe (id text primary key, unit integer not null)`.execute(database.db);
    await sql`create table probe_parent (id text primary key)`.execute(database.db);
    await sql`create table probe_child (id text primary key, parent text references probe_parent (id) deferrable initially deferred)`.execute(database.db);
  });
  after(async () => { await observer.close(); await database.close(); });
  beforeEach(async () => {
    await sql`delete from probe`.execute(database.db);
    statements.length = 0;
  });

  const insert = (tx: Tx, id: string, unit: number) => sql`insert into probe (id, unit) values (${id}, ${unit})`.execute(tx.db);
  const committedIds = async () => (await sql<{ id: string }>`select id from probe order by id`.execute(observer.db)).rows.map((r) => r.id);
  const verbs = () => statements.map((text) => text.split(' ')[0]!.toLowerCase());
  const stats = () => database.groupCommit?.stats() ?? { batches: 0, units: 0 };

  test('units started together all commit; on SQLite in one database transaction, each later unit in a savepoint', async () => {
    const before = stats();
    const memos = new Set<Map<string, unknown>>();
    const ids = await Promise.all(Array.from({ length: 8 }, (_, i) => store.transaction(async (tx) => {
      assert.equal(tx.memo.size, 0);
      memos.add(tx.memo);
      tx.memo.set('unit', i);
      await insert(tx, `u${i}`, i);
      return `u${i}`;
    })));
    assert.deepEqual(ids, ['u0', 'u1', 'u2', 'u3', 'u4', 'u5', 'u6', 'u7']);
    assert.deepEqual(await committedIds(), ids);
    assert.equal(memos.size, 8, 'per-transaction state stays per unit');
    if (name !== 'sqlite') return;
    const counted = verbs();
    assert.equal(counted.filter((v) => v === 'begin').length, 1);
    assert.equal(counted.filter((v) => v === 'commit').length, 1);
    assert.equal(counted.filter((v) => v === 'savepoint').length, 7);
    assert.deepEqual({ batches: stats().batches - before.batches, units: stats().units - before.units }, { batches: 1, units: 8 });
  });

  test('one transaction at a time runs alone: the statements of a plain transaction, no savepoint', async () => {
    const before = stats();
    for (let i = 0; i < 3; i++) await store.transaction((tx) => insert(tx, `s${i}`, i));
    assert.deepEqual(await committedIds(), ['s0', 's1', 's2']);
    assert.deepEqual(verbs(), ['begin', 'insert', 'commit', 'begin', 'insert', 'commit', 'begin', 'insert', 'commit']);
    if (name === 'sqlite') assert.deepEqual({ batches: stats().batches - before.batches, units: stats().units - before.units }, { batches: 3, units: 3 });
  });

  test('a failing unit leaves no trace while its neighbours commit, first or later in the batch', async () => {
    const failAt = new Set([0, 3]);
    const outcomes = await Promise.allSettled(Array.from({ length: 6 }, (_, i) => store.transaction(async (tx) => {
      await insert(tx, `f${i}`, i);
      await insert(tx, `f${i}-extra`, i);
      if (failAt.has(i)) throw new Error(`unit ${i} refuses`);
      return i;
    })));
    assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'fulfilled', 'fulfilled', 'rejected', 'fulfilled', 'fulfilled']);
    assert.equal((outcomes[3] as PromiseRejectedResult).reason.message, 'unit 3 refuses');
    assert.deepEqual(await committedIds(), ['f1', 'f1-extra', 'f2', 'f2-extra', 'f4', 'f4-extra', 'f5', 'f5-extra']);
  });

  test('a unit that hits a taken key is retried without its own rolled-back writes', async () => {
    await store.transaction((tx) => insert(tx, 'taken', 0));
    const seen: string[][] = [];
    let attempts = 0;
    const first = store.transaction((tx) => insert(tx, 'n0', 0));
    const retried = store.transaction(async (tx) => {
      attempts++;
      seen.push((await sql<{ id: string }>`select id from probe where unit = 7 order by id`.execute(tx.db)).rows.map((r) => r.id));
      await insert(tx, `r-attempt-${attempts}`, 7);
      if (attempts === 1) await insert(tx, 'taken', 7); // unique violation: retryable
      return attempts;
    });
    const neighbours = Array.from({ length: 2 }, (_, i) => store.transaction((tx) => insert(tx, `n${i + 1}`, i + 1)));
    assert.equal(await retried, 2);
    await Promise.all([first, ...neighbours]);
    assert.deepEqual(seen, [[], []], 'the second attempt does not see the first one\'s row');
    assert.deepEqual(await committedIds(), ['n0', 'n1', 'n2', 'r-attempt-2', 'taken']);
  });

  test('callers and the commit signal hear of a unit only once its rows are committed', async () => {
    const woken = store.commits.next().then(committedIds);
    const visibleAtResolve = await Promise.all(Array.from({ length: 5 }, (_, i) => store.transaction((tx) => insert(tx, `c${i}`, i)).then(committedIds)));
    const all = ['c0', 'c1', 'c2', 'c3', 'c4'];
    // Every unit of the batch is committed when the first caller hears of it (SQLite: one commit for all).
    if (name === 'sqlite') for (const visible of visibleAtResolve) assert.deepEqual(visible, all);
    visibleAtResolve.forEach((visible, i) => assert.ok(visible.includes(`c${i}`), `c${i} committed when its caller resumed`));
    assert.ok((await woken).length > 0, 'something was committed when the signal fired');
  });

  test('a COMMIT that fails fails every unit it would have committed', async () => {
    const outcomes = await Promise.allSettled([
      store.transaction((tx) => insert(tx, 'k0', 0)),
      // Checked only at COMMIT: a deferred foreign key to a parent that does not exist.
      store.transaction(async (tx) => { await insert(tx, 'k1', 1); await sql`insert into probe_child (id, parent) values ('orphan', 'nobody')`.execute(tx.db); }),
      store.transaction((tx) => insert(tx, 'k2', 2)),
    ]);
    if (name === 'sqlite') assert.deepEqual(outcomes.map((o) => o.status), ['rejected', 'rejected', 'rejected']);
    else assert.deepEqual(outcomes.map((o) => o.status), ['fulfilled', 'rejected', 'fulfilled']);
    assert.deepEqual(await committedIds(), name === 'sqlite' ? [] : ['k0', 'k2']);
    assert.equal((await sql<{ n: number }>`select count(*) as n from probe_child`.execute(observer.db)).rows[0]!.n, 0);
    // The store still works afterwards.
    await store.transaction((tx) => insert(tx, 'k3', 3));
    assert.ok((await committedIds()).includes('k3'));
  });

  test('a read waiting for the connection closes the batch: it sees what committed before it, not what queued after', async () => {
    let release!: () => void;
    const held = new Promise<void>((resolve) => { release = resolve; });
    const first = store.transaction(async (tx) => { await held; await insert(tx, 'w0', 0); });
    const read = store.read(async (tx) => (await sql<{ id: string }>`select id from probe order by id`.execute(tx.db)).rows.map((r) => r.id));
    const later = Array.from({ length: 3 }, (_, i) => store.transaction((tx) => insert(tx, `w${i + 1}`, i + 1)));
    setTimeout(release, 20);
    await first;
    const seen = await read;
    await Promise.all(later);
    if (name === 'sqlite') assert.deepEqual(seen, ['w0']);
    assert.deepEqual(await committedIds(), ['w0', 'w1', 'w2', 'w3']);
  });
});
