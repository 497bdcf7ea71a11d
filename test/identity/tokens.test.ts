import assert from 'node:assert/strict';
import { test } from 'node:test';
import { createIdentity } from '../../src/identity/identity.ts';
import { Store } from '../../src/store/store.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { ADMIN_PASSWORD, IdentityApi, passwordAuth, projectScope } from './identity-harness.ts';

const UNAUTHORIZED = { error: { code: 401, title: 'Unauthorized', message: 'The request you have made requires authentication.' } };

forEachApi('identity tokens', { start: (db) => IdentityApi.start(db) }, ({ api }) => {
  test('version discovery is anonymous: 300 with the v3 link, and the v3 document', async () => {
    const root = await api.request('GET', '/identity');
    assert.equal(root.status, 300);
    assert.equal(root.body.versions.values[0].id, 'v3.14');
    assert.equal(root.body.versions.values[0].links[0].href, 'http://localhost:80/identity/v3/');
    const v3 = await api.request('GET', '/identity/v3');
    assert.equal(v3.status, 200);
    assert.equal(v3.body.version.status, 'stable');
  });

  test('password auth scoped to a project: 201, X-Subject-Token, Keystone body with implied roles and the catalog', async () => {
    const response = await api.login('admin', ADMIN_PASSWORD, projectScope('admin'));
    assert.equal(response.status, 201);
    assert.match(String(response.headers['x-subject-token']), /^[\w-]+\.[\w-]+\.[\w-]+$/);
    const token = response.body.token;
    assert.deepEqual(token.methods, ['password']);
    assert.equal(token.user.name, 'admin');
    assert.deepEqual(token.user.domain, { id: 'default', name: 'Default' });
    assert.equal(token.project.name, 'admin');
    assert.deepEqual(token.project.domain, { id: 'default', name: 'Default' });
    assert.equal(token.is_domain, false);
    assert.deepEqual(token.roles.map((r: any) => r.name).sort(), ['admin', 'manager', 'member', 'reader'], 'admin ⇒ manager ⇒ member ⇒ reader');
    assert.match(token.expires_at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{6}Z$/, 'microseconds, as Tempest parses');
    assert.equal(Date.parse(token.expires_at) - Date.parse(token.issued_at), 3600_000);
    assert.equal(token.audit_ids.length, 1);
    const types = token.catalog.map((s: any) => `${s.type}/${s.name}`).sort();
    assert.deepEqual(types, ['identity/keystone', 'network/neutron']);
    const network = token.catalog.find((s: any) => s.type === 'network');
    const publicEndpoint = network.endpoints.find((e: any) => e.interface === 'public');
    assert.equal(publicEndpoint.url, 'http://localhost:80/');
    assert.equal(publicEndpoint.region_id, 'RegionOne');
    const nocatalog = await api.request('POST', '/identity/v3/auth/tokens?nocatalog', { body: passwordAuth('admin', ADMIN_PASSWORD, projectScope('admin')) });
    assert.equal(nocatalog.body.token.catalog, undefined);
  });

  test('user by id, project by id, domain by id; domain and system scopes; unscoped', async () => {
    const admin = await api.adminToken();
    const me = (await api.request('GET', '/identity/v3/auth/tokens', { token: admin, headers: { 'x-subject-token': admin } })).body.token;
    const byId = await api.request('POST', '/identity/v3/auth/tokens', { body: { auth: {
      identity: { methods: ['password'], password: { user: { id: me.user.id, password: ADMIN_PASSWORD } } },
      scope: { project: { id: me.project.id } } } } });
    assert.equal(byId.status, 201);
    assert.equal(byId.body.token.project.id, me.project.id);
    const system = await api.login('admin', ADMIN_PASSWORD, { system: { all: true } });
    assert.equal(system.status, 201);
    assert.deepEqual(system.body.token.system, { all: true });
    assert.ok(system.body.token.roles.some((r: any) => r.name === 'admin'));
    const domain = await api.login('admin', ADMIN_PASSWORD, { domain: { id: 'default' } });
    assert.equal(domain.status, 401, 'no role on the domain: no domain-scoped token');
    const roleId = (await api.request('GET', '/identity/v3/roles?name=reader', { token: admin })).body.roles[0].id;
    assert.equal((await api.request('PUT', `/identity/v3/domains/default/users/${me.user.id}/roles/${roleId}`, { token: admin })).status, 204);
    const domainScoped = await api.login('admin', ADMIN_PASSWORD, { domain: { name: 'Default' } });
    assert.equal(domainScoped.status, 201);
    assert.deepEqual(domainScoped.body.token.domain, { id: 'default', name: 'Default' });
    assert.deepEqual(domainScoped.body.token.roles.map((r: any) => r.name), ['reader']);
    const unscoped = await api.login('admin', ADMIN_PASSWORD, 'unscoped');
    assert.equal(unscoped.status, 201);
    assert.equal(unscoped.body.token.project, undefined);
    assert.equal(unscoped.body.token.roles, undefined);
    assert.equal(unscoped.body.token.catalog, undefined);
    const defaultProject = await api.login('admin', ADMIN_PASSWORD);
    assert.equal(defaultProject.body.token.project?.name, 'admin', 'no scope: the default project');
  });

  test('rescoping with the token method keeps the audit chain and the expiry', async () => {
    const unscoped = await api.login('admin', ADMIN_PASSWORD, 'unscoped');
    api.clock.advance(60_000);
    const rescoped = await api.request('POST', '/identity/v3/auth/tokens', { body: { auth: {
      identity: { methods: ['token'], token: { id: unscoped.headers['x-subject-token'] } }, scope: projectScope('admin') } } });
    assert.equal(rescoped.status, 201);
    assert.equal(rescoped.body.token.audit_ids[1], unscoped.body.token.audit_ids[0]);
    assert.equal(rescoped.body.token.expires_at, unscoped.body.token.expires_at);
    assert.ok(rescoped.body.token.methods.includes('token'));
  });

  test('bad credentials: the same 401 for an unknown user, a wrong password, a bad token; no detail', async () => {
    const wrong = await api.login('admin', 'nope', projectScope('admin'));
    const unknown = await api.login('ghost', 'nope', projectScope('admin'));
    assert.equal(wrong.status, 401);
    assert.deepEqual(wrong.body, UNAUTHORIZED);
    assert.deepEqual(unknown.body, UNAUTHORIZED);
    assert.match(String(wrong.headers['www-authenticate']), /^Keystone uri="http:\/\/localhost:80\/identity"$/);
    const badToken = await api.request('POST', '/identity/v3/auth/tokens', { body: { auth: { identity: { methods: ['token'], token: { id: 'forged' } } } } });
    assert.deepEqual(badToken.body, UNAUTHORIZED);
    const noProject = await api.login('admin', ADMIN_PASSWORD, projectScope('does-not-exist'));
    assert.equal(noProject.status, 401);
    const malformed = await api.request('POST', '/identity/v3/auth/tokens', { body: { auth: { identity: { methods: 'password' } } } });
    assert.equal(malformed.status, 400);
    assert.equal(malformed.body.error.title, 'Bad Request');
    for (const body of ['{', '[]', '{"auth": 5}', '{"auth": {"identity": {"methods": ["password"], "password": {"user": {"name": 7}}}}}']) {
      const response = await api.request('POST', '/identity/v3/auth/tokens', { body });
      assert.equal(response.status, 400, body);
      assert.equal(response.body.error.code, 400);
    }
    const noToken = await api.request('GET', '/identity/v3/users');
    assert.deepEqual(noToken.body, UNAUTHORIZED);
  });

  test('validate (GET/HEAD), revoke (DELETE): the revoked token answers 404 to validation and 401 to use', async () => {
    const admin = await api.adminToken();
    const victim = await api.adminToken();
    const shown = await api.request('GET', '/identity/v3/auth/tokens', { token: admin, headers: { 'x-subject-token': victim } });
    assert.equal(shown.status, 200);
    assert.equal(shown.headers['x-subject-token'], victim);
    const head = await api.request('HEAD', '/identity/v3/auth/tokens', { token: admin, headers: { 'x-subject-token': victim } });
    assert.equal(head.status, 200);
    assert.equal((await api.request('DELETE', '/identity/v3/auth/tokens', { token: admin, headers: { 'x-subject-token': victim } })).status, 204);
    assert.equal((await api.request('GET', '/identity/v3/auth/tokens', { token: admin, headers: { 'x-subject-token': victim } })).status, 404);
    assert.equal((await api.request('GET', '/identity/v3/users', { token: victim })).status, 401);
    assert.equal((await api.request('GET', '/v2.0/networks', { token: victim })).status, 401);
    assert.equal((await api.request('GET', '/identity/v3/users', { token: admin })).status, 200, 'other tokens live on');
  });

  test('revocation events are pruned once no token they match can still be valid', async () => {
    const admin = await api.adminToken();
    const first = await api.adminToken();
    await api.request('DELETE', '/identity/v3/auth/tokens', { token: admin, headers: { 'x-subject-token': first } });
    const count = async () => Number((await api.database.db.selectFrom('identity_revocations').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow()).n);
    const before = await count();
    assert.ok(before >= 1);
    api.clock.advance(3600_000 + 120_000);
    const fresh = await api.adminToken();
    const second = await api.adminToken();
    await api.request('DELETE', '/identity/v3/auth/tokens', { token: fresh, headers: { 'x-subject-token': second } });
    assert.equal(await count(), 1, 'only the new event is left');
  });

  test('another API server sharing the database: tokens validate there, and a revocation there reaches this one within 2 s', async () => {
    const other = createIdentity(new Store(api.database), { tokenExpirationSeconds: 3600, region: 'RegionOne', clock: api.clock.read });
    const token = await api.adminToken();
    const valid = await other.tokens.validate(token);
    assert.equal(valid?.user.name, 'admin', 'same signing key, read from the database');
    assert.equal((await api.request('GET', '/v2.0/networks', { token })).status, 200);
    await other.tokens.revoke(valid!.claims);
    assert.equal(await other.tokens.validate(token), undefined);
    assert.equal((await api.request('GET', '/v2.0/networks', { token })).status, 200, 'this server\'s cached validation');
    api.clock.advance(2_000);
    assert.equal((await api.request('GET', '/v2.0/networks', { token })).status, 401);
  });

  test('tokens expire (1 h by default)', async () => {
    const token = await api.adminToken();
    api.clock.advance(3599_000);
    assert.equal((await api.request('GET', '/identity/v3/auth/projects', { token })).status, 200);
    api.clock.advance(1_000);
    assert.equal((await api.request('GET', '/identity/v3/auth/projects', { token })).status, 401);
    assert.equal((await api.request('GET', '/v2.0/networks', { token })).status, 401);
  });

  test('disabling or deleting a user, disabling a project, removing an assignment end existing tokens', async () => {
    const admin = await api.adminToken();
    const a = await api.persona(admin, 'tok-a', ['member']);
    const scope = { project: { id: a.project.id } };
    let token = await api.token('tok-a', a.password, scope);
    const works = () => api.request('GET', '/v2.0/networks', { token });
    assert.equal((await works()).status, 200);
    await api.request('PATCH', `/identity/v3/users/${a.user.id}`, { token: admin, body: { user: { enabled: false } } });
    assert.equal((await works()).status, 401);
    assert.equal((await api.login('tok-a', a.password, scope)).status, 401, 'a disabled user cannot log in');
    await api.request('PATCH', `/identity/v3/users/${a.user.id}`, { token: admin, body: { user: { enabled: true } } });
    assert.equal((await works()).status, 401, 'a token revoked stays revoked');
    api.clock.advance(1);
    token = await api.token('tok-a', a.password, scope);
    assert.equal((await works()).status, 200);
    await api.request('PATCH', `/identity/v3/projects/${a.project.id}`, { token: admin, body: { project: { enabled: false } } });
    assert.equal((await works()).status, 401);
    await api.request('PATCH', `/identity/v3/projects/${a.project.id}`, { token: admin, body: { project: { enabled: true } } });
    api.clock.advance(1);
    token = await api.token('tok-a', a.password, scope);
    const member = (await api.request('GET', '/identity/v3/roles?name=member', { token: admin })).body.roles[0];
    assert.equal((await api.request('DELETE', `/identity/v3/projects/${a.project.id}/users/${a.user.id}/roles/${member.id}`, { token: admin })).status, 204);
    assert.equal((await works()).status, 401, 'the token listed a role the user no longer holds');
    assert.equal((await api.login('tok-a', a.password, scope)).status, 401, 'no role on the project: no token');
    await api.request('PUT', `/identity/v3/projects/${a.project.id}/users/${a.user.id}/roles/${member.id}`, { token: admin });
    token = await api.token('tok-a', a.password, scope);
    assert.equal((await api.request('DELETE', `/identity/v3/users/${a.user.id}`, { token: admin })).status, 204);
    assert.equal((await works()).status, 401);
  });

  test('changing a password ends the tokens; the old password no longer works', async () => {
    const admin = await api.adminToken();
    const p = await api.persona(admin, 'pw-user', ['member']);
    const scope = { project: { id: p.project.id } };
    const token = await api.token('pw-user', p.password, scope);
    const wrongOriginal = await api.request('POST', `/identity/v3/users/${p.user.id}/password`, { body: { user: { original_password: 'x', password: 'new-pw' } } });
    assert.equal(wrongOriginal.status, 401);
    const changed = await api.request('POST', `/identity/v3/users/${p.user.id}/password`, { body: { user: { original_password: p.password, password: 'new-pw' } } });
    assert.equal(changed.status, 204);
    assert.equal((await api.request('GET', '/v2.0/networks', { token })).status, 401);
    assert.equal((await api.login('pw-user', p.password, scope)).status, 401);
    api.clock.advance(1);
    assert.equal((await api.login('pw-user', 'new-pw', scope)).status, 201);
  });

  test('a user may validate its own token but not another user\'s', async () => {
    const admin = await api.adminToken();
    const a = await api.persona(admin, 'val-a', ['member']);
    const b = await api.persona(admin, 'val-b', ['member']);
    const ta = await api.token('val-a', a.password, { project: { id: a.project.id } });
    const tb = await api.token('val-b', b.password, { project: { id: b.project.id } });
    assert.equal((await api.request('GET', '/identity/v3/auth/tokens', { token: ta, headers: { 'x-subject-token': ta } })).status, 200);
    const other = await api.request('GET', '/identity/v3/auth/tokens', { token: ta, headers: { 'x-subject-token': tb } });
    assert.equal(other.status, 403);
    assert.equal(other.body.error.title, 'Forbidden');
    assert.equal((await api.request('DELETE', '/identity/v3/auth/tokens', { token: ta, headers: { 'x-subject-token': tb } })).status, 403);
  });
});
