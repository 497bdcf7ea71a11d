import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const MEMBER_C: As = { project: 'project-c', roles: 'member' };
const READER_A: As = { project: 'project-a', roles: 'reader' };
const path = '/v2.0/rbac-policies';

/*
 * RBAC policies as Neutron (Zed) answers them, mirroring the cases of
 * neutron-tempest-plugin's RBAC tests (shared networks, security groups,
 * address scopes, subnet pools, address groups) plus the in-use rules.
 */
forEachApi('rbac policies', ({ api }) => {
  let n = 0;

  const policy = (attributes: Record<string, unknown>, as: As = ADMIN) => api.post(path, { rbac_policy: { action: 'access_as_shared', ...attributes } }, as);
  const share = async (objectType: string, objectId: string, target: string, as: As = ADMIN, action = 'access_as_shared') => {
    const response = await policy({ object_type: objectType, object_id: objectId, target_tenant: target, action }, as);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.rbac_policy;
  };
  const cidr = () => { n++; return `10.${60 + Math.floor(n / 200)}.${n % 200}.0/24`; };
  const adminNetworkWithSubnet = async () => {
    const network = await api.network({ name: 'admin-net' }, ADMIN);
    const subnet = await api.subnet(network.id, cidr(), {}, ADMIN);
    return { network, subnet };
  };

  test('create, show, list, update target_tenant, delete: Neutron\'s shape; tenant_id mirrors project_id; no pagination', async () => {
    const { network } = await adminNetworkWithSubnet();
    const created = await share('network', network.id, 'project-a');
    assert.deepEqual(Object.keys(created).sort(), ['action', 'id', 'object_id', 'object_type', 'project_id', 'target_tenant', 'tenant_id']);
    assert.equal(created.project_id, 'admin-project');
    assert.equal(created.tenant_id, 'admin-project');
    assert.deepEqual((await api.get(`${path}/${created.id}`, ADMIN)).body.rbac_policy, created);
    const updated = (await api.put(`${path}/${created.id}`, { rbac_policy: { target_tenant: 'project-b' } }, ADMIN)).body.rbac_policy;
    assert.deepEqual(updated, { ...created, target_tenant: 'project-b' });
    expectError(await api.put(`${path}/${created.id}`, { rbac_policy: { action: 'access_as_external' } }, ADMIN), 400, 'HTTPBadRequest');
    const listed = (await api.get(`${path}?object_id=${network.id}&limit=1&fields=id&fields=target_tenant`, ADMIN)).body;
    assert.deepEqual(listed.rbac_policies, [{ id: created.id, target_tenant: 'project-b' }]);
    assert.equal(listed.rbac_policies_links, undefined, 'rbac-policies has no pagination in Neutron');
    assert.equal((await api.delete(`${path}/${created.id}`, ADMIN)).status, 204);
    expectError(await api.get(`${path}/${created.id}`, ADMIN), 404, 'RbacPolicyNotFound', `RBAC policy of type unknown with ID ${created.id} not found`);
    // Bulk: all or nothing.
    const bulk = await api.post(path, { rbac_policies: [
      { object_type: 'network', object_id: network.id, action: 'access_as_shared', target_tenant: 'project-x' },
      { object_type: 'network', object_id: network.id, action: 'access_as_shared', target_tenant: 'project-x' },
    ] }, ADMIN);
    expectError(bulk, 409, 'DuplicateRbacPolicy');
    assert.deepEqual((await api.get(`${path}?object_id=${network.id}`, ADMIN)).body.rbac_policies, []);
  });

  test('validation: object_type (case-insensitive), action per type, target_tenant, object_id: 400 with Neutron\'s types', async () => {
    const network = await api.network({}, MEMBER_A);
    const group = await api.create('security-groups', 'security_group', { name: 'g' }, MEMBER_A);
    expectError(await policy({ object_type: 'router', object_id: network.id, target_tenant: 'project-b' }, MEMBER_A), 400, 'InvalidInput',
      "Invalid input for operation: 'router' is not a valid RBAC object type.");
    assert.equal((await policy({ object_type: ' Network ', object_id: network.id, target_tenant: 'project-b' }, MEMBER_A)).body.rbac_policy.object_type, 'network');
    expectError(await policy({ object_type: 'network', object_id: network.id, target_tenant: 'project-b', action: 'access_as_owner' }, MEMBER_A), 400, 'InvalidActionForType',
      "Invalid action 'access_as_owner' for object type 'network'. Valid actions: ('access_as_shared', 'access_as_external')");
    expectError(await policy({ object_type: 'security_group', object_id: group.id, target_tenant: 'project-b', action: 'access_as_external' }, MEMBER_A), 400, 'InvalidActionForType',
      "Invalid action 'access_as_external' for object type 'security_group'. Valid actions: ('access_as_shared',)");
    expectError(await policy({ object_type: 'network', object_id: network.id, target_tenant: null }, MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await policy({ object_type: 'network', object_id: network.id, target_tenant: '1234'.repeat(100) }, MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await policy({ object_type: 'network', object_id: 'not-a-uuid', target_tenant: 'project-b' }, MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await policy({ object_type: 'network', target_tenant: 'project-b' }, MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await policy({ object_type: 'network', object_id: network.id, target_tenant: 'project-b', description: 'x' }, MEMBER_A), 400, 'HTTPBadRequest');
  });

  test('the object must be visible (404, its own type) and the caller\'s (400) unless admin; the wildcard is the admin\'s (403)', async () => {
    const missing = '00000000-0000-0000-0000-00000000abcd';
    expectError(await policy({ object_type: 'network', object_id: missing, target_tenant: 'project-b' }, MEMBER_A), 404, 'NetworkNotFound');
    expectError(await policy({ object_type: 'subnetpool', object_id: missing, target_tenant: 'project-b' }, MEMBER_A), 404, 'SubnetPoolNotFound');
    const privateB = await api.network({}, MEMBER_B);
    expectError(await policy({ object_type: 'network', object_id: privateB.id, target_tenant: 'project-a' }, MEMBER_A), 404, 'NetworkNotFound');
    const { network } = await adminNetworkWithSubnet();
    await share('network', network.id, 'project-a');
    expectError(await policy({ object_type: 'network', object_id: network.id, target_tenant: 'project-a' }, MEMBER_A), 400, 'InvalidInput',
      'Invalid input for operation: Only admins can manipulate policies on networks they do not own.');
    assert.deepEqual((await api.get(`${path}?object_id=${network.id}`, MEMBER_A)).body.rbac_policies, [], 'the policy sharing with A is not A\'s to see');
    const own = await api.network({}, MEMBER_A);
    expectError(await policy({ object_type: 'network', object_id: own.id, target_tenant: '*' }, MEMBER_A), 403, 'PolicyNotAuthorized');
    const toB = await share('network', own.id, 'project-b', MEMBER_A);
    expectError(await api.put(`${path}/${toB.id}`, { rbac_policy: { target_tenant: '*' } }, MEMBER_A), 403, 'PolicyNotAuthorized');
    expectError(await policy({ object_type: 'network', object_id: own.id, target_tenant: 'project-c' }, READER_A), 403, 'PolicyNotAuthorized');
    assert.deepEqual((await api.get(`${path}?object_id=${own.id}`, READER_A)).body.rbac_policies.map((p: any) => p.id), [toB.id]);
    // Another project neither sees, changes nor deletes A's policy.
    expectError(await api.get(`${path}/${toB.id}`, MEMBER_B), 404, 'RbacPolicyNotFound');
    expectError(await api.put(`${path}/${toB.id}`, { rbac_policy: { target_tenant: 'project-b' } }, MEMBER_B), 404, 'RbacPolicyNotFound');
    expectError(await api.delete(`${path}/${toB.id}`, MEMBER_B), 404, 'RbacPolicyNotFound');
    expectError(await policy({ object_type: 'network', object_id: own.id, target_tenant: 'project-b' }, MEMBER_A), 409, 'DuplicateRbacPolicy', 'An RBAC policy already exists with those values.');
  });

  test('a network shared with project A: A sees it (shared: true), its subnets and makes ports; B sees nothing', async () => {
    const { network, subnet } = await adminNetworkWithSubnet();
    expectError(await api.get(`/v2.0/networks/${network.id}`, MEMBER_A), 404, 'NetworkNotFound');
    const revision = (await api.get(`/v2.0/networks/${network.id}`, ADMIN)).body.network.revision_number;
    await share('network', network.id, 'project-a');
    const seen = (await api.get(`/v2.0/networks/${network.id}`, MEMBER_A)).body.network;
    assert.equal(seen.shared, true, 'shared as the target sees it');
    assert.ok(seen.revision_number > revision, 'a policy bumps the network\'s revision');
    assert.equal((await api.get(`/v2.0/networks/${network.id}`, ADMIN)).body.network.shared, false, 'not shared with the admin\'s project');
    assert.ok((await api.get('/v2.0/networks', MEMBER_A)).body.networks.some((x: any) => x.id === network.id && x.shared === true));
    assert.equal((await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).status, 200);
    expectError(await api.get(`/v2.0/networks/${network.id}`, MEMBER_B), 404, 'NetworkNotFound');
    expectError(await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_B), 404, 'SubnetNotFound');
    assert.equal((await api.get('/v2.0/networks', MEMBER_B)).body.networks.some((x: any) => x.id === network.id), false);
    assert.equal((await api.get('/v2.0/subnets', MEMBER_B)).body.subnets.some((x: any) => x.id === subnet.id), false);
    const port = await api.port(network.id, {}, MEMBER_A);
    assert.equal(port.project_id, 'project-a');
    expectError(await api.post('/v2.0/ports', { port: { network_id: network.id } }, MEMBER_B), 404, 'NetworkNotFound');
    // A may not change what is only shared with it.
    expectError(await api.put(`/v2.0/networks/${network.id}`, { network: { name: 'x' } }, MEMBER_A), 403, 'PolicyNotAuthorized');
  });

  test('removing a share while the target still has ports → 409 RbacPolicyInUse; a wildcard or a self-share covers it', async () => {
    const { network } = await adminNetworkWithSubnet();
    const toA = await share('network', network.id, 'project-a');
    const port = await api.port(network.id, {}, MEMBER_A);
    expectError(await api.delete(`${path}/${toA.id}`, ADMIN), 409, 'RbacPolicyInUse', /^RBAC policy on object .* cannot be removed because other objects depend on it\.\nDetails: /);
    expectError(await api.put(`${path}/${toA.id}`, { rbac_policy: { target_tenant: 'project-b' } }, ADMIN), 409, 'RbacPolicyInUse');
    // With a wildcard in place, A keeps access without its own policy.
    const everyone = await share('network', network.id, '*');
    assert.equal((await api.get(`/v2.0/networks/${network.id}`, ADMIN)).body.network.shared, true);
    assert.equal((await api.delete(`${path}/${toA.id}`, ADMIN)).status, 204);
    expectError(await api.delete(`${path}/${everyone.id}`, ADMIN), 409, 'RbacPolicyInUse');
    expectError(await api.put(`/v2.0/networks/${network.id}`, { network: { shared: false } }, ADMIN), 409, 'InvalidSharedSetting');
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`${path}/${everyone.id}`, ADMIN)).status, 204);
    assert.equal((await api.get(`/v2.0/networks/${network.id}`, ADMIN)).body.network.shared, false);
    // The owner's own ports never need a policy: a self-share goes freely (tempest test_delete_self_share_rule).
    const own = await api.network({}, MEMBER_A);
    const self = await share('network', own.id, 'project-a', MEMBER_A);
    await api.port(own.id, {}, MEMBER_A);
    assert.equal((await api.delete(`${path}/${self.id}`, MEMBER_A)).status, 204);
    // The owner deletes the ports other projects put on its network.
    const toB = await share('network', own.id, 'project-b', MEMBER_A);
    const portB = await api.port(own.id, {}, MEMBER_B);
    assert.equal((await api.delete(`/v2.0/ports/${portB.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`${path}/${toB.id}`, MEMBER_A)).status, 204);
  });

  test('shared=True is the wildcard policy: created with the network, removed by shared=False, shown to everyone', async () => {
    const network = await api.network({ shared: true }, ADMIN);
    const policies = (await api.get(`${path}?object_id=${network.id}`, ADMIN)).body.rbac_policies;
    assert.deepEqual(policies.map((p: any) => [p.action, p.target_tenant, p.project_id]), [['access_as_shared', '*', 'admin-project']]);
    assert.equal((await api.get(`/v2.0/networks/${network.id}`, MEMBER_B)).body.network.shared, true);
    assert.equal((await api.put(`/v2.0/networks/${network.id}`, { network: { shared: false } }, ADMIN)).body.network.shared, false);
    assert.deepEqual((await api.get(`${path}?object_id=${network.id}`, ADMIN)).body.rbac_policies, []);
    expectError(await api.get(`/v2.0/networks/${network.id}`, MEMBER_B), 404, 'NetworkNotFound');
    // A wildcard policy made through the API sets `shared`, and the shared filter sees it.
    await share('network', network.id, '*');
    assert.equal((await api.get(`/v2.0/networks/${network.id}`, ADMIN)).body.network.shared, true);
    assert.ok((await api.get('/v2.0/networks?shared=true', MEMBER_B)).body.networks.some((x: any) => x.id === network.id));
    // Deleting the network deletes its policies.
    assert.equal((await api.delete(`/v2.0/networks/${network.id}`, ADMIN)).status, 204);
    assert.deepEqual((await api.get(`${path}?object_id=${network.id}`, ADMIN)).body.rbac_policies, []);
  });

  test('access_as_external: the network becomes external for its target only; router:external=True is the wildcard', async () => {
    const { network, subnet } = await adminNetworkWithSubnet();
    const external = await share('network', network.id, 'project-a', ADMIN, 'access_as_external');
    const seen = (await api.get(`/v2.0/networks/${network.id}`, MEMBER_A)).body.network;
    assert.equal(seen['router:external'], true);
    assert.equal(seen.shared, false);
    // Its subnets stay hidden: Neutron scopes subnet reads by access_as_shared only (Tempest's test_external_network_visibility).
    assert.equal((await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).status, 404);
    expectError(await api.get(`/v2.0/networks/${network.id}`, MEMBER_B), 404, 'NetworkNotFound');
    // External is not shared: A may not put ports on it.
    expectError(await api.post('/v2.0/ports', { port: { network_id: network.id } }, MEMBER_A), 403, 'HTTPForbidden');
    assert.equal((await api.delete(`${path}/${external.id}`, ADMIN)).status, 204);
    assert.equal((await api.get(`/v2.0/networks/${network.id}`, ADMIN)).body.network['router:external'], false, 'the last external policy gone: internal again');
    const everywhere = await api.network({ 'router:external': true }, ADMIN);
    assert.deepEqual((await api.get(`${path}?object_id=${everywhere.id}`, ADMIN)).body.rbac_policies.map((p: any) => [p.action, p.target_tenant]), [['access_as_external', '*']]);
    assert.equal((await api.get(`/v2.0/networks/${everywhere.id}`, MEMBER_B)).status, 200);
    assert.equal((await api.put(`/v2.0/networks/${everywhere.id}`, { network: { 'router:external': false } }, ADMIN)).status, 200);
    assert.deepEqual((await api.get(`${path}?object_id=${everywhere.id}`, ADMIN)).body.rbac_policies, []);
    expectError(await api.get(`/v2.0/networks/${everywhere.id}`, MEMBER_B), 404, 'NetworkNotFound');
  });

  test('access_as_external in use: the routers of a project with a gateway on the network (not the gateway port) keep its policy', async () => {
    const { network } = await adminNetworkWithSubnet();
    const wildcard = await share('network', network.id, '*', ADMIN, 'access_as_external');
    const router = await api.create('routers', 'router', { name: 'rb', external_gateway_info: { network_id: network.id } }, MEMBER_B);
    expectError(await api.delete(`${path}/${wildcard.id}`, ADMIN), 409, 'RbacPolicyInUse',
      `RBAC policy on object ${network.id} cannot be removed because other objects depend on it.\nDetails: There are routers attached to this network that depend on this policy for access.`);
    const toB = await share('network', network.id, 'project-b', ADMIN, 'access_as_external');
    assert.equal((await api.delete(`${path}/${wildcard.id}`, ADMIN)).status, 204, 'B keeps access through its own policy');
    expectError(await api.delete(`${path}/${toB.id}`, ADMIN), 409, 'RbacPolicyInUse');
    const again = await share('network', network.id, '*', ADMIN, 'access_as_external');
    assert.equal((await api.delete(`${path}/${toB.id}`, ADMIN)).status, 204, 'the wildcard lets B in');
    // Retargeting the wildcard to the one project using the network strands no one (Neutron counts the new target).
    const retargeted = await api.put(`${path}/${again.id}`, { rbac_policy: { target_tenant: 'project-b' } }, ADMIN);
    assert.deepEqual([retargeted.status, retargeted.body.rbac_policy?.target_tenant], [200, 'project-b'], JSON.stringify(retargeted.body));
    expectError(await api.put(`${path}/${again.id}`, { rbac_policy: { target_tenant: 'project-c' } }, ADMIN), 409, 'RbacPolicyInUse');
    assert.equal((await api.delete(`/v2.0/routers/${router.id}`, MEMBER_B)).status, 204);
    assert.equal((await api.delete(`${path}/${again.id}`, ADMIN)).status, 204, 'no router left on it');
    expectError(await api.post('/v2.0/routers', { router: { name: 'x', external_gateway_info: { network_id: network.id } } }, MEMBER_B), 404, 'NetworkNotFound');
  });

  test('qos policies: shared with B by RBAC, B reads it (shared: true) and applies it; in use → 409; retargeting is removing (409)', async () => {
    const qos = await api.create('qos/policies', 'policy', { name: 'gold' }, ADMIN);
    expectError(await api.get(`/v2.0/qos/policies/${qos.id}`, MEMBER_B), 404, 'QosPolicyNotFound');
    expectError(await api.post('/v2.0/networks', { network: { name: 'n', qos_policy_id: qos.id } }, MEMBER_B), 404, 'QosPolicyNotFound');
    const toB = await share('qos_policy', qos.id, 'project-b');
    assert.equal(toB.object_type, 'qos_policy');
    assert.equal((await api.get(`/v2.0/qos/policies/${qos.id}`, MEMBER_B)).body.policy.shared, true);
    assert.equal((await api.get(`/v2.0/qos/policies/${qos.id}`, ADMIN)).body.policy.shared, false, 'not shared with everyone');
    assert.deepEqual((await api.get('/v2.0/qos/policies?fields=id', MEMBER_B)).body.policies.map((p: any) => p.id), [qos.id]);
    expectError(await api.get(`/v2.0/qos/policies/${qos.id}`, MEMBER_C), 404, 'QosPolicyNotFound');
    // Only the owner (or an admin) shares it further: Neutron's 400.
    expectError(await policy({ object_type: 'qos_policy', object_id: qos.id, target_tenant: 'project-c' }, MEMBER_B), 400, 'InvalidInput');
    const net = await api.network({ name: 'b-net', qos_policy_id: qos.id }, MEMBER_B);
    assert.equal(net.qos_policy_id, qos.id);
    expectError(await api.delete(`${path}/${toB.id}`, ADMIN), 409, 'RbacPolicyInUse');
    const wildcard = await share('qos_policy', qos.id, '*');
    assert.equal((await api.get(`/v2.0/qos/policies/${qos.id}`, ADMIN)).body.policy.shared, true, 'the wildcard is shared=True');
    assert.equal((await api.delete(`${path}/${toB.id}`, ADMIN)).status, 204, 'the wildcard keeps B in');
    expectError(await api.delete(`${path}/${wildcard.id}`, ADMIN), 409, 'RbacPolicyInUse');
    // Unlike external networks, a qos policy's new target does not count: Neutron checks it as a delete.
    expectError(await api.put(`${path}/${wildcard.id}`, { rbac_policy: { target_tenant: 'project-b' } }, ADMIN), 409, 'RbacPolicyInUse');
    expectError(await api.put(`/v2.0/qos/policies/${qos.id}`, { policy: { shared: false } }, ADMIN), 409, 'RbacPolicyInUse');
    assert.equal((await api.delete(`/v2.0/networks/${net.id}`, MEMBER_B)).status, 204);
    assert.equal((await api.put(`/v2.0/qos/policies/${qos.id}`, { policy: { shared: false } }, ADMIN)).body.policy.shared, false);
    assert.deepEqual((await api.get(`${path}?object_id=${qos.id}`, ADMIN)).body.rbac_policies, []);
    // Unlike a shared network's, the owner's own uses count too (Neutron's rbac_db): its network keeps the wildcard.
    assert.equal((await api.put(`/v2.0/qos/policies/${qos.id}`, { policy: { shared: true } }, ADMIN)).status, 200);
    const own = await api.network({ name: 'own', qos_policy_id: qos.id }, ADMIN);
    expectError(await api.put(`/v2.0/qos/policies/${qos.id}`, { policy: { shared: false } }, ADMIN), 409, 'RbacPolicyInUse');
    assert.equal((await api.delete(`/v2.0/networks/${own.id}`, ADMIN)).status, 204);
    assert.equal((await api.put(`/v2.0/qos/policies/${qos.id}`, { policy: { shared: false } }, ADMIN)).status, 200);
    await share('qos_policy', qos.id, 'project-b');
    assert.equal((await api.delete(`/v2.0/qos/policies/${qos.id}`, ADMIN)).status, 204);
    assert.deepEqual((await api.get(`${path}?object_id=${qos.id}`, ADMIN)).body.rbac_policies, [], 'policies go with the qos policy');
  });

  test('security groups: a group shared with B is B\'s to read and use on its ports, not to change; in use → 409', async () => {
    const group = await api.create('security-groups', 'security_group', { name: 'shared-g' }, ADMIN);
    expectError(await api.get(`/v2.0/security-groups/${group.id}`, MEMBER_B), 404, 'SecurityGroupNotFound');
    const net = await api.network({}, MEMBER_B);
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id, security_groups: [group.id] } }, MEMBER_B), 404, 'SecurityGroupNotFound');
    const toB = await share('security_group', group.id, 'project-b');
    const seen = (await api.get(`/v2.0/security-groups/${group.id}`, MEMBER_B)).body.security_group;
    assert.equal(seen.shared, true);
    assert.equal((await api.get(`/v2.0/security-groups/${group.id}`, ADMIN)).body.security_group.shared, false);
    assert.ok((await api.get('/v2.0/security-groups', MEMBER_B)).body.security_groups.some((g: any) => g.id === group.id && g.shared));
    const port = await api.port(net.id, { security_groups: [group.id] }, MEMBER_B);
    assert.deepEqual(port.security_groups, [group.id]);
    expectError(await api.put(`/v2.0/security-groups/${group.id}`, { security_group: { name: 'x' } }, MEMBER_B), 403, 'PolicyNotAuthorized');
    expectError(await api.post('/v2.0/security-group-rules', { security_group_rule: { security_group_id: group.id, direction: 'ingress' } }, MEMBER_B), 403, 'PolicyNotAuthorized');
    expectError(await api.delete(`${path}/${toB.id}`, ADMIN), 409, 'RbacPolicyInUse', /project_id=project-b/);
    // C is not B: the group stays invisible and unusable to it.
    const netC = await api.network({}, MEMBER_C);
    expectError(await api.post('/v2.0/ports', { port: { network_id: netC.id, security_groups: [group.id] } }, MEMBER_C), 404, 'SecurityGroupNotFound');
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_B)).status, 204);
    assert.equal((await api.delete(`${path}/${toB.id}`, ADMIN)).status, 204);
    expectError(await api.get(`/v2.0/security-groups/${group.id}`, MEMBER_B), 404, 'SecurityGroupNotFound');
    const ownerShares = await api.create('security-groups', 'security_group', { name: 'a-g' }, MEMBER_A);
    await share('security_group', ownerShares.id, 'project-b', MEMBER_A);
    expectError(await policy({ object_type: 'security_group', object_id: ownerShares.id, target_tenant: 'project-c' }, MEMBER_B), 400, 'InvalidInput',
      'Invalid input for operation: Only admins can manipulate policies on objects they do not own.');
    assert.equal((await api.delete(`/v2.0/security-groups/${ownerShares.id}`, MEMBER_A)).status, 204);
    assert.deepEqual((await api.get(`${path}?object_id=${ownerShares.id}`, ADMIN)).body.rbac_policies, [], 'policies go with their group');
  });

  test('address groups: shared with B, B\'s rules may name it; in use → 409; B cannot update it (404, as Neutron)', async () => {
    const group = await api.create('address-groups', 'address_group', { name: 'ag', addresses: ['10.99.0.0/16'] }, ADMIN);
    const toB = await share('address_group', group.id, 'project-b');
    assert.equal((await api.get(`/v2.0/address-groups/${group.id}`, MEMBER_B)).status, 200);
    assert.equal('shared' in (await api.get(`/v2.0/address-groups/${group.id}`, MEMBER_B)).body.address_group, false, 'shared is not shown on address groups');
    // Neutron checks changes against the group without its hidden `shared`: the project it is shared with is told 404.
    expectError(await api.put(`/v2.0/address-groups/${group.id}`, { address_group: { name: 'new' } }, MEMBER_B), 404, 'AddressGroupNotFound');
    expectError(await api.delete(`/v2.0/address-groups/${group.id}`, MEMBER_B), 404, 'AddressGroupNotFound');
    const sg = await api.create('security-groups', 'security_group', { name: 'b-g' }, MEMBER_B);
    const rule = await api.create('security-group-rules', 'security_group_rule', { security_group_id: sg.id, direction: 'ingress', protocol: 'tcp', remote_address_group_id: group.id }, MEMBER_B);
    expectError(await api.delete(`${path}/${toB.id}`, ADMIN), 409, 'RbacPolicyInUse');
    assert.equal((await api.delete(`/v2.0/security-group-rules/${rule.id}`, MEMBER_B)).status, 204);
    assert.equal((await api.delete(`${path}/${toB.id}`, ADMIN)).status, 204);
    const sgC = await api.create('security-groups', 'security_group', { name: 'c-g' }, MEMBER_C);
    expectError(await api.post('/v2.0/security-group-rules', { security_group_rule: { security_group_id: sgC.id, direction: 'ingress', remote_address_group_id: group.id } }, MEMBER_C), 404, 'AddressGroupNotFound');
  });

  test('address scopes and subnet pools: shared scopes are joinable, shared pools give subnets; in use → 409; a pool shares only where its scope reaches (400)', async () => {
    const scope = await api.create('address-scopes', 'address_scope', { name: 's', ip_version: 4 }, ADMIN);
    expectError(await api.get(`/v2.0/address-scopes/${scope.id}`, MEMBER_B), 404, 'AddressScopeNotFound');
    const scopeToB = await share('address_scope', scope.id, 'project-b');
    assert.equal((await api.get(`/v2.0/address-scopes/${scope.id}`, MEMBER_B)).body.address_scope.shared, true);
    const poolB = await api.create('subnetpools', 'subnetpool', { name: 'pb', prefixes: ['10.200.0.0/16'], address_scope_id: scope.id, default_prefixlen: 24 }, MEMBER_B);
    expectError(await api.delete(`${path}/${scopeToB.id}`, ADMIN), 409, 'RbacPolicyInUse');
    // B's pool sits in a scope only B may use: sharing it with C is refused.
    expectError(await policy({ object_type: 'subnetpool', object_id: poolB.id, target_tenant: 'project-c' }, MEMBER_B), 400, 'InvalidInput',
      /target project doesn't have access to associated address scope/);
    assert.equal((await api.delete(`/v2.0/subnetpools/${poolB.id}`, MEMBER_B)).status, 204);
    assert.equal((await api.delete(`${path}/${scopeToB.id}`, ADMIN)).status, 204);

    const pool = await api.create('subnetpools', 'subnetpool', { name: 'p', prefixes: ['10.210.0.0/16'], default_prefixlen: 24 }, ADMIN);
    const net = await api.network({}, MEMBER_B);
    expectError(await api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 4, subnetpool_id: pool.id } }, MEMBER_B), 404, 'SubnetPoolNotFound');
    const poolToB = await share('subnetpool', pool.id, 'project-b');
    assert.equal((await api.get(`/v2.0/subnetpools/${pool.id}`, MEMBER_B)).body.subnetpool.shared, true);
    const subnet = await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, subnetpool_id: pool.id }, MEMBER_B);
    assert.match(subnet.cidr, /^10\.210\./);
    expectError(await api.delete(`${path}/${poolToB.id}`, ADMIN), 409, 'RbacPolicyInUse');
    expectError(await api.put(`${path}/${poolToB.id}`, { rbac_policy: { target_tenant: 'project-c' } }, ADMIN), 409, 'RbacPolicyInUse');
    assert.equal((await api.put(`${path}/${poolToB.id}`, { rbac_policy: { target_tenant: '*' } }, ADMIN)).status, 200, 'widening to everyone strands nobody');
    assert.equal((await api.get(`/v2.0/subnetpools/${pool.id}`, MEMBER_C)).body.subnetpool.shared, true);
    expectError(await api.put(`${path}/${poolToB.id}`, { rbac_policy: { target_tenant: 'project-c' } }, ADMIN), 409, 'RbacPolicyInUse');
    assert.equal((await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_B)).status, 204);
    assert.equal((await api.put(`${path}/${poolToB.id}`, { rbac_policy: { target_tenant: 'project-c' } }, ADMIN)).status, 200);
    assert.equal((await api.get(`/v2.0/subnetpools/${pool.id}`, ADMIN)).body.subnetpool.shared, false, 'no wildcard left');
  });

  test('?shared= asks what the attribute shows: shared with the caller or everyone (networks, their subnets, security groups, qos policies, pools, scopes)', async () => {
    const names = async (collection: string, query: string, as: As) => {
      const answer = await api.get(`/v2.0/${collection}?${query}`, as);
      assert.equal(answer.status, 200, JSON.stringify(answer.body));
      return (Object.values(answer.body)[0] as any[]).map((x) => x.name ?? x.id);
    };
    const tag = `sf${++n}`;
    const { network: toA } = await adminNetworkWithSubnet();
    await api.put(`/v2.0/networks/${toA.id}`, { network: { name: `${tag}-to-a` } }, ADMIN);
    await share('network', toA.id, 'project-a');
    await api.network({ name: `${tag}-everyone`, shared: true }, ADMIN);
    const own = await api.network({ name: `${tag}-own` }, MEMBER_A);
    const ownSharedToB = await api.network({ name: `${tag}-own-to-b` }, MEMBER_A);
    await share('network', ownSharedToB.id, 'project-b', MEMBER_A);
    const mine = (list: string[]) => list.filter((x) => x.startsWith(tag)).sort();
    assert.deepEqual(mine(await names('networks', 'shared=true', MEMBER_A)), [`${tag}-everyone`, `${tag}-to-a`]);
    assert.deepEqual(mine(await names('networks', 'shared=false', MEMBER_A)), [`${tag}-own`, `${tag}-own-to-b`], 'shared with B is not shared with A');
    assert.deepEqual(mine(await names('networks', 'shared=true&shared=false', MEMBER_A)), [`${tag}-everyone`, `${tag}-own`, `${tag}-own-to-b`, `${tag}-to-a`]);
    assert.deepEqual(mine(await names('networks', 'shared=true', MEMBER_B)), [`${tag}-everyone`, `${tag}-own-to-b`]);
    assert.deepEqual(mine(await names('networks', 'shared=true', ADMIN)), [`${tag}-everyone`], 'the admin\'s project has only the wildcard');
    for (const row of (await api.get(`/v2.0/networks?shared=true`, MEMBER_A)).body.networks) assert.equal(row.shared, true, 'the filter and the attribute agree');
    // Subnets follow their network.
    const subnetOf = await api.subnet(own.id, cidr(), { name: `${tag}-own-subnet` }, MEMBER_A);
    const toASubnets = (await api.get(`/v2.0/subnets?network_id=${toA.id}`, ADMIN)).body.subnets.map((s: any) => s.id);
    const sharedSubnets = (await api.get('/v2.0/subnets?shared=true', MEMBER_A)).body.subnets.map((s: any) => s.id);
    assert.ok(toASubnets.every((id: string) => sharedSubnets.includes(id)), 'a subnet of a network shared with A');
    assert.equal(sharedSubnets.includes(subnetOf.id), false);
    // Security groups (security-groups-shared-filtering).
    const group = await api.create('security-groups', 'security_group', { name: `${tag}-sg-to-a` }, ADMIN);
    await share('security_group', group.id, 'project-a');
    await api.create('security-groups', 'security_group', { name: `${tag}-sg-own` }, MEMBER_A);
    assert.deepEqual(mine(await names('security-groups', 'shared=true', MEMBER_A)), [`${tag}-sg-to-a`]);
    assert.deepEqual(mine(await names('security-groups', 'shared=false', MEMBER_A)), [`${tag}-sg-own`]);
    assert.deepEqual(mine(await names('security-groups', 'shared=true', MEMBER_B)), []);
    expectError(await api.get('/v2.0/security-groups?shared=maybe', MEMBER_A), 400, 'InvalidInput');
    // QoS policies, subnet pools and address scopes: shared with everyone or by RBAC.
    const qos = await api.create('qos/policies', 'policy', { name: `${tag}-qos-to-a` }, ADMIN);
    await share('qos_policy', qos.id, 'project-a');
    await api.create('qos/policies', 'policy', { name: `${tag}-qos-everyone`, shared: true }, ADMIN);
    assert.deepEqual(mine(await names('qos/policies', 'shared=true', MEMBER_A)), [`${tag}-qos-everyone`, `${tag}-qos-to-a`]);
    assert.deepEqual(mine(await names('qos/policies', 'shared=true', MEMBER_B)), [`${tag}-qos-everyone`]);
    const scope = await api.create('address-scopes', 'address_scope', { name: `${tag}-scope-to-a`, ip_version: 4 }, ADMIN);
    await share('address_scope', scope.id, 'project-a');
    assert.deepEqual(mine(await names('address-scopes', 'shared=true', MEMBER_A)), [`${tag}-scope-to-a`]);
    assert.deepEqual(mine(await names('address-scopes', 'shared=false', MEMBER_B)), []);
    const pool = await api.create('subnetpools', 'subnetpool', { name: `${tag}-pool-to-a`, prefixes: [`10.${200 + (n % 50)}.0.0/16`] }, ADMIN);
    await share('subnetpool', pool.id, 'project-a');
    assert.deepEqual(mine(await names('subnetpools', 'shared=true', MEMBER_A)), [`${tag}-pool-to-a`]);
    assert.deepEqual(mine(await names('subnetpools', 'shared=true', MEMBER_B)), []);
  });

  test('quota: rbac_policy, 10 per project by default (409 OverQuota)', async () => {
    const network = await api.network({}, MEMBER_C);
    assert.equal((await api.get('/v2.0/quotas/project-c', MEMBER_C)).body.quota.rbac_policy, 10);
    for (let i = 0; i < 10; i++) await share('network', network.id, `target-${i}`, MEMBER_C);
    expectError(await policy({ object_type: 'network', object_id: network.id, target_tenant: 'target-10' }, MEMBER_C), 409, 'OverQuota');
  });

  test('policies are in the change log, as creates, updates and deletes', async () => {
    const network = await api.network({}, MEMBER_A);
    const created = await share('network', network.id, 'project-b', MEMBER_A);
    await api.put(`${path}/${created.id}`, { rbac_policy: { target_tenant: 'project-c' } }, MEMBER_A);
    await api.delete(`${path}/${created.id}`, MEMBER_A);
    const log = await api.database.db.selectFrom('changes').select(['action', 'project_id']).where('resource_type', '=', 'rbac_policy').where('resource_id', '=', created.id).orderBy('revision').execute();
    assert.deepEqual(log.map((c) => c.action), ['create', 'update', 'delete']);
    assert.ok(log.every((c) => c.project_id === 'project-a'));
  });
});
