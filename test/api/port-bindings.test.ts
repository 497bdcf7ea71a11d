import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const SERVICE: As = { project: 'service', roles: 'service' };
const MEMBER_B: As = { project: 'project-b', roles: 'member,reader' };
const MISSING = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c55';

/**
 * binding-extended: the calls Nova makes to live-migrate an instance
 * (a binding on the destination, activation, removal of the source's),
 * Neutron's errors, and who may do what.
 */
forEachApi('port bindings (binding-extended)', ({ api }) => {
  const bindings = (portId: string) => `/v2.0/ports/${portId}/bindings`;
  /** A compute port of project A bound to `host`, as Nova leaves it after booting an instance there. */
  const instancePort = async (host = 'hv-a') => {
    const network = await api.network({ name: 'n' }, MEMBER_A);
    return api.port(network.id, { device_owner: 'compute:nova', device_id: 'vm-1', 'binding:host_id': host }, ADMIN);
  };
  const heartbeat = (host: string) => api.post('/v2.0/muon/agents', { agent: { agent_type: 'OVN Controller agent', binary: 'muon-agent', host } }, SERVICE);
  const portOf = async (id: string) => (await api.get(`/v2.0/ports/${id}`, ADMIN)).body.port;

  test('/v2.0/extensions advertises binding-extended', async () => {
    const shown = await api.get('/v2.0/extensions/binding-extended', MEMBER_A);
    assert.equal(shown.status, 200);
    assert.equal(shown.body.extension.name, 'Port Bindings Extended');
  });

  test('the Nova live-migration sequence: inactive on B, activate B (A inactive, port on B), delete A', async () => {
    const port = await instancePort('hv-a');
    await api.put(`/v2.0/muon/ports/${port.id}/status`, { port_status: { host: 'hv-a', status: 'ACTIVE' } }, SERVICE);
    assert.equal((await heartbeat('hv-b')).status, 200);
    const before = await portOf(port.id);

    const created = await api.post(bindings(port.id), { binding: { host: 'hv-b', profile: { migrating_from: 'hv-a' } } }, SERVICE);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual(created.body.binding, {
      host: 'hv-b', vif_type: 'ovs', vif_details: { port_filter: true, connectivity: 'l2', bridge_name: 'br-int', datapath_type: 'netdev' },
      vnic_type: 'normal', profile: { migrating_from: 'hv-a' }, status: 'INACTIVE',
    });
    const during = await portOf(port.id);
    assert.deepEqual([during['binding:host_id'], during.status, during['binding:vif_type']], ['hv-a', 'ACTIVE', 'ovs'], 'an inactive binding leaves the port alone');
    assert.ok(during.revision_number > before.revision_number, 'a binding change bumps the port');

    const listed = await api.get(bindings(port.id), SERVICE);
    assert.equal(listed.status, 200);
    assert.deepEqual(listed.body.bindings.map((b: any) => [b.host, b.status, b.vif_type]), [['hv-a', 'ACTIVE', 'ovs'], ['hv-b', 'INACTIVE', 'ovs']]);
    assert.deepEqual((await api.get(`${bindings(port.id)}?status=INACTIVE&fields=host`, ADMIN)).body.bindings, [{ host: 'hv-b' }]);
    assert.deepEqual((await api.get(`${bindings(port.id)}/hv-b`, ADMIN)).body.binding.status, 'INACTIVE');

    const activated = await api.put(`${bindings(port.id)}/hv-b/activate`, undefined, SERVICE);
    assert.equal(activated.status, 200, JSON.stringify(activated.body));
    assert.deepEqual([activated.body.host, activated.body.status, activated.body.vif_type], ['hv-b', 'ACTIVE', 'ovs'], 'the binding itself, no envelope');
    const moved = await portOf(port.id);
    assert.deepEqual([moved['binding:host_id'], moved['binding:profile'], moved['binding:vif_type'], moved.status], ['hv-b', { migrating_from: 'hv-a' }, 'ovs', 'DOWN']);
    const after = (await api.get(bindings(port.id), SERVICE)).body.bindings;
    assert.deepEqual(after.map((b: any) => [b.host, b.status, b.vif_type, b.vif_details]), [['hv-b', 'ACTIVE', 'ovs', moved['binding:vif_details']], ['hv-a', 'INACTIVE', 'unbound', {}]]);

    assert.equal((await api.delete(`${bindings(port.id)}/hv-a`, SERVICE)).status, 204);
    assert.deepEqual((await api.get(bindings(port.id), SERVICE)).body.bindings.map((b: any) => b.host), ['hv-b']);
    expectError(await api.get(`${bindings(port.id)}/hv-a`, SERVICE), 404, 'PortBindingNotFound');
    assert.equal((await portOf(port.id))['binding:host_id'], 'hv-b');
  });

  test('a destination without an agent gives an unbound inactive binding; a vnic type and profile are kept', async () => {
    const port = await instancePort('hv-a');
    const created = await api.post(bindings(port.id), { binding: { host: 'nowhere', vnic_type: 'direct', profile: null } }, SERVICE);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.deepEqual([created.body.binding.vif_type, created.body.binding.vif_details, created.body.binding.vnic_type, created.body.binding.profile], ['unbound', {}, 'direct', {}]);
    await api.put(`${bindings(port.id)}/nowhere/activate`, undefined, SERVICE);
    const moved = await portOf(port.id);
    assert.deepEqual([moved['binding:host_id'], moved['binding:vif_type'], moved['binding:vnic_type']], ['nowhere', 'unbound', 'direct']);
  });

  test('errors: exists 409, already active 409, unknown host 404, unknown port 404, not a compute port 400', async () => {
    const port = await instancePort('hv-a');
    assert.equal((await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, SERVICE)).status, 201);
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, SERVICE), 409, 'PortBindingAlreadyExists');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-a' } }, SERVICE), 409, 'PortBindingAlreadyExists');
    expectError(await api.put(`${bindings(port.id)}/hv-a/activate`, undefined, SERVICE), 409, 'PortBindingAlreadyActive');
    expectError(await api.put(`${bindings(port.id)}/hv-z/activate`, undefined, SERVICE), 404, 'PortBindingNotFound');
    expectError(await api.delete(`${bindings(port.id)}/hv-z`, SERVICE), 404, 'PortBindingNotFound');
    expectError(await api.get(`${bindings(port.id)}/hv-z`, SERVICE), 404, 'PortBindingNotFound');
    expectError(await api.get(bindings(MISSING), SERVICE), 404, 'PortNotFound');
    expectError(await api.post(bindings(MISSING), { binding: { host: 'hv-b' } }, SERVICE), 404, 'PortNotFound');
    expectError(await api.put(`${bindings(MISSING)}/hv-b/activate`, undefined, SERVICE), 404, 'PortNotFound');

    const network = await api.network({ name: 'plain' }, MEMBER_A);
    const plain = await api.port(network.id, {}, MEMBER_A);
    expectError(await api.post(bindings(plain.id), { binding: { host: 'hv-b' } }, SERVICE), 400, 'BadRequest');
    expectError(await api.get(bindings(plain.id), SERVICE), 400, 'BadRequest');
    expectError(await api.put(`${bindings(plain.id)}/hv-b/activate`, undefined, SERVICE), 400, 'BadRequest');
    assert.equal((await portOf(port.id))['binding:host_id'], 'hv-a', 'nothing half-written');
  });

  test('bad bodies and filters are 400s and write nothing', async () => {
    const port = await instancePort('hv-a');
    expectError(await api.post(bindings(port.id), { binding: {} }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { binding: { host: '' } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { binding: { host: 7 } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { binding: { host: 'x'.repeat(256) } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b', vnic_type: 'warp' } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b', profile: 'x' } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b', vif_type: 'ovs' } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b', colour: 'red' } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.post(bindings(port.id), { host: 'hv-b' }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.get(`${bindings(port.id)}?colour=red`, SERVICE), 400, 'HTTPBadRequest');
    assert.deepEqual((await api.get(bindings(port.id), SERVICE)).body.bindings.map((b: any) => b.host), ['hv-a']);
  });

  test('policy: services change bindings, admins only read them, members see nothing, other projects get 404', async () => {
    const port = await instancePort('hv-a');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, ADMIN), 403, 'PolicyNotAuthorized');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, MEMBER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, MEMBER_B), 404, 'PortNotFound');
    assert.equal((await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, SERVICE)).status, 201);
    assert.equal((await api.get(bindings(port.id), ADMIN)).body.bindings.length, 2);
    const asMember = await api.get(bindings(port.id), MEMBER_A);
    assert.equal(asMember.status, 200);
    assert.deepEqual(asMember.body.bindings, [], 'a member lists no binding of its own port');
    expectError(await api.get(`${bindings(port.id)}/hv-b`, MEMBER_A), 404, 'HTTPNotFound');
    expectError(await api.put(`${bindings(port.id)}/hv-b/activate`, undefined, MEMBER_A), 404, 'HTTPNotFound');
    expectError(await api.delete(`${bindings(port.id)}/hv-b`, MEMBER_A), 404, 'HTTPNotFound');
    expectError(await api.put(`${bindings(port.id)}/hv-b/activate`, undefined, ADMIN), 403, 'PolicyNotAuthorized');
    expectError(await api.delete(`${bindings(port.id)}/hv-b`, ADMIN), 403, 'PolicyNotAuthorized');
    expectError(await api.get(bindings(port.id), MEMBER_B), 404, 'PortNotFound');
    assert.equal((await portOf(port.id))['binding:host_id'], 'hv-a');
  });

  test('deleting the active binding unbinds the port; a port update onto a host with an inactive binding replaces it', async () => {
    const port = await instancePort('hv-a');
    await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, SERVICE);
    assert.equal((await api.put(`/v2.0/ports/${port.id}`, { port: { 'binding:host_id': 'hv-b' } }, ADMIN)).status, 200);
    assert.deepEqual((await api.get(bindings(port.id), SERVICE)).body.bindings.map((b: any) => [b.host, b.status]), [['hv-b', 'ACTIVE']]);
    assert.equal((await api.delete(`${bindings(port.id)}/hv-b`, SERVICE)).status, 204);
    const unbound = await portOf(port.id);
    assert.deepEqual([unbound['binding:host_id'], unbound['binding:vif_type'], unbound.status], ['', 'unbound', 'DOWN']);
  });

  test('deleting the port deletes its bindings', async () => {
    const port = await instancePort('hv-a');
    await api.post(bindings(port.id), { binding: { host: 'hv-b' } }, SERVICE);
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, ADMIN)).status, 204);
    expectError(await api.get(bindings(port.id), SERVICE), 404, 'PortNotFound');
  });
});
