import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const SERVICE: As = { project: 'service', roles: 'service' };
const MISSING = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c55';

/** What host agents send: heartbeats and port status (services and admins only; bad bodies are 400s). */
forEachApi('agent reports', ({ api }) => {
  const heartbeat = (as: As, agent: Record<string, unknown>) => api.post('/v2.0/muon/agents', { agent }, as);

  test('a heartbeat registers the agent once per host; admins see it in /v2.0/agents', async () => {
    const agent = { agent_type: 'OVN Controller agent', binary: 'muon-agent', host: 'hv7', configurations: { chassis: 'hv7' }, start_flag: true };
    const first = await heartbeat(SERVICE, agent);
    assert.equal(first.status, 200, JSON.stringify(first.body));
    const again = await heartbeat(SERVICE, { ...agent, start_flag: false });
    assert.equal(again.body.agent.id, first.body.agent.id);
    const listed = (await api.get('/v2.0/agents?host=hv7', ADMIN)).body.agents;
    assert.deepEqual(listed.map((a: any) => [a.id, a.binary, a.alive, a.configurations.chassis]), [[first.body.agent.id, 'muon-agent', true, 'hv7']]);
  });

  test('only services and admins report; malformed reports are 400s', async () => {
    expectError(await heartbeat(MEMBER_A, { agent_type: 't', binary: 'b', host: 'h' }), 403, 'PolicyNotAuthorized');
    expectError(await heartbeat(SERVICE, { agent_type: 't', binary: 'b' }), 400, 'HTTPBadRequest');
    expectError(await heartbeat(SERVICE, { agent_type: 't', binary: 'b', host: 'h', colour: 'red' }), 400, 'HTTPBadRequest');
    expectError(await heartbeat(SERVICE, { agent_type: 't', binary: 'b', host: 7 }), 400, 'HTTPBadRequest');
    expectError(await heartbeat(SERVICE, { agent_type: 't', binary: 'b', host: 'x'.repeat(256) }), 400, 'HTTPBadRequest');
    expectError(await api.post('/v2.0/muon/agents', [1], SERVICE), 400, 'HTTPBadRequest');
  });

  test('port status: DOWN → ACTIVE with an ovs binding, back to DOWN; a failure carries its reason', async () => {
    const network = (await api.post('/v2.0/networks', { network: { name: 'n' } }, MEMBER_A)).body.network;
    const port = (await api.post('/v2.0/ports', { port: { network_id: network.id, 'binding:host_id': 'hv7' } }, ADMIN)).body.port;
    assert.equal(port.status, 'DOWN');
    const report = (body: unknown, as: As = SERVICE) => api.put(`/v2.0/muon/ports/${port.id}/status`, { port_status: body }, as);
    const active = await report({ host: 'hv7', status: 'ACTIVE' });
    assert.equal(active.status, 200, JSON.stringify(active.body));
    let shown = (await api.get(`/v2.0/ports/${port.id}`, ADMIN)).body.port;
    assert.deepEqual([shown.status, shown['binding:vif_type'], shown['binding:vif_details'].bridge_name], ['ACTIVE', 'ovs', 'br-int']);
    const revision = shown.revision_number;
    await report({ host: 'hv7', status: 'ACTIVE' });
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, ADMIN)).body.port.revision_number, revision, 'a repeated report writes nothing');
    await report({ host: 'hv7', status: 'DOWN' });
    shown = (await api.get(`/v2.0/ports/${port.id}`, ADMIN)).body.port;
    assert.deepEqual([shown.status, shown['binding:vif_type']], ['DOWN', 'ovs']);
    await report({ host: 'hv8', status: 'DOWN', reason: 'plugged on hv8 but bound to hv7' });
    shown = (await api.get(`/v2.0/ports/${port.id}`, ADMIN)).body.port;
    assert.deepEqual([shown.status, shown['binding:vif_type'], shown['binding:vif_details'].reason], ['DOWN', 'binding_failed', 'plugged on hv8 but bound to hv7']);
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.status, 'DOWN', 'the owner sees the status');
  });

  test('port status: 404 for an unknown port, 403 for members, 400 for bad bodies', async () => {
    expectError(await api.put(`/v2.0/muon/ports/${MISSING}/status`, { port_status: { host: 'h', status: 'ACTIVE' } }, SERVICE), 404, 'PortNotFound');
    expectError(await api.put(`/v2.0/muon/ports/${MISSING}/status`, { port_status: { host: 'h', status: 'ACTIVE' } }, MEMBER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.put(`/v2.0/muon/ports/${MISSING}/status`, { port_status: { host: 'h', status: 'BUILD' } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.put(`/v2.0/muon/ports/${MISSING}/status`, { port_status: { status: 'DOWN' } }, SERVICE), 400, 'HTTPBadRequest');
    expectError(await api.put(`/v2.0/muon/ports/${MISSING}/status`, { port_status: { host: 'h', status: 'ACTIVE', reason: 'x' } }, SERVICE), 400, 'InvalidInput');
    expectError(await api.put(`/v2.0/muon/ports/${MISSING}/status`, {}, SERVICE), 400, 'HTTPBadRequest');
  });
});
