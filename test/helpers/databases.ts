import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';

/** A database a test can use, and how to throw it away. */
export interface TestDatabase {
  readonly name: 'sqlite' | 'postgres';
  readonly url: string;
  drop(): Promise<void>;
}

/** Where the machine's PostgreSQL is (trust auth; see README). */
export const POSTGRES_ADMIN_URL = process.env.MUON_TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * Every storage-touching test runs once per entry (kysely style). PostgreSQL
 * is mandatory unless MUON_TEST_SKIP_POSTGRES=1, which prints why it is skipped.
 */
export const DATABASES: ReadonlyArray<{ name: 'sqlite' | 'postgres'; create: () => Promise<TestDatabase> }> = [
  { name: 'sqlite', create: createSqlite },
  ...(process.env.MUON_TEST_SKIP_POSTGRES === '1' ? [] : [{ name: 'postgres' as const, create: createPostgres }]),
];
if (process.env.MUON_TEST_SKIP_POSTGRES === '1') console.log('# PostgreSQL tests skipped: MUON_TEST_SKIP_POSTGRES=1');

async function createSqlite(): Promise<TestDatabase> {
  const dir = mkdtempSync(join(tmpdir(), 'muon-test-'));
  return { name: 'sqlite', url: `sqlite:${join(dir, 'muon.db')}`, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** A fresh database per call, dropped afterwards, so test files never see each other's rows. */
async function createPostgres(): Promise<TestDatabase> {
  const name = `muon_test_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const url = POSTGRES_ADMIN_URL.replace(/\/[^/]*$/, `/${name}`);
  return {
    name: 'postgres',
    url,
    drop: async () => {
      const client = new pg.Client({ connectionString: POSTGRES_ADMIN_URL });
      await client.connect();
      await client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await client.end();
    },
  };
}
