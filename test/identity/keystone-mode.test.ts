import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { after, before, describe, test } from 'node:test';
import { buildServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config/load.ts';
import { createServices } from '../../src/core/services.ts';
import { KeystoneValidator } from '../../src/identity/remote/keystone-validator.ts';
import { migrate, openDatabase, type StoreDatabase } from '../../src/store/db.ts';
import { Store } from '../../src/store/store.ts';
import { DATABASES, type TestDatabase } from '../helpers/databases.ts';
import { IdentityApi, TestClock } from './identity-harness.ts';

/**
 * One muon (the "Keystone") serves /identity over a real socket; a second
 * muon runs with auth=keystone:<its URL> and validates tokens there with a
 * service user, caching answers.
 */
for (const { name, create } of DATABASES) {
  describe(`auth=keystone:<url> against another muon (${name})`, () => {
    let keystoneDb: TestDatabase;
    let neutronDb: TestDatabase;
    let keystone: IdentityApi;
    let neutron: FastifyInstance;
    let neutronDatabase: StoreDatabase;
    let validator: KeystoneValidator;
    let admin: string;
    let offlineServer: FastifyInstance;
    const clock = new TestClock();

    before(async () => {
      keystoneDb = await create();
      neutronDb = await create();
      keystone = await IdentityApi.start(keystoneDb);
      await keystone.app.listen({ host: '127.0.0.1', port: 0 });
      const address = keystone.app.server.address() as { port: number };
      const url = `http://127.0.0.1:${address.port}/identity/v3`;
      admin = await keystone.adminToken();
      const service = await keystone.persona(admin, 'neutron', ['service'], 'neutron-secret');
      await keystone.request('PATCH', `/identity/v3/projects/${service.project.id}`, { token: admin, body: { project: { name: 'service' } } });

      const config = loadConfig({ databaseUrl: neutronDb.url, auth: `keystone:${url}`, keystonePassword: 'neutron-secret', tokenCacheTime: 300 }, {});
      neutronDatabase = openDatabase(config.databaseUrl);
      await migrate(neutronDatabase.db, 'expand');
      const store = new Store(neutronDatabase);
      const services = createServices(store, config);
      await store.transaction((tx) => services.segments.sync(tx));
      // The keystone side's own clock stays put; this one moves the cache.
      validator = new KeystoneValidator({
        url, username: config.keystoneUsername, password: 'neutron-secret', projectName: 'service',
        userDomainName: 'Default', projectDomainName: 'Default', cacheSeconds: 300, clock: clock.read,
      });
      clock.now = keystone.clock.now;
      neutron = buildServer(config, { services, keystoneValidator: validator, logger: { level: 'error' } });
      await neutron.ready();
      const offline = new KeystoneValidator({ url: 'http://127.0.0.1:9/identity/v3', username: 'x', password: 'y', projectName: 'p', userDomainName: 'Default', projectDomainName: 'Default', cacheSeconds: 300 });
      offlineServer = buildServer(config, { services, keystoneValidator: offline, logger: false });
      await offlineServer.ready();
    });
    after(async () => {
      await neutron.close();
      await offlineServer.close();
      await neutronDatabase.close();
      await keystone.close();
      await keystoneDb.drop();
      await neutronDb.drop();
    });

    const get = (url: string, token?: string) => neutron.inject({ method: 'GET', url, headers: token ? { 'x-auth-token': token } : {} });

    test('a valid token works and is cached; a bad one is 401; a revoked one ends when the cache entry does', async () => {
      const a = await keystone.persona(admin, 'remote-a', ['member']);
      const token = await keystone.token('remote-a', a.password, { project: { id: a.project.id } });
      const created = await neutron.inject({ method: 'POST', url: '/v2.0/networks', headers: { 'x-auth-token': token, 'content-type': 'application/json' }, payload: { network: { name: 'remote' } } });
      assert.equal(created.statusCode, 201, created.body);
      assert.equal(created.json().network.project_id, a.project.id);
      const before = validator.requests;
      for (let i = 0; i < 5; i++) assert.equal((await get('/v2.0/networks', token)).statusCode, 200);
      assert.equal(validator.requests, before, 'answered from the cache');

      const bad = await get('/v2.0/networks', 'not-a-token');
      assert.equal(bad.statusCode, 401);
      assert.deepEqual(bad.json(), { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } });
      assert.match(String(bad.headers['www-authenticate']), /^Keystone uri="http:\/\/127\.0\.0\.1:\d+\/identity\/v3"$/);
      const counted = validator.requests;
      await get('/v2.0/networks', 'not-a-token');
      assert.equal(validator.requests, counted, 'invalid tokens are cached briefly too');
      assert.equal((await get('/v2.0/networks')).statusCode, 401);

      await keystone.request('DELETE', '/identity/v3/auth/tokens', { token: admin, headers: { 'x-subject-token': token } });
      assert.equal((await get('/v2.0/networks', token)).statusCode, 200, 'still cached (keystonemiddleware behaves the same)');
      clock.advance(300_000);
      assert.equal((await get('/v2.0/networks', token)).statusCode, 401, 'asked again after token_cache_time');
    });

    test('roles come from the remote token: the admin sees every project\'s networks', async () => {
      const listed = await get('/v2.0/networks', admin);
      assert.equal(listed.statusCode, 200);
      assert.ok(listed.json().networks.some((n: any) => n.name === 'remote'));
    });

    test('an unreachable Keystone is a 503, not a 401', async () => {
      const response = await offlineServer.inject({ method: 'GET', url: '/v2.0/networks', headers: { 'x-auth-token': 'any' } });
      assert.equal(response.statusCode, 503);
      assert.equal(response.json().error.code, 503);
      assert.equal((await offlineServer.inject({ method: 'GET', url: '/' })).statusCode, 200, 'the version document needs no Keystone');
    });
  });
}
