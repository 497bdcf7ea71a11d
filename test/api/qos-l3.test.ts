import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const MISSING = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c77';

/** qos-fip, qos-gateway-ip and qos-port-network-policy: QoS policies on floating IPs, router gateways, and ports' view of their network's. */
forEachApi('qos on floating IPs and gateways', ({ api }) => {
  let external: { id: string };
  before(async () => {
    external = await api.network({ name: 'public', 'router:external': true }, ADMIN);
    await api.subnet(external.id, '198.51.100.0/24', {}, ADMIN);
  });
  const policy = (attributes: Record<string, unknown> = {}, as: As = ADMIN) => api.create('qos/policies', 'policy', { name: 'p', ...attributes }, as);
  const fip = (attributes: Record<string, unknown> = {}, as: As = MEMBER_A) => api.post('/v2.0/floatingips', { floatingip: { floating_network_id: external.id, ...attributes } }, as);

  test('the four aliases are advertised', async () => {
    const aliases = (await api.get('/v2.0/extensions', ADMIN)).body.extensions.map((e: any) => e.alias);
    for (const alias of ['qos-fip', 'qos-gateway-ip', 'qos-port-network-policy', 'qos-fip-network-policy']) assert.ok(aliases.includes(alias), alias);
  });

  test('floating IPs: qos_policy_id on create, update, filter; an unusable policy is 404; a used policy is not deleted (409 fip)', async () => {
    const own = await policy({ project_id: 'project-a' });
    const created = await fip({ qos_policy_id: own.id });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const f = created.body.floatingip;
    assert.equal(f.qos_policy_id, own.id);
    assert.equal((await api.get(`/v2.0/floatingips/${f.id}`, MEMBER_A)).body.floatingip.qos_policy_id, own.id);
    assert.deepEqual((await api.get(`/v2.0/floatingips?qos_policy_id=${own.id}&fields=id`, ADMIN)).body.floatingips, [{ id: f.id }]);
    expectError(await api.delete(`/v2.0/qos/policies/${own.id}`, ADMIN), 409, 'QosPolicyInUse', `QoS Policy ${own.id} is used by fip ${f.id}.`);
    const plain = (await fip()).body.floatingip;
    assert.equal(plain.qos_policy_id, null);
    const others = await policy({ project_id: 'project-b' });
    expectError(await fip({ qos_policy_id: others.id }), 404, 'QosPolicyNotFound');
    expectError(await api.put(`/v2.0/floatingips/${plain.id}`, { floatingip: { qos_policy_id: others.id } }, MEMBER_A), 404, 'QosPolicyNotFound');
    expectError(await api.put(`/v2.0/floatingips/${plain.id}`, { floatingip: { qos_policy_id: MISSING } }, MEMBER_A), 404, 'QosPolicyNotFound');
    expectError(await fip({ qos_policy_id: 'nope' }), 400, 'HTTPBadRequest');
    const cleared = await api.put(`/v2.0/floatingips/${f.id}`, { floatingip: { qos_policy_id: null } }, MEMBER_A);
    assert.deepEqual([cleared.status, cleared.body.floatingip.qos_policy_id], [200, null]);
    assert.equal((await api.delete(`/v2.0/qos/policies/${own.id}`, ADMIN)).status, 204);
  });

  test('floating IPs: a policy shared with the project by RBAC is usable; the share cannot be removed while used (409)', async () => {
    const theirs = await policy({ project_id: 'project-b' });
    const rbac = await api.create('rbac-policies', 'rbac_policy', { object_type: 'qos_policy', object_id: theirs.id, action: 'access_as_shared', target_tenant: 'project-a' }, MEMBER_B);
    const f = (await fip({ qos_policy_id: theirs.id })).body.floatingip;
    assert.equal(f.qos_policy_id, theirs.id);
    expectError(await api.delete(`/v2.0/rbac-policies/${rbac.id}`, MEMBER_B), 409, 'RbacPolicyInUse');
    assert.equal((await api.delete(`/v2.0/floatingips/${f.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/rbac-policies/${rbac.id}`, MEMBER_B)).status, 204);
  });

  test('router gateways: external_gateway_info.qos_policy_id set, kept, changed, cleared with the gateway; 409 router on delete', async () => {
    const own = await policy({ project_id: 'project-a' });
    const other = await policy({ project_id: 'project-a' });
    const router = await api.create('routers', 'router', { external_gateway_info: { network_id: external.id, qos_policy_id: own.id } }, MEMBER_A);
    assert.equal(router.external_gateway_info.qos_policy_id, own.id);
    assert.equal(router.external_gateway_info.network_id, external.id);
    expectError(await api.delete(`/v2.0/qos/policies/${own.id}`, ADMIN), 409, 'QosPolicyInUse', `QoS Policy ${own.id} is used by router ${router.id}.`);
    const path = `/v2.0/routers/${router.id}`;
    const kept = await api.put(path, { router: { external_gateway_info: { network_id: external.id } } }, MEMBER_A);
    assert.equal(kept.body.router.external_gateway_info.qos_policy_id, own.id, 'a gateway change without the key keeps the policy');
    const changed = await api.put(path, { router: { external_gateway_info: { network_id: external.id, qos_policy_id: other.id } } }, MEMBER_A);
    assert.equal(changed.body.router.external_gateway_info.qos_policy_id, other.id);
    assert.equal((await api.get(path, MEMBER_A)).body.router.external_gateway_info.qos_policy_id, other.id);
    const none = await api.put(path, { router: { external_gateway_info: { network_id: external.id, qos_policy_id: null } } }, MEMBER_A);
    assert.equal(none.body.router.external_gateway_info.qos_policy_id, null);
    await api.put(path, { router: { external_gateway_info: { network_id: external.id, qos_policy_id: own.id } } }, MEMBER_A);
    const cleared = await api.put(path, { router: { external_gateway_info: {} } }, MEMBER_A);
    assert.equal(cleared.body.router.external_gateway_info, null);
    const again = await api.put(path, { router: { external_gateway_info: { network_id: external.id } } }, MEMBER_A);
    assert.equal(again.body.router.external_gateway_info.qos_policy_id, null, 'the policy went with the gateway');
    assert.equal((await api.delete(`/v2.0/qos/policies/${own.id}`, ADMIN)).status, 204);
  });

  test('router gateways: a bad or unusable qos_policy_id is 400 / 404', async () => {
    const others = await policy({ project_id: 'project-b' });
    const body = (qos: unknown) => ({ router: { external_gateway_info: { network_id: external.id, qos_policy_id: qos } } });
    expectError(await api.post('/v2.0/routers', body(others.id), MEMBER_A), 404, 'QosPolicyNotFound');
    expectError(await api.post('/v2.0/routers', body('nope'), MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await api.post('/v2.0/routers', body(7), MEMBER_A), 400, 'HTTPBadRequest');
    const router = await api.create('routers', 'router', {}, MEMBER_A);
    assert.equal(router.external_gateway_info, null);
    expectError(await api.put(`/v2.0/routers/${router.id}`, body(MISSING), MEMBER_A), 404, 'QosPolicyNotFound');
    assert.equal((await api.get(`/v2.0/routers/${router.id}`, MEMBER_A)).body.router.external_gateway_info, null, 'the refused update changed nothing');
  });

  test("floating IPs: qos_network_policy_id is the floating network's policy, read-only, on create, show, update and list", async () => {
    const ext = await api.network({ name: 'public-qos', 'router:external': true }, ADMIN);
    await api.subnet(ext.id, '198.51.101.0/24', {}, ADMIN);
    const netPolicy = await policy({ shared: true });
    const created = await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: ext.id } }, MEMBER_A);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const f = created.body.floatingip;
    assert.deepEqual([f.qos_policy_id, f.qos_network_policy_id], [null, null]);
    await api.put(`/v2.0/networks/${ext.id}`, { network: { qos_policy_id: netPolicy.id } }, ADMIN);
    assert.equal((await api.get(`/v2.0/floatingips/${f.id}`, MEMBER_A)).body.floatingip.qos_network_policy_id, netPolicy.id);
    const listed = (await api.get(`/v2.0/floatingips?floating_network_id=${ext.id}`, MEMBER_A)).body.floatingips;
    assert.deepEqual(listed.map((x: any) => x.qos_network_policy_id), [netPolicy.id]);
    const second = (await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: ext.id } }, MEMBER_A)).body.floatingip;
    assert.equal(second.qos_network_policy_id, netPolicy.id, 'on create too');
    assert.equal((await fip()).body.floatingip.qos_network_policy_id, null, 'another network, no policy');
    expectError(await api.put(`/v2.0/floatingips/${f.id}`, { floatingip: { qos_network_policy_id: netPolicy.id } }, MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: ext.id, qos_network_policy_id: netPolicy.id } }, MEMBER_A), 400, 'HTTPBadRequest');
  });

  test("ports: qos_network_policy_id is the network's policy, read-only, on create, show and list", async () => {
    const netPolicy = await policy({ project_id: 'project-a' });
    const portPolicy = await policy({ project_id: 'project-a' });
    const network = await api.network({ qos_policy_id: netPolicy.id }, MEMBER_A);
    const bare = await api.network({}, MEMBER_A);
    const port = await api.port(network.id, { qos_policy_id: portPolicy.id }, MEMBER_A);
    assert.deepEqual([port.qos_policy_id, port.qos_network_policy_id], [portPolicy.id, netPolicy.id]);
    const plain = await api.port(bare.id, {}, MEMBER_A);
    assert.equal(plain.qos_network_policy_id, null);
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.qos_network_policy_id, netPolicy.id);
    await api.put(`/v2.0/networks/${bare.id}`, { network: { qos_policy_id: netPolicy.id } }, MEMBER_A);
    const listed = (await api.get(`/v2.0/ports?network_id=${bare.id}`, MEMBER_A)).body.ports;
    assert.deepEqual(listed.map((p: any) => p.qos_network_policy_id), [netPolicy.id]);
    expectError(await api.put(`/v2.0/ports/${port.id}`, { port: { qos_network_policy_id: portPolicy.id } }, MEMBER_A), 400, 'HTTPBadRequest');
  });
});

/** qos-pps: packet rate limit rules under a policy (no alias API, as Neutron). */
forEachApi('qos packet rate limit rules', ({ api }) => {
  const path = (policyId: string) => `/v2.0/qos/policies/${policyId}/packet_rate_limit_rules`;
  test('create, one per direction, show, update, list, delete; the policy lists them; bad values 400; not applicable to ports (409)', async () => {
    const aliases = (await api.get('/v2.0/extensions', ADMIN)).body.extensions.map((e: any) => e.alias);
    assert.ok(aliases.includes('qos-pps'));
    const p = await api.create('qos/policies', 'policy', { name: 'pps', project_id: 'project-a' }, ADMIN);
    const created = await api.post(path(p.id), { packet_rate_limit_rule: { max_kpps: 100, max_burst_kpps: 10 } }, ADMIN);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const egress = created.body.packet_rate_limit_rule;
    assert.deepEqual(egress, { id: egress.id, qos_policy_id: p.id, type: 'packet_rate_limit', max_kpps: 100, max_burst_kpps: 10, direction: 'egress' });
    expectError(await api.post(path(p.id), { packet_rate_limit_rule: { max_kpps: 5 } }, ADMIN), 409, 'QoSRulesConflict');
    const ingress = (await api.post(path(p.id), { packet_rate_limit_rule: { max_kpps: 7, direction: 'ingress' } }, ADMIN)).body.packet_rate_limit_rule;
    assert.equal(ingress.max_burst_kpps, 0);
    expectError(await api.post(path(p.id), { packet_rate_limit_rule: { max_kpps: 7, direction: 'any' } }, ADMIN), 400, 'HTTPBadRequest');
    expectError(await api.post(path(p.id), { packet_rate_limit_rule: { max_kpps: -1 } }, ADMIN), 400, 'HTTPBadRequest');
    expectError(await api.post(path(p.id), { packet_rate_limit_rule: {} }, ADMIN), 400, 'HTTPBadRequest');
    assert.equal((await api.get(`${path(p.id)}/${egress.id}`, { project: 'project-a', roles: 'reader' })).status, 200);
    const changed = await api.put(`${path(p.id)}/${egress.id}`, { packet_rate_limit_rule: { max_kpps: 300 } }, ADMIN);
    assert.deepEqual([changed.status, changed.body.packet_rate_limit_rule.max_kpps], [200, 300]);
    assert.deepEqual((await api.get(`${path(p.id)}?direction=ingress&fields=id`, ADMIN)).body.packet_rate_limit_rules, [{ id: ingress.id }]);
    assert.equal((await api.get(`/v2.0/qos/policies/${p.id}`, ADMIN)).body.policy.rules.length, 2);
    assert.equal((await api.get(`/v2.0/qos/policies/${p.id}/packet-rate-limit-rules`, ADMIN)).status, 200);
    expectError(await api.get(`/v2.0/qos/alias-packet-rate-limit-rules/${egress.id}`, ADMIN), 404, 'HTTPNotFound');
    const network = await api.network({}, MEMBER_A);
    expectError(await api.post('/v2.0/ports', { port: { network_id: network.id, qos_policy_id: p.id } }, MEMBER_A), 409, 'QosRuleNotSupported');
    expectError(await api.post(path(p.id), { packet_rate_limit_rule: { max_kpps: 1 } }, MEMBER_A), 403, 'PolicyNotAuthorized');
    assert.equal((await api.delete(`${path(p.id)}/${egress.id}`, ADMIN)).status, 204);
    assert.equal((await api.delete(`/v2.0/qos/policies/${p.id}`, ADMIN)).status, 204);
  });
});
