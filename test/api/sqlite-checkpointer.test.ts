import assert from 'node:assert/strict';
import { copyFileSync, statSync } from 'node:fs';
import { after, before, test } from 'node:test';
import SQLite from 'better-sqlite3';
import { sql } from 'kysely';
import { openDatabase, type OpenOptions } from '../../src/store/db.ts';
import { Store } from '../../src/store/store.ts';
import { DATABASES, type TestDatabase } from '../helpers/databases.ts';

/*
 * SQLite only: WAL checkpoints run on a worker thread (src/store/sqlite-checkpointer.ts),
 * the server's connection keeps a bounded WAL on its own when the worker lags.
 */
let db: TestDatabase;
before(async () => { db = await DATABASES.find((d) => d.name === 'sqlite')!.create(); });
after(async () => { await db.drop(); });

const path = () => db.url.slice('sqlite:'.length);

/** Rows of `table` in the database file alone, without its WAL: what checkpoints have copied there. */
function rowsInDatabaseFile(table: string): number {
  const copy = `${path()}.bare`;
  copyFileSync(path(), copy);
  const bare = new SQLite(copy);
  try {
    const exists = bare.prepare(`select count(*) as n from sqlite_master where name = ?`).get(table) as { n: number };
    return exists.n === 0 ? 0 : (bare.prepare(`select count(*) as n from ${table}`).get() as { n: number }).n;
  } finally {
    bare.close();
  }
}

async function writeRows(options: OpenOptions, table: string, count: number): Promise<{ close: () => Promise<void> }> {
  const database = openDatabase(db.url, options);
  const store = new Store(database);
  await sql.raw(`create table ${table} (id integer primary key, body text)`).execute(database.db);
  for (let i = 0; i < count; i++) await store.transaction((tx) => sql`insert into ${sql.table(table)} (body) values (${'x'.repeat(500)})`.execute(tx.db));
  return database;
}

async function eventually(check: () => boolean, ms: number): Promise<boolean> {
  for (const until = Date.now() + ms; Date.now() < until; await new Promise((resolve) => setTimeout(resolve, 20))) {
    if (check()) return true;
  }
  return check();
}

test('committed pages reach the database file through the worker, not through the committing call', async () => {
  const database = await writeRows({ checkpoints: { intervalMs: 20, safetyPages: 10_000 } }, 'by_worker', 50);
  try {
    // (A copy taken while the worker writes may be torn: that try does not count.)
    const copied = () => { try { return rowsInDatabaseFile('by_worker') === 50; } catch { return false; } };
    assert.ok(await eventually(copied, 5000), 'the worker copied the WAL into the database file');
  } finally {
    await database.close(); // stops the worker: a hang here fails the test
  }
});

test('without the worker, a few commits stay in the WAL (SQLite checkpoints at 1,000 pages)', async () => {
  const database = await writeRows({ checkpoints: false }, 'wal_only', 50);
  try {
    await new Promise((resolve) => setTimeout(resolve, 200));
    assert.equal(rowsInDatabaseFile('wal_only'), 0);
  } finally {
    await database.close();
  }
});

test('when the worker lags, the server\'s own checkpoint keeps the WAL bounded', async () => {
  const database = await writeRows({ checkpoints: { intervalMs: 60_000, safetyPages: 50 } }, 'bounded', 800);
  try {
    // 800 commits of a 500-byte row: ~1,000 pages without a checkpoint; ~50 with (more when a restart
    // of the WAL had to wait for a moment without readers).
    const walPages = statSync(`${path()}-wal`).size / 4096;
    assert.ok(walPages < 400, `WAL of ${walPages.toFixed(0)} pages`);
    assert.ok(rowsInDatabaseFile('bounded') > 600);
  } finally {
    await database.close();
  }
});
