import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { forEachApi } from '../helpers/for-each-database.ts';
import { IdentityApi } from './identity-harness.ts';

const V3 = '/identity/v3';

forEachApi('identity administration', { start: (db) => IdentityApi.start(db) }, ({ api }) => {
  let admin: string;
  before(async () => { admin = await api.adminToken(); });

  test('projects: create (domain from the token), show, filter, update, 409 on a duplicate name, delete', async () => {
    const created = await api.create(admin, 'projects', 'project', { name: 'blue', description: 'd' });
    assert.equal(created.domain_id, 'default');
    assert.equal(created.parent_id, 'default');
    assert.equal(created.is_domain, false);
    assert.equal(created.enabled, true);
    assert.equal(created.links.self, `http://localhost:80${V3}/projects/${created.id}`);
    assert.match(created.id, /^[0-9a-f]{32}$/);
    const dup = await api.request('POST', `${V3}/projects`, { token: admin, body: { project: { name: 'blue' } } });
    assert.equal(dup.status, 409);
    assert.equal(dup.body.error.title, 'Conflict');
    const byName = await api.request('GET', `${V3}/projects?name=blue`, { token: admin });
    assert.deepEqual(byName.body.projects.map((p: any) => p.id), [created.id]);
    assert.equal(byName.body.links.self, `http://localhost:80${V3}/projects?name=blue`);
    assert.equal(byName.body.links.next, null);
    const child = await api.create(admin, 'projects', 'project', { name: 'blue-child', parent_id: created.id });
    assert.equal(child.parent_id, created.id);
    assert.deepEqual((await api.request('GET', `${V3}/projects?parent_id=${created.id}`, { token: admin })).body.projects.map((p: any) => p.name), ['blue-child']);
    const updated = await api.request('PATCH', `${V3}/projects/${created.id}`, { token: admin, body: { project: { description: 'new', enabled: false } } });
    assert.equal(updated.body.project.description, 'new');
    assert.equal(updated.body.project.enabled, false);
    assert.deepEqual((await api.request('GET', `${V3}/projects?enabled=false`, { token: admin })).body.projects.map((p: any) => p.name), ['blue']);
    assert.equal((await api.request('DELETE', `${V3}/projects/${created.id}`, { token: admin })).status, 403, 'a project with children stays');
    assert.equal((await api.request('DELETE', `${V3}/projects/${child.id}`, { token: admin })).status, 204);
    assert.equal((await api.request('DELETE', `${V3}/projects/${created.id}`, { token: admin })).status, 204);
    const gone = await api.request('GET', `${V3}/projects/${created.id}`, { token: admin });
    assert.equal(gone.status, 404);
    assert.deepEqual(gone.body, { error: { code: 404, title: 'Not Found', message: `Could not find project: ${created.id}.` } });
  });

  test('bad bodies are 400s with Keystone\'s shape, never 500s', async () => {
    for (const body of [undefined, {}, { project: 'x' }, { project: {} }, { project: { name: '' } }, { project: { name: 5 } }, { project: { name: 'x'.repeat(65) } },
      { project: { name: 'ok', enabled: 'yes' } }, { project: { name: 'ok', bogus: 1 } }, { project: { name: 'ok', domain_id: 'nope' } }, { project: { name: 'ok', is_domain: true } }]) {
      const response = await api.request('POST', `${V3}/projects`, { token: admin, body });
      assert.equal(response.status, 400, JSON.stringify(body));
      assert.equal(response.body.error.code, 400);
    }
    const user = await api.request('POST', `${V3}/users`, { token: admin, body: { user: { name: 'u', id: 'chosen' } } });
    assert.equal(user.status, 400);
    assert.equal((await api.request('PATCH', `${V3}/users/nope`, { token: admin, body: { user: { name: 'x' } } })).status, 404);
    assert.equal((await api.request('GET', `${V3}/nothing-here`, { token: admin })).body.error.code, 404);
  });

  test('users: create with extras (Tempest sends project_id and email), filters, self-read, 403 for others', async () => {
    const project = await api.create(admin, 'projects', 'project', { name: 'u-project' });
    const user = await api.create(admin, 'users', 'user', { name: 'carol', password: 'pw-carol', email: 'c@example.com', project_id: project.id, default_project_id: project.id });
    assert.equal(user.email, 'c@example.com');
    assert.equal(user.domain_id, 'default');
    assert.equal(user.password, undefined, 'never rendered');
    assert.equal(user.password_expires_at, null);
    assert.equal(user.default_project_id, project.id);
    assert.equal((await api.request('POST', `${V3}/users`, { token: admin, body: { user: { name: 'carol' } } })).status, 409);
    const found = await api.request('GET', `${V3}/users?name=carol&domain_id=default`, { token: admin });
    assert.deepEqual(found.body.users.map((u: any) => u.id), [user.id]);
    const member = (await api.request('GET', `${V3}/roles?name=member`, { token: admin })).body.roles[0];
    await api.request('PUT', `${V3}/projects/${project.id}/users/${user.id}/roles/${member.id}`, { token: admin });
    const carol = await api.token('carol', 'pw-carol', { project: { id: project.id } });
    assert.equal((await api.request('GET', `${V3}/users/${user.id}`, { token: carol })).status, 200);
    const projects = await api.request('GET', `${V3}/users/${user.id}/projects`, { token: carol });
    assert.deepEqual(projects.body.projects.map((p: any) => p.name), ['u-project']);
    assert.deepEqual((await api.request('GET', `${V3}/auth/projects`, { token: carol })).body.projects.map((p: any) => p.name), ['u-project']);
    assert.equal((await api.request('GET', `${V3}/projects/${project.id}`, { token: carol })).status, 200, 'a member may read its project');
    for (const [method, path] of [['GET', '/users'], ['GET', '/projects'], ['POST', '/projects'], ['GET', '/roles'], ['GET', '/domains'],
      ['GET', '/role_assignments'], ['DELETE', `/users/${user.id}`], ['GET', '/services'], ['PATCH', `/projects/${project.id}`]] as const) {
      const response = await api.request(method, `${V3}${path}`, { token: carol, ...(method === 'POST' || method === 'PATCH' ? { body: { project: { name: 'z' } } } : {}) });
      assert.equal(response.status, 403, `${method} ${path}`);
      assert.match(response.body.error.message, /^You are not authorized to perform the requested action: identity:/);
    }
    const adminUser = (await api.request('GET', `${V3}/users?name=admin`, { token: admin })).body.users[0];
    assert.equal((await api.request('GET', `${V3}/users/${adminUser.id}`, { token: carol })).status, 403);
    assert.equal((await api.request('GET', `${V3}/auth/system`, { token: carol })).body.system.length, 0);
    assert.deepEqual((await api.request('GET', `${V3}/auth/system`, { token: admin })).body.system, [{ all: true }]);
  });

  test('domains: create, disable before delete, delete cascades', async () => {
    const domain = await api.create(admin, 'domains', 'domain', { name: 'Other' });
    assert.equal(domain.enabled, true);
    const project = await api.create(admin, 'projects', 'project', { name: 'p', domain_id: domain.id });
    await api.create(admin, 'users', 'user', { name: 'dave', domain_id: domain.id, password: 'pw' });
    assert.deepEqual((await api.request('GET', `${V3}/domains?name=Other`, { token: admin })).body.domains.map((d: any) => d.id), [domain.id]);
    assert.equal((await api.request('DELETE', `${V3}/domains/${domain.id}`, { token: admin })).status, 403);
    await api.request('PATCH', `${V3}/domains/${domain.id}`, { token: admin, body: { domain: { enabled: false } } });
    assert.equal((await api.request('DELETE', `${V3}/domains/${domain.id}`, { token: admin })).status, 204);
    assert.equal((await api.request('GET', `${V3}/projects/${project.id}`, { token: admin })).status, 404);
    assert.deepEqual((await api.request('GET', `${V3}/users?name=dave`, { token: admin })).body.users, []);
    assert.equal((await api.request('POST', `${V3}/domains`, { token: admin, body: { domain: { name: 'Default' } } })).status, 409);
  });

  test('groups and membership', async () => {
    const group = await api.create(admin, 'groups', 'group', { name: 'ops' });
    const user = await api.create(admin, 'users', 'user', { name: 'erin', password: 'pw' });
    assert.equal((await api.request('GET', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status, 404);
    assert.equal((await api.request('PUT', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status, 204);
    assert.equal((await api.request('HEAD', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status, 204);
    assert.deepEqual((await api.request('GET', `${V3}/groups/${group.id}/users`, { token: admin })).body.users.map((u: any) => u.name), ['erin']);
    assert.deepEqual((await api.request('GET', `${V3}/users/${user.id}/groups`, { token: admin })).body.groups.map((g: any) => g.name), ['ops']);
    assert.equal((await api.request('DELETE', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status, 204);
    assert.equal((await api.request('DELETE', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin })).status, 404);
    assert.equal((await api.request('DELETE', `${V3}/groups/${group.id}`, { token: admin })).status, 204);
  });

  test('services, endpoints and regions are read-only views of the catalog', async () => {
    const services = (await api.request('GET', `${V3}/services`, { token: admin })).body.services;
    assert.deepEqual(services.map((s: any) => s.type).sort(), ['identity', 'network']);
    const network = (await api.request('GET', `${V3}/services?type=network`, { token: admin })).body.services[0];
    const endpoints = (await api.request('GET', `${V3}/endpoints?service_id=${network.id}&interface=public`, { token: admin })).body.endpoints;
    assert.equal(endpoints.length, 1);
    assert.equal(endpoints[0].url, 'http://localhost:80/');
    assert.equal((await api.request('GET', `${V3}/services/${network.id}`, { token: admin })).body.service.name, 'neutron');
    assert.deepEqual((await api.request('GET', `${V3}/regions`, { token: admin })).body.regions.map((r: any) => r.id), ['RegionOne']);
    assert.equal((await api.request('POST', `${V3}/services`, { token: admin, body: { service: { type: 'x' } } })).status, 404);
    const catalog = (await api.request('GET', `${V3}/auth/catalog`, { token: admin })).body.catalog;
    assert.equal(catalog.length, 2);
  });
});
