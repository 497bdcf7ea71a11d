import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { forEachApi } from '../helpers/for-each-database.ts';
import { IdentityApi } from './identity-harness.ts';

const V3 = '/identity/v3';

forEachApi('identity roles and assignments', { start: (db) => IdentityApi.start(db) }, ({ api }) => {
  let admin: string;
  const roleId = async (roleName: string) => (await api.request('GET', `${V3}/roles?name=${roleName}`, { token: admin })).body.roles[0].id as string;
  before(async () => { admin = await api.adminToken(); });

  test('bootstrap roles and inferences: admin ⇒ manager ⇒ member ⇒ reader', async () => {
    const roles = (await api.request('GET', `${V3}/roles`, { token: admin })).body.roles.map((r: any) => r.name).sort();
    assert.deepEqual(roles, ['admin', 'manager', 'member', 'reader', 'service']);
    const inferences = (await api.request('GET', `${V3}/role_inferences`, { token: admin })).body.role_inferences;
    const pairs = inferences.flatMap((i: any) => i.implies.map((r: any) => `${i.prior_role.name}>${r.name}`)).sort();
    assert.deepEqual(pairs, ['admin>manager', 'manager>member', 'member>reader']);
    const one = await api.request('GET', `${V3}/roles/${await roleId('member')}/implies/${await roleId('reader')}`, { token: admin });
    assert.equal(one.body.role_inference.implies.name, 'reader');
    assert.equal((await api.request('GET', `${V3}/roles/${await roleId('reader')}/implies/${await roleId('member')}`, { token: admin })).status, 404);
  });

  test('implied roles: create, a cycle is refused, tokens carry the closure, delete', async () => {
    const auditor = await api.create(admin, 'roles', 'role', { name: 'auditor' });
    assert.equal(auditor.domain_id, null);
    const put = await api.request('PUT', `${V3}/roles/${auditor.id}/implies/${await roleId('reader')}`, { token: admin });
    assert.equal(put.status, 201);
    assert.equal(put.body.role_inference.prior_role.id, auditor.id);
    const cycle = await api.request('PUT', `${V3}/roles/${await roleId('reader')}/implies/${auditor.id}`, { token: admin });
    assert.equal(cycle.status, 400);
    const p = await api.persona(admin, 'aud', ['auditor']);
    const login = await api.login('aud', p.password, { project: { id: p.project.id } });
    assert.deepEqual(login.body.token.roles.map((r: any) => r.name).sort(), ['auditor', 'reader']);
    assert.deepEqual((await api.request('GET', `${V3}/roles/${auditor.id}/implies`, { token: admin })).body.role_inference.implies.map((r: any) => r.name), ['reader']);
    assert.equal((await api.request('DELETE', `${V3}/roles/${auditor.id}/implies/${await roleId('reader')}`, { token: admin })).status, 204);
    const after = await api.login('aud', p.password, { project: { id: p.project.id } });
    assert.deepEqual(after.body.token.roles.map((r: any) => r.name), ['auditor']);
    assert.equal((await api.request('GET', '/v2.0/networks', { token: login.headers['x-subject-token'] as string })).status, 401, 'the old token listed reader');
  });

  test('grants: PUT, HEAD/GET check, list, DELETE; 404 for unknown parts or a missing grant', async () => {
    const p = await api.persona(admin, 'grantee', []);
    const member = await roleId('member');
    const path = `${V3}/projects/${p.project.id}/users/${p.user.id}/roles`;
    assert.equal((await api.request('HEAD', `${path}/${member}`, { token: admin })).status, 404);
    assert.equal((await api.request('PUT', `${path}/${member}`, { token: admin })).status, 204);
    assert.equal((await api.request('PUT', `${path}/${member}`, { token: admin })).status, 204, 'idempotent');
    assert.equal((await api.request('HEAD', `${path}/${member}`, { token: admin })).status, 204);
    assert.equal((await api.request('GET', `${path}/${member}`, { token: admin })).status, 204);
    assert.deepEqual((await api.request('GET', path, { token: admin })).body.roles.map((r: any) => r.name), ['member']);
    assert.equal((await api.request('PUT', `${V3}/projects/nope/users/${p.user.id}/roles/${member}`, { token: admin })).status, 404);
    assert.equal((await api.request('PUT', `${path}/nope`, { token: admin })).status, 404);
    assert.equal((await api.request('DELETE', `${path}/${member}`, { token: admin })).status, 204);
    assert.equal((await api.request('DELETE', `${path}/${member}`, { token: admin })).status, 404);
    const sys = await api.request('PUT', `${V3}/system/users/${p.user.id}/roles/${await roleId('reader')}`, { token: admin });
    assert.equal(sys.status, 204);
    const reader = await api.login('grantee', p.password, { system: { all: true } });
    assert.equal(reader.status, 201);
    const systemReader = reader.headers['x-subject-token'] as string;
    assert.equal((await api.request('GET', `${V3}/users`, { token: systemReader })).status, 200, 'a system reader reads');
    assert.equal((await api.request('POST', `${V3}/projects`, { token: systemReader, body: { project: { name: 'no' } } })).status, 403, 'but does not write');
  });

  test('groups give their roles to members; /role_assignments with filters, effective, include_names, include_subtree', async () => {
    const parent = await api.create(admin, 'projects', 'project', { name: 'ra-parent' });
    const child = await api.create(admin, 'projects', 'project', { name: 'ra-child', parent_id: parent.id });
    const user = await api.create(admin, 'users', 'user', { name: 'frank', password: 'pw-frank' });
    const group = await api.create(admin, 'groups', 'group', { name: 'ra-group' });
    await api.request('PUT', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin });
    const member = await roleId('member');
    const reader = await roleId('reader');
    await api.request('PUT', `${V3}/projects/${parent.id}/groups/${group.id}/roles/${member}`, { token: admin });
    await api.request('PUT', `${V3}/projects/${child.id}/users/${user.id}/roles/${reader}`, { token: admin });

    const viaGroup = await api.login('frank', 'pw-frank', { project: { id: parent.id } });
    assert.equal(viaGroup.status, 201);
    assert.deepEqual(viaGroup.body.token.roles.map((r: any) => r.name).sort(), ['member', 'reader']);

    const direct = (await api.request('GET', `${V3}/role_assignments?scope.project.id=${parent.id}`, { token: admin })).body.role_assignments;
    assert.equal(direct.length, 1);
    assert.deepEqual(direct[0].group, { id: group.id });
    assert.equal(direct[0].links.assignment, `http://localhost:80${V3}/projects/${parent.id}/groups/${group.id}/roles/${member}`);

    const effective = (await api.request('GET', `${V3}/role_assignments?user.id=${user.id}&effective&include_names=true`, { token: admin })).body.role_assignments;
    const described = effective.map((a: any) => `${a.scope.project.name}:${a.role.name}:${a.user.name}${a.links.membership ? ':via-group' : ''}${a.links.prior_role ? ':implied' : ''}`).sort();
    assert.deepEqual(described, ['ra-child:reader:frank', 'ra-parent:member:frank:via-group', 'ra-parent:reader:frank:via-group:implied']);
    assert.equal(effective[0].user.domain.name, 'Default');

    const byRole = (await api.request('GET', `${V3}/role_assignments?user.id=${user.id}&effective&role.id=${reader}`, { token: admin })).body.role_assignments;
    assert.equal(byRole.length, 2, 'role.id filters after expansion');
    const subtree = (await api.request('GET', `${V3}/role_assignments?scope.project.id=${parent.id}&include_subtree=true`, { token: admin })).body.role_assignments;
    assert.deepEqual(subtree.map((a: any) => a.scope.project.id).sort(), [parent.id, child.id].sort());

    await api.request('DELETE', `${V3}/groups/${group.id}/users/${user.id}`, { token: admin });
    assert.equal((await api.request('GET', '/v2.0/networks', { token: viaGroup.headers['x-subject-token'] as string })).status, 401, 'leaving the group ends the token');
    const self = await api.token('frank', 'pw-frank', { project: { id: child.id } });
    const mine = await api.request('GET', `${V3}/role_assignments?user.id=${user.id}`, { token: self });
    assert.equal(mine.status, 200, 'a user may list its own assignments');
  });

  test('deleting a role removes its assignments', async () => {
    const temp = await api.create(admin, 'roles', 'role', { name: 'temp' });
    const p = await api.persona(admin, 'temp-user', ['temp']);
    const token = await api.token('temp-user', p.password, { project: { id: p.project.id } });
    assert.equal((await api.request('DELETE', `${V3}/roles/${temp.id}`, { token: admin })).status, 204);
    assert.equal((await api.request('GET', `${V3}/auth/projects`, { token })).status, 401);
    assert.deepEqual((await api.request('GET', `${V3}/role_assignments?user.id=${p.user.id}`, { token: admin })).body.role_assignments, []);
  });
});
