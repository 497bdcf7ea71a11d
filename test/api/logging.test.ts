import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const MANAGER_A: As = { project: 'project-a', roles: 'manager,member,reader' };
const READER_A: As = { project: 'project-a', roles: 'reader' };
const MANAGER_B: As = { project: 'project-b', roles: 'manager,member,reader' };
const MISSING = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c77';

/**
 * The logging extension (network logs of security groups) as Neutron's
 * logging plugin answers: the attributes, the checks of what a log names
 * (neutron/services/logapi/common/sg_validate.py), what may change, and
 * logs going with their security group or port.
 */
forEachApi('logging', ({ api }) => {
  const group = (as: As = ADMIN, attributes: Record<string, unknown> = {}) => api.create('security-groups', 'security_group', { name: 'logged', ...attributes }, as);
  const log = (attributes: Record<string, unknown>, as: As = ADMIN) => api.create('log/logs', 'log', { name: 'l', resource_type: 'security_group', ...attributes }, as);
  const post = (attributes: Record<string, unknown>, as: As = ADMIN) => api.post('/v2.0/log/logs', { log: attributes }, as);
  const count = async () => (await api.get('/v2.0/log/logs?fields=id', ADMIN)).body.logs.length;

  test('create, show, list, update (name, description, enabled), delete; the attributes as Neutron shows them', async () => {
    const sg = await group();
    const created = await log({ name: 'audit', description: 'who talks', resource_id: sg.id });
    assert.deepEqual(Object.keys(created).sort(), ['created_at', 'description', 'enabled', 'event', 'id', 'name', 'project_id', 'resource_id',
      'resource_type', 'revision_number', 'target_id', 'updated_at']);
    assert.deepEqual([created.name, created.description, created.resource_type, created.resource_id, created.target_id, created.event, created.enabled,
      created.project_id, created.revision_number], ['audit', 'who talks', 'security_group', sg.id, null, 'ALL', true, 'admin-project', 0]);
    assert.deepEqual((await api.get(`/v2.0/log/logs/${created.id}`, ADMIN)).body.log, created);
    assert.ok((await api.get('/v2.0/log/logs', ADMIN)).body.logs.some((l: any) => l.id === created.id));

    const updated = await api.put(`/v2.0/log/logs/${created.id}`, { log: { description: 'quiet', enabled: false, name: 'renamed' } }, ADMIN);
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual([updated.body.log.description, updated.body.log.enabled, updated.body.log.name, updated.body.log.revision_number], ['quiet', false, 'renamed', 1]);
    for (const [attribute, value] of [['resource_id', sg.id], ['target_id', MISSING], ['event', 'DROP'], ['resource_type', 'security_group']] as const) {
      expectError(await api.put(`/v2.0/log/logs/${created.id}`, { log: { [attribute]: value } }, ADMIN), 400, 'HTTPBadRequest', `Cannot update read-only attribute ${attribute}`);
    }
    assert.deepEqual((await api.get(`/v2.0/log/logs?enabled=false&fields=id`, ADMIN)).body.logs, [{ id: created.id }]);

    assert.equal((await api.delete(`/v2.0/log/logs/${created.id}`, ADMIN)).status, 204);
    expectError(await api.get(`/v2.0/log/logs/${created.id}`, ADMIN), 404, 'LogResourceNotFound', `Log resource ${created.id} could not be found.`);
    expectError(await api.delete(`/v2.0/log/logs/${created.id}`, ADMIN), 404, 'LogResourceNotFound');
  });

  test('a log of no group and no port (every group), events, filters', async () => {
    const everything = await log({ event: 'DROP' });
    assert.deepEqual([everything.resource_id, everything.target_id, everything.event], [null, null, 'DROP']);
    const accept = await log({ event: 'ACCEPT', enabled: false });
    assert.deepEqual((await api.get(`/v2.0/log/logs?event=ACCEPT&fields=id`, ADMIN)).body.logs, [{ id: accept.id }]);
    expectError(await post({ resource_type: 'security_group', event: 'SOME' }), 400, 'HTTPBadRequest', "Invalid input for event. Reason: SOME is not in valid_values.");
    expectError(await post({ resource_type: 'security_group', enabled: 'perhaps' }), 400, 'InvalidInput', "Invalid input for operation: 'perhaps' cannot be converted to boolean.");
    expectError(await post({ resource_type: 'security_group', resource_id: 'not-a-uuid' }), 400, 'HTTPBadRequest', /resource_id/);
    expectError(await post({ name: 'no type' }), 400, 'HTTPBadRequest', "Failed to parse request. Required attribute 'resource_type' not specified");
    expectError(await api.get('/v2.0/log/logs?sort_key=event&sort_dir=asc', ADMIN), 400, 'HTTPBadRequest');
    assert.equal((await api.get('/v2.0/log/logs?sort_key=enabled&sort_dir=desc', ADMIN)).status, 200);
  });

  test("what a log names is checked, in Neutron's order, and nothing is written when it fails", async () => {
    const sg = await group();
    const net = await api.network({}, ADMIN);
    const inGroup = await api.port(net.id, { security_groups: [sg.id] }, ADMIN);
    const elsewhere = await api.port(net.id, {}, ADMIN);
    const sriov = await api.port(net.id, { 'binding:vnic_type': 'direct', security_groups: [sg.id] }, ADMIN);
    const before = await count();
    expectError(await post({ resource_type: 'fake_resource' }), 400, 'InvalidLogResourceType', 'Invalid log resource_type: fake_resource.');
    expectError(await post({ resource_type: 'firewall_group', resource_id: MISSING }), 400, 'InvalidLogResourceType');
    expectError(await post({ resource_type: 'security_group', resource_id: MISSING, target_id: inGroup.id }), 404, 'ResourceNotFound', `Resource ${MISSING} could not be found.`);
    expectError(await post({ resource_type: 'security_group', target_id: MISSING }), 404, 'TargetResourceNotFound', `Target resource ${MISSING} could not be found.`);
    expectError(await post({ resource_type: 'security_group', resource_id: sg.id, target_id: sriov.id }), 409, 'LoggingTypeNotSupported',
      `Logging type security_group is not supported on port ${sriov.id}.`);
    expectError(await post({ resource_type: 'security_group', resource_id: sg.id, target_id: elsewhere.id }), 400, 'InvalidResourceConstraint',
      `Invalid resource constraint between resource (security_group ${sg.id}) and target resource (port ${elsewhere.id}).`);
    assert.equal(await count(), before, 'no log written by a refused create');

    const both = await log({ resource_id: sg.id, target_id: inGroup.id, event: 'ACCEPT' });
    assert.deepEqual([both.resource_id, both.target_id, both.event], [sg.id, inGroup.id, 'ACCEPT']);
    const portOnly = await log({ target_id: elsewhere.id });
    assert.deepEqual([portOnly.resource_id, portOnly.target_id], [null, elsewhere.id]);
    assert.deepEqual((await api.get(`/v2.0/log/logs?target_id=${inGroup.id}&fields=id`, ADMIN)).body.logs, [{ id: both.id }]);
    assert.deepEqual((await api.get(`/v2.0/log/logs?resource_id=${sg.id}&fields=id`, ADMIN)).body.logs, [{ id: both.id }]);
  });

  test('a log goes with its security group or its port, and the change log says so', async () => {
    const sg = await group();
    const net = await api.network({}, ADMIN);
    const port = await api.port(net.id, {}, ADMIN);
    const ofGroup = await log({ resource_id: sg.id, enabled: false });
    const ofPort = await log({ target_id: port.id });
    const kept = await log({});
    const since = (await api.get('/v2.0/muon/changes', ADMIN)).body.revision;
    assert.equal((await api.delete(`/v2.0/security-groups/${sg.id}`, ADMIN)).status, 204);
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, ADMIN)).status, 204);
    expectError(await api.get(`/v2.0/log/logs/${ofGroup.id}`, ADMIN), 404, 'LogResourceNotFound');
    expectError(await api.get(`/v2.0/log/logs/${ofPort.id}`, ADMIN), 404, 'LogResourceNotFound');
    assert.equal((await api.get(`/v2.0/log/logs/${kept.id}`, ADMIN)).status, 200);
    const changes = (await api.get(`/v2.0/muon/changes?since=${since}`, ADMIN)).body.changes.filter((c: any) => c.resource_type === 'log');
    assert.deepEqual(changes.map((c: any) => `${c.action} ${c.resource_id}`).sort(), [`delete ${ofGroup.id}`, `delete ${ofPort.id}`].sort());
  });

  test("managers log their project's groups; members and readers do not; other projects' objects do not exist for them", async () => {
    const own = await group(MEMBER_A);
    const other = await group(ADMIN, { project_id: 'project-b' });
    const mine = await log({ resource_id: own.id }, MANAGER_A);
    assert.equal(mine.project_id, 'project-a');
    expectError(await post({ resource_type: 'security_group', resource_id: own.id }, MEMBER_A), 403, 'PolicyNotAuthorized', 'rule:create_log is disallowed by policy');
    expectError(await post({ resource_type: 'security_group', resource_id: other.id }, MANAGER_A), 404, 'ResourceNotFound');
    const portB = await api.port((await api.network({ project_id: 'project-b' }, ADMIN)).id, {}, ADMIN);
    expectError(await post({ resource_type: 'security_group', target_id: portB.id }, MANAGER_A), 404, 'TargetResourceNotFound');
    assert.equal((await api.get(`/v2.0/log/logs/${mine.id}`, MANAGER_A)).status, 200);
    expectError(await api.get(`/v2.0/log/logs/${mine.id}`, READER_A), 404, 'LogResourceNotFound');
    expectError(await api.get(`/v2.0/log/logs/${mine.id}`, MANAGER_B), 404, 'LogResourceNotFound');
    assert.deepEqual((await api.get('/v2.0/log/logs', MEMBER_A)).body.logs, []);
    assert.deepEqual((await api.get('/v2.0/log/logs?fields=id', MANAGER_A)).body.logs, [{ id: mine.id }]);
    expectError(await api.put(`/v2.0/log/logs/${mine.id}`, { log: { enabled: false } }, MANAGER_B), 404, 'LogResourceNotFound');
    assert.equal((await api.put(`/v2.0/log/logs/${mine.id}`, { log: { enabled: false } }, MANAGER_A)).status, 200);
    assert.equal((await api.delete(`/v2.0/log/logs/${mine.id}`, MANAGER_A)).status, 204);
  });

  test('loggable resources: the types the backend logs, listed for the administrator', async () => {
    const listed = await api.get('/v2.0/log/loggable-resources', ADMIN);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body, { loggable_resources: [{ type: 'security_group' }] });
    assert.deepEqual((await api.get('/v2.0/log/loggable-resources.json?fields=type', ADMIN)).body, { loggable_resources: [{ type: 'security_group' }] });
    // Checked per listed type, which belongs to no project (Neutron's get_loggable_resource).
    assert.deepEqual((await api.get('/v2.0/log/loggable-resources', MANAGER_A)).body, { loggable_resources: [] });
    expectError(await api.get('/v2.0/log/loggable-resources?type=security_group', ADMIN), 400, 'HTTPBadRequest', "['type'] is invalid attribute for filtering");
    assert.ok((await api.get('/v2.0/extensions/logging', ADMIN)).body.extension.alias === 'logging');
  });
});
