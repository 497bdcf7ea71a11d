import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { forEachApi } from '../helpers/for-each-database.ts';
import { IdentityApi } from './identity-harness.ts';

const UNAUTHORIZED = { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } };

forEachApi('networking API with embedded identity', { start: (db) => IdentityApi.start(db) }, ({ api }) => {
  let admin: string;
  before(async () => { admin = await api.adminToken(); });

  test('no token, a bad token: keystonemiddleware\'s 401; version documents stay anonymous', async () => {
    for (const token of [undefined, 'garbage']) {
      const response = await api.request('GET', '/v2.0/networks', token ? { token } : {});
      assert.equal(response.status, 401);
      assert.deepEqual(response.body, UNAUTHORIZED);
      assert.equal(response.headers['www-authenticate'], 'Keystone uri="http://localhost:80/identity"');
    }
    assert.equal((await api.request('GET', '/v2.0/ports/anything', { headers: { 'x-project-id': 'p', 'x-roles': 'admin' } })).status, 401, 'noauth headers mean nothing here');
    assert.equal((await api.request('GET', '/')).status, 200);
    assert.equal((await api.request('GET', '/v2.0/')).status, 200);
    assert.equal((await api.request('GET', '/v2.0')).status, 200);
  });

  test('a member of project A creates in A; a member of B cannot see A\'s private network; shared ones are visible', async () => {
    const a = await api.persona(admin, 'net-a', ['member']);
    const b = await api.persona(admin, 'net-b', ['member']);
    const tokenA = await api.token('net-a', a.password, { project: { id: a.project.id } });
    const tokenB = await api.token('net-b', b.password, { project: { id: b.project.id } });
    const created = await api.request('POST', '/v2.0/networks', { token: tokenA, body: { network: { name: 'private-a' } } });
    assert.equal(created.status, 201);
    assert.equal(created.body.network.project_id, a.project.id);
    assert.equal(created.body.network.tenant_id, a.project.id);
    const spoofed = await api.request('POST', '/v2.0/networks', { token: tokenA, body: { network: { name: 'x', project_id: b.project.id } } });
    assert.notEqual(spoofed.status, 201, 'a member cannot create in another project');
    const seenByB = await api.request('GET', `/v2.0/networks/${created.body.network.id}`, { token: tokenB });
    assert.equal(seenByB.status, 404);
    assert.deepEqual((await api.request('GET', '/v2.0/networks', { token: tokenB })).body.networks, []);
    assert.equal((await api.request('DELETE', `/v2.0/networks/${created.body.network.id}`, { token: tokenB })).status, 404);
    const shared = await api.request('POST', '/v2.0/networks', { token: admin, body: { network: { name: 'shared', shared: true } } });
    assert.equal(shared.status, 201);
    assert.deepEqual((await api.request('GET', '/v2.0/networks', { token: tokenB })).body.networks.map((n: any) => n.name), ['shared']);
    assert.equal((await api.request('GET', `/v2.0/networks/${created.body.network.id}`, { token: admin })).status, 200, 'the admin sees everything');
    assert.equal((await api.request('POST', '/v2.0/networks', { token: tokenA, body: { network: { name: 'p', 'provider:network_type': 'vxlan' } } })).status, 403);
  });

  test('an unscoped token is refused by the Networking API; a system-scoped admin is admin', async () => {
    const unscoped = await api.login('admin', 'admin-secret', 'unscoped');
    assert.equal((await api.request('GET', '/v2.0/networks', { token: unscoped.headers['x-subject-token'] as string })).status, 401);
    const system = await api.login('admin', 'admin-secret', { system: { all: true } });
    const listed = await api.request('GET', '/v2.0/networks', { token: system.headers['x-subject-token'] as string });
    assert.equal(listed.status, 200);
    assert.ok(listed.body.networks.length >= 2);
  });
});
