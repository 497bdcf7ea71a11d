import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { after, before, test } from 'node:test';
import pg from 'pg';
import { DATABASES, POSTGRES_ADMIN_URL } from './databases.ts';
import { forEachApi } from './for-each-database.ts';

/*
 * The helper every storage test stands on: one suite per database, the
 * database and the started object live in the suite's hooks and tests,
 * closed and dropped after the suite's own `after` hooks.
 */
const events: string[] = [];
const urls: string[] = [];
const earlyUse: string[] = [];

forEachApi('forEachApi', {
  start: async (db) => {
    events.push(`${db.name}: start`);
    return { label: `made on ${db.name}`, close: async () => { events.push(`${db.name}: close`); } };
  },
}, ({ name, api, db }) => {
  try { void api.label; } catch (error) { earlyUse.push((error as Error).message); }
  before(() => { events.push(`${name}: suite before, ${api.label}`); urls.push(db.url); });
  after(() => { events.push(`${name}: suite after`); });

  test('the stand-ins reach the live database and started object', () => {
    assert.equal(db.name, name);
    assert.equal(api.label, `made on ${name}`);
    assert.equal('label' in api, true);
  });
});

test('hooks ran in order on every database: start, the suite\'s hooks, close; the databases are gone', async () => {
  const names = DATABASES.map((d) => d.name);
  assert.deepEqual(events, names.flatMap((n) => [`${n}: start`, `${n}: suite before, made on ${n}`, `${n}: suite after`, `${n}: close`]));
  assert.deepEqual(earlyUse, names.map((n) => `the ${n} api is used before the suite's before() hook made it`));
  for (const url of urls) {
    if (url.startsWith('sqlite:')) assert.equal(existsSync(url.slice('sqlite:'.length)), false, url);
    else assert.equal(await postgresHas(url.slice(url.lastIndexOf('/') + 1)), false, url);
  }
});

async function postgresHas(database: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await client.connect();
  try {
    return (await client.query('select 1 from pg_database where datname = $1', [database])).rowCount !== 0;
  } finally {
    await client.end();
  }
}
