import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { forEachApi } from '../helpers/for-each-database.ts';
import { IdentityApi } from './identity-harness.ts';

const V3 = '/identity/v3';

forEachApi('identity application credentials', { start: (db) => IdentityApi.start(db) }, ({ api }) => {
  let admin: string;
  before(async () => { admin = await api.adminToken(); });

  const appAuth = (credential: Record<string, unknown>) => api.request('POST', `${V3}/auth/tokens`, { body: { auth: { identity: { methods: ['application_credential'], application_credential: credential } } } });

  test('create (secret shown once), authenticate by id and by name+user, roles restricted, delete ends its tokens', async () => {
    const p = await api.persona(admin, 'app-user', ['member']);
    const token = await api.token('app-user', p.password, { project: { id: p.project.id } });
    const created = await api.request('POST', `${V3}/users/${p.user.id}/application_credentials`, { token, body: { application_credential: { name: 'ci', roles: [{ name: 'reader' }] } } });
    assert.equal(created.status, 201);
    const credential = created.body.application_credential;
    assert.ok(credential.secret.length >= 32);
    assert.equal(credential.project_id, p.project.id);
    assert.deepEqual(credential.roles.map((r: any) => r.name), ['reader']);
    assert.equal(credential.unrestricted, false);
    const listed = await api.request('GET', `${V3}/users/${p.user.id}/application_credentials`, { token });
    assert.equal(listed.body.application_credentials[0].secret, undefined, 'the secret is never shown again');

    const byId = await appAuth({ id: credential.id, secret: credential.secret });
    assert.equal(byId.status, 201);
    assert.deepEqual(byId.body.token.methods, ['application_credential']);
    assert.deepEqual(byId.body.token.roles.map((r: any) => r.name), ['reader']);
    assert.equal(byId.body.token.project.id, p.project.id);
    assert.deepEqual(byId.body.token.application_credential, { id: credential.id, name: 'ci', restricted: true });
    const byName = await appAuth({ name: 'ci', user: { name: 'app-user', domain: { name: 'Default' } }, secret: credential.secret });
    assert.equal(byName.status, 201);
    assert.equal((await appAuth({ id: credential.id, secret: 'wrong' })).status, 401);

    const appToken = byId.headers['x-subject-token'] as string;
    const restricted = await api.request('POST', `${V3}/users/${p.user.id}/application_credentials`, { token: appToken, body: { application_credential: { name: 'nested' } } });
    assert.equal(restricted.status, 403, 'a restricted credential cannot mint another');
    const tooMuch = await api.request('POST', `${V3}/users/${p.user.id}/application_credentials`, { token, body: { application_credential: { name: 'x', roles: [{ name: 'admin' }] } } });
    assert.equal(tooMuch.status, 400, 'no roles beyond the user\'s');
    const other = await api.persona(admin, 'app-other', ['member']);
    const otherToken = await api.token('app-other', other.password, { project: { id: other.project.id } });
    assert.equal((await api.request('GET', `${V3}/users/${p.user.id}/application_credentials`, { token: otherToken })).status, 403);
    assert.equal((await api.request('POST', `${V3}/users/${p.user.id}/application_credentials`, { token: otherToken, body: { application_credential: { name: 'y' } } })).status, 403);

    assert.equal((await api.request('GET', '/v2.0/networks', { token: appToken })).status, 200);
    assert.equal((await api.request('DELETE', `${V3}/users/${p.user.id}/application_credentials/${credential.id}`, { token })).status, 204);
    assert.equal((await api.request('GET', '/v2.0/networks', { token: appToken })).status, 401);
    assert.equal((await appAuth({ id: credential.id, secret: credential.secret })).status, 401);
  });

  test('an expired application credential no longer authenticates, and its tokens end with it', async () => {
    const p = await api.persona(admin, 'app-exp', ['member']);
    const token = await api.token('app-exp', p.password, { project: { id: p.project.id } });
    const expiresAt = new Date(api.clock.now + 600_000).toISOString();
    const created = await api.request('POST', `${V3}/users/${p.user.id}/application_credentials`, { token, body: { application_credential: { name: 'short', secret: 'my-own-secret', expires_at: expiresAt } } });
    assert.equal(created.status, 201);
    assert.equal(created.body.application_credential.secret, 'my-own-secret');
    const issued = await appAuth({ id: created.body.application_credential.id, secret: 'my-own-secret' });
    assert.equal(issued.status, 201);
    assert.equal(Date.parse(issued.body.token.expires_at), Date.parse(expiresAt), 'capped at the credential\'s expiry');
    api.clock.advance(600_000);
    assert.equal((await appAuth({ id: created.body.application_credential.id, secret: 'my-own-secret' })).status, 401);
    const past = await api.request('POST', `${V3}/users/${p.user.id}/application_credentials`, { token: await api.token('app-exp', p.password, { project: { id: p.project.id } }), body: { application_credential: { name: 'past', expires_at: '2000-01-01T00:00:00Z' } } });
    assert.equal(past.status, 400);
  });

  test('losing the role on the project disables the credential', async () => {
    const p = await api.persona(admin, 'app-role', ['member']);
    const token = await api.token('app-role', p.password, { project: { id: p.project.id } });
    const created = (await api.request('POST', `${V3}/users/${p.user.id}/application_credentials`, { token, body: { application_credential: { name: 'c' } } })).body.application_credential;
    const member = (await api.request('GET', `${V3}/roles?name=member`, { token: admin })).body.roles[0].id;
    await api.request('DELETE', `${V3}/projects/${p.project.id}/users/${p.user.id}/roles/${member}`, { token: admin });
    assert.equal((await appAuth({ id: created.id, secret: created.secret })).status, 401);
  });
});
