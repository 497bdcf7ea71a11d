import assert from 'node:assert/strict';
import { test } from 'node:test';
import { uuid5 } from '../../src/core/qos/resource-request.ts';
import { ADMIN, Api, MEMBER_A, expectError } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/**
 * port-resource-request(-groups): ports' admin-only `resource_request`, from
 * the minimum rules of the QoS policy that applies to the port (its own, else
 * its network's), in show, list, create and update answers.
 */
forEachApi('port resource request', ({ api }) => {
  let vlan = 100;
  const physnetNetwork = (attributes: Record<string, unknown> = {}) =>
    api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': vlan++, shared: true, ...attributes }, ADMIN);
  const policy = () => api.create('qos/policies', 'policy', { name: 'p', shared: true }, ADMIN);
  const rule = async (policyId: string, kind: string, attributes: Record<string, unknown>) => {
    const response = await api.post(`/v2.0/qos/policies/${policyId}/${kind}_rules`, { [`${kind}_rule`]: attributes }, ADMIN);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body[`${kind}_rule`];
  };
  /** A shared policy with a minimum bandwidth rule per direction (1000 kbps out, 2000 in). */
  const minimumBandwidthPolicy = async () => {
    const p = await policy();
    const egress = await rule(p.id, 'minimum_bandwidth', { min_kbps: 1000, direction: 'egress' });
    const ingress = await rule(p.id, 'minimum_bandwidth', { min_kbps: 2000, direction: 'ingress' });
    return { policy: p, ruleIds: [egress.id, ingress.id].sort() as string[] };
  };
  const bandwidthRequest = (portId: string, ruleIds: string[], networkTrait = 'CUSTOM_PHYSNET_PHYSNET1', vnic = 'NORMAL') => {
    const id = uuid5(portId, ruleIds.join(':'));
    return {
      request_groups: [{ id, required: [networkTrait, `CUSTOM_VNIC_TYPE_${vnic}`], resources: { NET_BW_EGR_KILOBIT_PER_SEC: 1000, NET_BW_IGR_KILOBIT_PER_SEC: 2000 } }],
      same_subtree: [id],
    };
  };
  const show = async (portId: string, as = ADMIN) => {
    const response = await api.get(`/v2.0/ports/${portId}`, as);
    assert.equal(response.status, 200, JSON.stringify(response.body));
    return response.body.port;
  };

  test('advertised: both aliases', async () => {
    const aliases = (await api.get('/v2.0/extensions', ADMIN)).body.extensions.map((e: any) => e.alias);
    assert.ok(aliases.includes('port-resource-request') && aliases.includes('port-resource-request-groups'), aliases.join(' '));
    assert.equal((await api.get('/v2.0/extensions/port-resource-request-groups', ADMIN)).body.extension.name, 'Port Resource Request Groups');
  });

  test("the port's own policy: admins see the groups in create, show, list and update answers; members never see the attribute", async () => {
    const { policy: p, ruleIds } = await minimumBandwidthPolicy();
    const net = await physnetNetwork();
    const created = await api.port(net.id, { qos_policy_id: p.id, 'binding:vnic_type': 'normal' }, ADMIN);
    const expected = bandwidthRequest(created.id, ruleIds);
    assert.deepEqual(created.resource_request, expected);
    assert.deepEqual((await show(created.id)).resource_request, expected);
    const listed = (await api.get(`/v2.0/ports?network_id=${net.id}`, ADMIN)).body.ports;
    assert.deepEqual(listed.map((port: any) => port.resource_request), [expected]);
    assert.deepEqual((await api.get(`/v2.0/ports?network_id=${net.id}&fields=resource_request`, ADMIN)).body.ports, [{ resource_request: expected }]);

    const own = await api.port(net.id, { qos_policy_id: p.id }, MEMBER_A);
    assert.equal('resource_request' in own, false, 'a member is not shown the attribute in its create answer');
    assert.equal('resource_request' in (await show(own.id, MEMBER_A)), false);
    assert.deepEqual((await show(own.id)).resource_request, bandwidthRequest(own.id, ruleIds));
    assert.equal((await api.get(`/v2.0/ports?id=${own.id}`, MEMBER_A)).body.ports.some((port: any) => 'resource_request' in port), false);

    const cleared = await api.put(`/v2.0/ports/${created.id}`, { port: { qos_policy_id: null } }, ADMIN);
    assert.equal(cleared.status, 200, JSON.stringify(cleared.body));
    assert.equal(cleared.body.port.resource_request, null);
    assert.equal((await show(created.id)).resource_request, null);
    const again = await api.put(`/v2.0/ports/${created.id}`, { port: { qos_policy_id: p.id } }, ADMIN);
    assert.deepEqual(again.body.port.resource_request, expected, 'the same port and rules give the same group id');
    // The vnic trait follows the port's vnic type (changing it is not checked against the policy, as in Neutron).
    const direct = await api.put(`/v2.0/ports/${created.id}`, { port: { 'binding:vnic_type': 'direct' } }, ADMIN);
    assert.deepEqual(direct.body.port.resource_request, bandwidthRequest(created.id, ruleIds, 'CUSTOM_PHYSNET_PHYSNET1', 'DIRECT'));
  });

  test('ML2/OVN applies QoS to no unbound port of a vnic type other than normal: 409 on create and on setting the policy', async () => {
    const { policy: p } = await minimumBandwidthPolicy();
    const net = await physnetNetwork();
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id, qos_policy_id: p.id, 'binding:vnic_type': 'direct' } }, ADMIN), 409, 'QosRuleNotSupported',
      /^Rule minimum_bandwidth is not supported by port [0-9a-f-]{36}$/);
    const direct = await api.port(net.id, { 'binding:vnic_type': 'direct' }, ADMIN);
    expectError(await api.put(`/v2.0/ports/${direct.id}`, { port: { qos_policy_id: p.id } }, ADMIN), 409, 'QosRuleNotSupported', `Rule minimum_bandwidth is not supported by port ${direct.id}`);
    const empty = await policy();
    assert.equal((await api.put(`/v2.0/ports/${direct.id}`, { port: { qos_policy_id: empty.id } }, ADMIN)).status, 200, 'a policy without rules asks nothing of the driver');
    const inherited = await physnetNetwork({ qos_policy_id: p.id });
    expectError(await api.post('/v2.0/ports', { port: { network_id: inherited.id, 'binding:vnic_type': 'macvtap' } }, ADMIN), 409, 'QosRuleNotSupported');
    assert.equal((await api.port(inherited.id, { 'binding:vnic_type': 'normal' }, ADMIN)).resource_request.request_groups.length, 1);
    // Neutron's validate_policy: no rule enters (or changes in) a policy such a port uses …
    expectError(await api.post(`/v2.0/qos/policies/${empty.id}/bandwidth_limit_rules`, { bandwidth_limit_rule: { max_kbps: 100 } }, ADMIN), 409, 'QosRuleNotSupported',
      `Rule bandwidth_limit is not supported by port ${direct.id}`);
    assert.deepEqual((await api.get(`/v2.0/qos/policies/${empty.id}`, ADMIN)).body.policy.rules, [], 'nothing half-written');
    // … and a network given a policy with rules must not hold one without a policy of its own.
    const holder = await physnetNetwork();
    const directOnHolder = await api.port(holder.id, { 'binding:vnic_type': 'direct' }, ADMIN);
    await api.port(holder.id, { 'binding:vnic_type': 'direct', qos_policy_id: empty.id }, ADMIN);
    expectError(await api.put(`/v2.0/networks/${holder.id}`, { network: { qos_policy_id: p.id } }, ADMIN), 409, 'QosRuleNotSupported',
      `Rule minimum_bandwidth is not supported by port ${directOnHolder.id}`);
    assert.equal((await api.get(`/v2.0/networks/${holder.id}`, ADMIN)).body.network.qos_policy_id, null);
    assert.equal((await api.put(`/v2.0/networks/${holder.id}`, { network: { qos_policy_id: empty.id } }, ADMIN)).status, 200, 'a policy without rules asks nothing');
    assert.equal((await api.delete(`/v2.0/ports/${directOnHolder.id}`, ADMIN)).status, 204);
    assert.equal((await api.put(`/v2.0/networks/${holder.id}`, { network: { qos_policy_id: p.id } }, ADMIN)).status, 200, 'ports with their own policy do not count');
  });

  test("the network's policy applies to ports without their own; a port's own policy wins", async () => {
    const { policy: networkPolicy, ruleIds } = await minimumBandwidthPolicy();
    const net = await physnetNetwork({ qos_policy_id: networkPolicy.id });
    const inherits = await api.port(net.id, {}, ADMIN);
    assert.deepEqual(inherits.resource_request, bandwidthRequest(inherits.id, ruleIds));
    assert.deepEqual((await show(inherits.id)).resource_request, bandwidthRequest(inherits.id, ruleIds));
    const limitOnly = await policy();
    await rule(limitOnly.id, 'bandwidth_limit', { max_kbps: 1000, max_burst_kbps: 800 });
    const overrides = await api.port(net.id, { qos_policy_id: limitOnly.id }, ADMIN);
    assert.equal(overrides.resource_request, null, 'its own policy has no minimum rule');
    assert.equal((await show(overrides.id)).resource_request, null);
    // The network drops its policy: its ports have nothing left to ask for.
    assert.equal((await api.put(`/v2.0/networks/${net.id}`, { network: { qos_policy_id: null } }, ADMIN)).status, 200);
    assert.equal((await show(inherits.id)).resource_request, null);
  });

  test('no policy, or no minimum rule: null (and present for admins)', async () => {
    const net = await physnetNetwork();
    const plain = await api.port(net.id, {}, ADMIN);
    assert.equal(plain.resource_request, null);
    assert.equal((await show(plain.id)).resource_request, null);
    const marks = await policy();
    await rule(marks.id, 'dscp_marking', { dscp_mark: 16 });
    assert.equal((await api.port(net.id, { qos_policy_id: marks.id }, ADMIN)).resource_request, null);
  });

  test('a tunnelled network asks for the tunnel provider trait; the first segment of a multi-segment network decides', async () => {
    const { policy: p, ruleIds } = await minimumBandwidthPolicy();
    const tunnelled = await api.network({ 'provider:network_type': 'geneve' }, ADMIN);
    const port = await api.port(tunnelled.id, { qos_policy_id: p.id }, ADMIN);
    assert.deepEqual(port.resource_request, bandwidthRequest(port.id, ruleIds, 'CUSTOM_NETWORK_TUNNEL_PROVIDER'));
    // A second segment, on a physical network, comes after the tunnelled first one: the first decides.
    const second = await api.post('/v2.0/segments', { segment: { network_id: tunnelled.id, network_type: 'vlan', physical_network: 'physnet1', segmentation_id: 300 } }, ADMIN);
    assert.equal(second.status, 201, JSON.stringify(second.body));
    const onTwo = await api.port(tunnelled.id, { qos_policy_id: p.id }, ADMIN);
    assert.deepEqual((await show(onTwo.id)).resource_request, bandwidthRequest(onTwo.id, ruleIds, 'CUSTOM_NETWORK_TUNNEL_PROVIDER'));
  });

  test('bulk create: each port its own group ids', async () => {
    const { policy: p, ruleIds } = await minimumBandwidthPolicy();
    const net = await physnetNetwork();
    const response = await api.post('/v2.0/ports', { ports: [{ network_id: net.id, qos_policy_id: p.id }, { network_id: net.id, qos_policy_id: p.id }, { network_id: net.id }] }, ADMIN);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    const [a, b, c] = response.body.ports;
    assert.deepEqual(a.resource_request, bandwidthRequest(a.id, ruleIds));
    assert.deepEqual(b.resource_request, bandwidthRequest(b.id, ruleIds));
    assert.notEqual(a.resource_request.same_subtree[0], b.resource_request.same_subtree[0]);
    assert.equal(c.resource_request, null);
  });

  test('minimum packet rate rules: ML2/OVN applies none to ports, through their own policy or their network\'s (409)', async () => {
    const net = await physnetNetwork();
    const pps = await policy();
    await rule(pps.id, 'minimum_packet_rate', { min_kpps: 500, direction: 'any' });
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id, qos_policy_id: pps.id } }, ADMIN), 409, 'QosRuleNotSupported');
    // A rule added to a network's policy while no port uses it, then a port on that network.
    const { policy: networkPolicy } = await minimumBandwidthPolicy();
    const withPolicy = await physnetNetwork({ qos_policy_id: networkPolicy.id });
    await rule(networkPolicy.id, 'minimum_packet_rate', { min_kpps: 500, direction: 'any' });
    expectError(await api.post('/v2.0/ports', { port: { network_id: withPolicy.id } }, ADMIN), 409, 'QosRuleNotSupported', /^Rule minimum_packet_rate is not supported by port /);
    assert.deepEqual((await api.get(`/v2.0/ports?network_id=${withPolicy.id}`, ADMIN)).body.ports, [], 'nothing half-written');
    // Its own (supported) policy is what applies then.
    const { policy: own } = await minimumBandwidthPolicy();
    assert.ok((await api.port(withPolicy.id, { qos_policy_id: own.id }, ADMIN)).resource_request !== null);
  });

  test('a listing pays one statement for the requests of all its ports, none when no port has a policy', async () => {
    const net = await physnetNetwork();
    for (let i = 0; i < 3; i++) await api.port(net.id, {}, ADMIN);
    Api.resetQueryLog();
    assert.equal((await api.get(`/v2.0/ports?network_id=${net.id}`, ADMIN)).status, 200);
    const without = Api.resetQueryLog().length;
    const { policy: p } = await minimumBandwidthPolicy();
    assert.equal((await api.put(`/v2.0/networks/${net.id}`, { network: { qos_policy_id: p.id } }, ADMIN)).status, 200);
    const other = await minimumBandwidthPolicy();
    await api.port(net.id, { qos_policy_id: other.policy.id }, ADMIN);
    Api.resetQueryLog();
    const listed = (await api.get(`/v2.0/ports?network_id=${net.id}`, ADMIN)).body.ports;
    assert.equal(Api.resetQueryLog().length, without + 1);
    assert.equal(listed.length, 4);
    assert.ok(listed.every((port: any) => port.resource_request?.request_groups.length === 1));
  });
});
