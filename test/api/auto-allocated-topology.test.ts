import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type Api, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const READER_A: As = { project: 'project-a', roles: 'reader' };
const TOPOLOGY = '/v2.0/auto-allocated-topology';

/** What a project owns named auto_allocated_*: [networks, subnets, routers] (tempest's count). */
async function counts(api: Api, project: string): Promise<number[]> {
  const named = async (collection: string) => (await api.get(`/v2.0/${collection}?project_id=${project}`, ADMIN)).body[collection]
    .filter((r: any) => String(r.name).startsWith('auto_allocated_')).length;
  return [await named('networks'), await named('subnets'), await named('routers')];
}

forEachApi('auto-allocated topology', ({ api }) => {
let publicNet: { id: string };
before(async () => {
  publicNet = await api.network({ name: 'public', 'router:external': true }, ADMIN);
  await api.subnet(publicNet.id, '198.51.100.0/24', {}, ADMIN);
});

test('without a default external network or default pools: 409 AutoAllocationFailure, dry-run too, nothing built', async () => {
  expectError(await api.get(`${TOPOLOGY}/project-a`, MEMBER_A), 409, 'AutoAllocationFailure', 'Deployment error: No default router:external network.');
  expectError(await api.get(`${TOPOLOGY}/project-a?fields=dry-run`, MEMBER_A), 409, 'AutoAllocationFailure', 'Deployment error: No default router:external network.');
  const set = await api.put(`/v2.0/networks/${publicNet.id}`, { network: { is_default: true } }, ADMIN);
  assert.equal(set.status, 200, JSON.stringify(set.body));
  assert.equal(set.body.network.is_default, true);
  expectError(await api.get(`${TOPOLOGY}/project-a?fields=dry-run`, MEMBER_A), 409, 'AutoAllocationFailure', 'Deployment error: No default subnetpools defined.');
  expectError(await api.get(`${TOPOLOGY}/project-a`, MEMBER_A), 409, 'AutoAllocationFailure', 'Deployment error: Unable to provide tenant private network.');
  assert.deepEqual(await counts(api, 'project-a'), [0, 0, 0], 'the failed build rolled back');
});

test('is_default: admin only, false on internal networks, one default external network (409), kept by updates without it', async () => {
  const internal = await api.network({ name: 'inside' }, ADMIN);
  assert.equal(internal.is_default, false);
  const ignored = await api.put(`/v2.0/networks/${internal.id}`, { network: { is_default: true } }, ADMIN);
  assert.equal(ignored.body.network.is_default, false, 'only an external network can be the default');
  // Shown as Neutron does: always in the answer to a create (or an update naming it), else only on external networks.
  assert.equal('is_default' in (await api.get(`/v2.0/networks/${internal.id}`, ADMIN)).body.network, false);
  assert.equal('is_default' in (await api.put(`/v2.0/networks/${internal.id}`, { network: { name: 'x' } }, ADMIN)).body.network, false);
  assert.equal((await api.get(`/v2.0/networks/${publicNet.id}`, MEMBER_A)).body.network.is_default, true);
  const other = await api.network({ name: 'public-2', 'router:external': true }, ADMIN);
  expectError(await api.put(`/v2.0/networks/${other.id}`, { network: { is_default: true } }, ADMIN), 409, 'DefaultExternalNetworkExists');
  expectError(await api.post('/v2.0/networks', { network: { 'router:external': true, is_default: true } }, ADMIN), 409, 'DefaultExternalNetworkExists');
  expectError(await api.put(`/v2.0/networks/${publicNet.id}`, { network: { is_default: 'maybe' } }, ADMIN), 400, 'InvalidInput');
  const own = await api.network({}, MEMBER_A);
  assert.equal((await api.put(`/v2.0/networks/${own.id}`, { network: { is_default: true } }, MEMBER_A)).status, 403);
  assert.equal((await api.put(`/v2.0/networks/${publicNet.id}`, { network: { description: 'gman' } }, ADMIN)).body.network.is_default, true);
  assert.deepEqual((await api.get('/v2.0/networks?is_default=true', ADMIN)).body.networks.map((n: any) => n.id), [publicNet.id]);
  // The flag moves by unsetting it first; a network that stops being external stops being the default.
  assert.equal((await api.put(`/v2.0/networks/${publicNet.id}`, { network: { is_default: false } }, ADMIN)).body.network.is_default, false);
  assert.equal((await api.put(`/v2.0/networks/${other.id}`, { network: { is_default: true } }, ADMIN)).body.network.is_default, true);
  const internalAgain = await api.put(`/v2.0/networks/${other.id}`, { network: { 'router:external': false } }, ADMIN);
  assert.equal(internalAgain.status, 200, JSON.stringify(internalAgain.body));
  assert.equal('is_default' in internalAgain.body.network, false);
  assert.deepEqual((await api.get('/v2.0/networks?is_default=true', ADMIN)).body.networks, []);
  assert.equal((await api.put(`/v2.0/networks/${publicNet.id}`, { network: { is_default: true } }, ADMIN)).status, 200);
  for (const id of [internal.id, other.id]) assert.equal((await api.delete(`/v2.0/networks/${id}`, ADMIN)).status, 204);
  assert.equal((await api.delete(`/v2.0/networks/${own.id}`, MEMBER_A)).status, 204);
});

test('the wildcard access_as_external policy of the default external network cannot go (409 RbacPolicyInUse)', async () => {
  const policies = (await api.get(`/v2.0/rbac-policies?object_id=${publicNet.id}&action=access_as_external&target_tenant=*`, ADMIN)).body.rbac_policies;
  assert.equal(policies.length, 1);
  expectError(await api.delete(`/v2.0/rbac-policies/${policies[0].id}`, ADMIN), 409, 'RbacPolicyInUse', /Default external networks must be shared to everyone/);
  expectError(await api.put(`/v2.0/rbac-policies/${policies[0].id}`, { rbac_policy: { target_tenant: 'project-b' } }, ADMIN), 409, 'RbacPolicyInUse');
});

test('first GET builds network, a subnet per default pool, router with gateway and interfaces; later GETs return it', async () => {
  await api.post('/v2.0/subnetpools', { subnetpool: { name: 'v4', prefixes: ['10.128.0.0/16'], default_prefixlen: 26, is_default: true, shared: true } }, ADMIN);
  await api.post('/v2.0/subnetpools', { subnetpool: { name: 'v6', prefixes: ['fd00:aa::/48'], default_prefixlen: 64, is_default: true, shared: true } }, ADMIN);
  const dry = await api.get(`${TOPOLOGY}/project-a?fields=dry-run`, MEMBER_A);
  assert.deepEqual(dry.body, { auto_allocated_topology: { id: 'dry-run=pass', tenant_id: 'project-a', project_id: 'project-a' } });
  assert.deepEqual(await counts(api, 'project-a'), [0, 0, 0], 'dry-run builds nothing');
  const first = await api.get(`${TOPOLOGY}/project-a`, MEMBER_A);
  assert.equal(first.status, 200, JSON.stringify(first.body));
  const topology = first.body.auto_allocated_topology;
  assert.deepEqual(Object.keys(topology).sort(), ['id', 'project_id', 'tenant_id']);
  const network = (await api.get(`/v2.0/networks/${topology.id}`, MEMBER_A)).body.network;
  assert.equal(network.admin_state_up, true);
  assert.equal(network.name, 'auto_allocated_network');
  assert.deepEqual(await counts(api, 'project-a'), [1, 2, 1]);
  const router = (await api.get('/v2.0/routers?name=auto_allocated_router', MEMBER_A)).body.routers[0];
  assert.equal(router.external_gateway_info.network_id, publicNet.id);
  const interfaces = (await api.get(`/v2.0/ports?device_id=${router.id}&device_owner=network:router_interface`, MEMBER_A)).body.ports;
  assert.deepEqual(interfaces.map((p: any) => p.network_id), [topology.id, topology.id]);
  // 'None' (python clients without a project) means the caller's project.
  assert.equal((await api.get(`${TOPOLOGY}/None`, MEMBER_A)).body.auto_allocated_topology.id, topology.id);
  assert.equal((await api.get(`${TOPOLOGY}/project-a`, READER_A)).body.auto_allocated_topology.id, topology.id);
  assert.deepEqual(await counts(api, 'project-a'), [1, 2, 1], 'idempotent');
});

test('bad input: an unknown field 400; another project 403 unless admin; a reader cannot delete', async () => {
  expectError(await api.get(`${TOPOLOGY}/project-a?fields=id`, MEMBER_A), 400, 'BadRequest', 'Bad auto_allocate request: Unrecognized field.');
  expectError(await api.get(`${TOPOLOGY}/project-a`, MEMBER_B), 403, 'NotAuthorized');
  expectError(await api.delete(`${TOPOLOGY}/project-a`, MEMBER_B), 403, 'NotAuthorized');
  expectError(await api.delete(`${TOPOLOGY}/project-a`, READER_A), 403, 'PolicyNotAuthorized');
  assert.deepEqual(await counts(api, 'project-a'), [1, 2, 1]);
});

test('two simultaneous first GETs build one topology', async () => {
  const [a, b] = await Promise.all([api.get(`${TOPOLOGY}/project-b`, MEMBER_B), api.get(`${TOPOLOGY}/project-b`, MEMBER_B)]);
  assert.equal(a.status, 200, JSON.stringify(a.body));
  assert.equal(b.status, 200, JSON.stringify(b.body));
  assert.equal(a.body.auto_allocated_topology.id, b.body.auto_allocated_topology.id);
  assert.deepEqual(await counts(api, 'project-b'), [1, 2, 1]);
});

test('DELETE takes the topology down (204), twice is fine; an admin may do it for any project; the next GET builds anew', async () => {
  const before = (await api.get(`${TOPOLOGY}/project-a`, MEMBER_A)).body.auto_allocated_topology.id;
  // A port of the project's own on the network: 409 NetworkInUse, and nothing is taken down (one transaction).
  const port = await api.port(before, {}, MEMBER_A);
  expectError(await api.delete(`${TOPOLOGY}/project-a`, MEMBER_A), 409, 'NetworkInUse');
  assert.deepEqual(await counts(api, 'project-a'), [1, 2, 1]);
  assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204);
  assert.equal((await api.delete(`${TOPOLOGY}/project-a`, MEMBER_A)).status, 204);
  assert.deepEqual(await counts(api, 'project-a'), [0, 0, 0]);
  assert.equal((await api.get(`/v2.0/networks/${before}`, ADMIN)).status, 404);
  assert.equal((await api.delete(`${TOPOLOGY}/project-a`, MEMBER_A)).status, 204);
  assert.equal((await api.delete(`${TOPOLOGY}/project-b`, ADMIN)).status, 204);
  assert.deepEqual(await counts(api, 'project-b'), [0, 0, 0]);
  const again = (await api.get(`${TOPOLOGY}/project-b`, ADMIN)).body.auto_allocated_topology;
  assert.notEqual(again.id, undefined);
  assert.equal(again.project_id, 'project-b');
  assert.deepEqual(await counts(api, 'project-b'), [1, 2, 1]);
});
});
