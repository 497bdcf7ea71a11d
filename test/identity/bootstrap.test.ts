import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { authUrl, bootstrapAndWriteClouds, cloudsYamlPath, identityFor } from '../../src/cli/identity-setup.ts';
import { loadConfig } from '../../src/config/load.ts';
import { bootstrapIdentity } from '../../src/identity/bootstrap.ts';
import { verifyPassword } from '../../src/identity/password-hash.ts';
import { migrate, openDatabase, type StoreDatabase } from '../../src/store/db.ts';
import { Store } from '../../src/store/store.ts';
import { forEachDatabase } from '../helpers/for-each-database.ts';

forEachDatabase('identity bootstrap', ({ db }) => {
  let database: StoreDatabase;
  let store: Store;
  before(async () => { database = openDatabase(db.url); await migrate(database.db, 'expand'); store = new Store(database); });
  after(async () => { await database.close(); });

  test('idempotent: one admin, one project, five roles, the implied rules; the admin keeps its password', async () => {
    const config = loadConfig({ databaseUrl: db.url }, {});
    const identity = identityFor(store, config);
    const first = await bootstrapIdentity(identity, 'first-password');
    assert.equal(first.createdAdmin, true);
    assert.equal(first.generated, false);
    const second = await bootstrapIdentity(identity, 'other-password');
    assert.equal(second.createdAdmin, false);
    assert.equal(second.password, undefined);
    await Promise.all([bootstrapIdentity(identity), bootstrapIdentity(identity)]);
    const users = await identity.users.list({ name: 'admin' });
    assert.equal(users.length, 1);
    assert.equal(await verifyPassword('first-password', users[0]!.password_hash), true);
    assert.equal((await identity.projects.list({ name: 'admin' })).length, 1);
    assert.deepEqual((await identity.roles.list()).map((r) => r.name).sort(), ['admin', 'manager', 'member', 'reader', 'service']);
    assert.equal((await identity.domains.get('default')).name, 'Default');
    const { rules } = await identity.roles.inferences();
    assert.equal(rules.length, 3);
    const { assignments } = await identity.assignments.list({ userId: users[0]!.id });
    assert.deepEqual(assignments.map((a) => a.target_type).sort(), ['project', 'system']);
  });
});

describe('clouds.yaml', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'muon-clouds-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('written beside the SQLite file with a generated password printed once; not rewritten later', async () => {
    const config = loadConfig({ databaseUrl: `sqlite:${join(dir, 'muon.db')}`, listen: '0.0.0.0:9797' }, {});
    const database = openDatabase(config.databaseUrl);
    try {
      await migrate(database.db, 'expand');
      const identity = identityFor(new Store(database), config);
      const printed: string[] = [];
      await bootstrapAndWriteClouds(identity, config, (line) => printed.push(line));
      const path = cloudsYamlPath(config);
      assert.equal(path, join(dir, 'clouds.yaml'));
      const text = readFileSync(path, 'utf8');
      const password = /password: "([^"]+)"/.exec(text)![1]!;
      assert.ok(password.length >= 20);
      assert.ok(printed.some((line) => line.includes(password)), 'the generated password is printed');
      assert.equal(statSync(path).mode & 0o777, 0o600);
      for (const line of ['auth_url: "http://127.0.0.1:9797/identity/v3"', 'username: "admin"', 'project_name: "admin"',
        'user_domain_name: "Default"', 'project_domain_name: "Default"', 'region_name: "RegionOne"', 'interface: "public"', 'identity_api_version: 3']) {
        assert.ok(text.includes(line), line);
      }
      assert.match(text, /^clouds:\n {2}muon:\n/m);
      const again: string[] = [];
      await bootstrapAndWriteClouds(identity, config, (line) => again.push(line));
      assert.deepEqual(again, [], 'second start: nothing printed');
      assert.equal(readFileSync(path, 'utf8'), text);
      const user = (await identity.users.list({ name: 'admin' }))[0]!;
      assert.equal(await verifyPassword(password, user.password_hash), true);
    } finally {
      await database.close();
    }
  });

  test('auth_url follows the public URL; PostgreSQL deployments write ./var/clouds.yaml', () => {
    assert.equal(authUrl(loadConfig({ publicUrl: 'https://cloud.example.com/' }, {})), 'https://cloud.example.com/identity/v3');
    assert.equal(authUrl(loadConfig({ listen: '127.0.0.1:9696' }, {})), 'http://127.0.0.1:9696/identity/v3');
    assert.equal(cloudsYamlPath(loadConfig({ databaseUrl: 'postgres://u@h/db' }, {})), join('var', 'clouds.yaml'));
  });
});
