import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { ADMIN, Api, MEMBER_A, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const READER_A: As = { project: 'project-a', roles: 'reader' };
const MISSING = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c55';

forEachApi('agents, availability zones, service providers', { start: (db) => Api.start(db, { availabilityZones: ['az1'], serviceProviders: ['L3_ROUTER_NAT:ovn:default', 'L3_ROUTER_NAT:other'] }) }, ({ api }) => {
  const report = (host: string, type = 'muon agent', zone: string | null = null) => api.services.agents.registry.report({
    agent_type: type, binary: 'muon-agent', topic: 'N/A', host, availability_zone: zone, configurations: { bridge: 'br-int' }, start_flag: true,
  });

  test('agents report themselves; admins list, show, update and delete them; others list none', async () => {
    const id = await report('host1');
    assert.equal(await report('host1'), id, 'one row per type and host');
    const second = await report('host2', 'DHCP agent', 'az2');
    const listed = await api.get('/v2.0/agents', ADMIN);
    assert.equal(listed.status, 200);
    const agent = listed.body.agents.find((a: any) => a.id === id);
    assert.deepEqual([agent.agent_type, agent.binary, agent.host, agent.admin_state_up, agent.alive, agent.description, agent.availability_zone],
      ['muon agent', 'muon-agent', 'host1', true, true, null, null]);
    assert.deepEqual(agent.configurations, { bridge: 'br-int' });
    assert.equal('project_id' in agent || 'tenant_id' in agent, false, 'agents belong to no project');
    for (const key of ['created_at', 'started_at', 'heartbeat_timestamp', 'topic']) assert.ok(key in agent, key);
    assert.deepEqual((await api.get('/v2.0/agents?host=host2&fields=id', ADMIN)).body.agents, [{ id: second }]);
    assert.deepEqual((await api.get('/v2.0/agents', MEMBER_A)).body.agents, [], 'a non-admin lists no agent');
    assert.deepEqual((await api.get('/v2.0/agents', READER_A)).body.agents, []);
    expectError(await api.get(`/v2.0/agents/${id}`, MEMBER_A), 404, 'AgentNotFound', `Agent ${id} could not be found.`);
    const updated = await api.put(`/v2.0/agents/${id}`, { agent: { admin_state_up: false, description: 'rack 7' } }, ADMIN);
    assert.deepEqual([updated.status, updated.body.agent.admin_state_up, updated.body.agent.description], [200, false, 'rack 7']);
    expectError(await api.put(`/v2.0/agents/${id}`, { agent: { host: 'elsewhere' } }, ADMIN), 400, 'HTTPBadRequest');
    expectError(await api.put(`/v2.0/agents/${id}`, { agent: { description: 'x' } }, MEMBER_A), 404, 'AgentNotFound');
    // An agent that stopped reporting is shown dead.
    await sql`update agents set heartbeat_timestamp = '2020-01-01T00:00:00Z' where id = ${second}`.execute(api.database.db);
    assert.equal((await api.get(`/v2.0/agents/${second}`, ADMIN)).body.agent.alive, false);
    expectError(await api.delete(`/v2.0/agents/${id}`, MEMBER_A), 404, 'AgentNotFound');
    assert.equal((await api.delete(`/v2.0/agents/${id}`, ADMIN)).status, 204);
    expectError(await api.delete(`/v2.0/agents/${MISSING}`, ADMIN), 404, 'AgentNotFound');
    assert.equal((await api.post('/v2.0/agents', { agent: { host: 'x' } }, ADMIN)).status, 404, 'agents are not created through the API');
  });

  test('availability zones: configured ones and those of live agents, with filters', async () => {
    await report('gw1', 'L3 agent', 'az3');
    const zones = (await api.get('/v2.0/availability_zones', READER_A)).body.availability_zones;
    assert.deepEqual(zones.filter((z: any) => z.name === 'az1'), [
      { name: 'az1', resource: 'network', state: 'available' }, { name: 'az1', resource: 'router', state: 'available' },
    ]);
    assert.deepEqual(zones.filter((z: any) => z.name === 'az3'), [{ name: 'az3', resource: 'router', state: 'available' }]);
    const filtered = await api.get('/v2.0/availability_zones?resource=router&state=available&fields=name', MEMBER_A);
    assert.deepEqual(filtered.body.availability_zones.map((z: any) => z.name).sort(), ['az1', 'az3']);
    expectError(await api.get('/v2.0/availability_zones?color=blue', MEMBER_A), 400, 'HTTPBadRequest');
  });

  test('service providers: the configured ones, for readers', async () => {
    const listed = await api.get('/v2.0/service-providers', READER_A);
    assert.deepEqual(listed.body.service_providers, [
      { service_type: 'L3_ROUTER_NAT', name: 'ovn', default: true }, { service_type: 'L3_ROUTER_NAT', name: 'other', default: false },
    ]);
    assert.deepEqual((await api.get('/v2.0/service-providers?default=true&fields=name', READER_A)).body.service_providers, [{ name: 'ovn' }]);
    const aliases = (await api.get('/v2.0/extensions', MEMBER_A)).body.extensions.map((e: any) => e.alias);
    for (const alias of ['agent', 'availability_zone', 'service-type']) assert.ok(aliases.includes(alias), alias);
  });
});
