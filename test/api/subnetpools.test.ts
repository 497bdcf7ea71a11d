import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/** An IPv4 CIDR as [first, last] address numbers. */
function span(cidr: string): [number, number] {
  const [address, length] = cidr.split('/');
  const value = address!.split('.').reduce((acc, octet) => acc * 256 + Number(octet), 0);
  const size = 2 ** (32 - Number(length));
  return [value, value + size - 1];
}
const inside = (inner: string, outer: string) => span(inner)[0] >= span(outer)[0] && span(inner)[1] <= span(outer)[1];
const overlap = (a: string, b: string) => span(a)[0] <= span(b)[1] && span(b)[0] <= span(a)[1];

forEachApi('subnet pools and address scopes', ({ api }) => {
  const pool = (attributes: Record<string, unknown>, as: As = MEMBER_A) => api.create('subnetpools', 'subnetpool', { name: 'pool', ...attributes }, as);
  const scope = (attributes: Record<string, unknown>, as: As = MEMBER_A) => api.post('/v2.0/address-scopes', { address_scope: attributes }, as);
  const postSubnet = (attributes: Record<string, unknown>, as: As = MEMBER_A) => api.post('/v2.0/subnets', { subnet: { ip_version: 4, ...attributes } }, as);

  test('create: prefixes compacted, ip_version derived, default prefix lengths 8/32/8 (v4) and 64/128/64 (v6)', async () => {
    const created = await pool({ prefixes: ['10.100.1.0/24', '10.100.0.0/24', '10.100.0.128/25'] });
    assert.deepEqual(created.prefixes, ['10.100.0.0/23']);
    assert.equal(created.ip_version, 4);
    assert.equal(created.min_prefixlen, '8');
    assert.equal(created.max_prefixlen, '32');
    assert.equal(created.default_prefixlen, '8');
    assert.equal(created.is_default, false);
    assert.equal(created.shared, false);
    assert.equal(created.default_quota, null);
    assert.equal(created.address_scope_id, null);
    assert.equal(created.project_id, 'project-a');
    assert.equal(created.revision_number, 0);
    const v6 = await pool({ prefixes: ['fd00:100::/48'] });
    assert.equal(v6.ip_version, 6);
    assert.equal(v6.min_prefixlen, '64');
    assert.equal(v6.max_prefixlen, '128');
    assert.equal(v6.default_prefixlen, '64');
    const explicit = await pool({ prefixes: ['10.101.0.0/16'], min_prefixlen: 20, default_prefixlen: 24, max_prefixlen: 28 });
    assert.deepEqual([explicit.min_prefixlen, explicit.default_prefixlen, explicit.max_prefixlen], ['20', '24', '28']);
    // Neutron's _make_subnetpool_dict shows prefix lengths as strings, however posted, on create, show, list and update.
    const strings = await pool({ prefixes: ['10.102.0.0/16'], min_prefixlen: '29' });
    assert.deepEqual([strings.min_prefixlen, strings.default_prefixlen, strings.max_prefixlen], ['29', '29', '32']);
    const shown = (await api.get(`/v2.0/subnetpools/${strings.id}`, MEMBER_A)).body.subnetpool;
    assert.deepEqual([shown.min_prefixlen, shown.default_prefixlen, shown.max_prefixlen], ['29', '29', '32']);
    const listed = (await api.get(`/v2.0/subnetpools?min_prefixlen=29&fields=id&fields=min_prefixlen`, MEMBER_A)).body.subnetpools;
    assert.deepEqual(listed, [{ id: strings.id, min_prefixlen: '29' }], 'filters take the number; lists show the string');
    const updated = (await api.put(`/v2.0/subnetpools/${strings.id}`, { subnetpool: { min_prefixlen: '28', max_prefixlen: '30' } }, MEMBER_A)).body.subnetpool;
    assert.deepEqual([updated.min_prefixlen, updated.default_prefixlen, updated.max_prefixlen], ['28', '29', '30']);
    expectError(await api.put(`/v2.0/subnetpools/${strings.id}`, { subnetpool: { min_prefixlen: 'x' } }, MEMBER_A), 400, 'InvalidInput');
  });

  test('create refuses mixed families, empty prefixes, bad bounds and a missing name', async () => {
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['10.0.0.0/8', 'fd00::/8'] } }, MEMBER_A), 400, 'PrefixVersionMismatch');
    assert.equal((await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: [] } }, MEMBER_A)).status, 400);
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['10.0.0.0/8'], min_prefixlen: 24, max_prefixlen: 16 } }, MEMBER_A),
      400, 'IllegalSubnetPoolPrefixBounds');
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['10.0.0.0/8'], max_prefixlen: 33 } }, MEMBER_A),
      400, 'IllegalSubnetPoolPrefixBounds');
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['10.0.0.0/8'], min_prefixlen: 16, default_prefixlen: 12 } }, MEMBER_A),
      400, 'IllegalSubnetPoolPrefixBounds');
    assert.equal((await api.post('/v2.0/subnetpools', { subnetpool: { prefixes: ['10.0.0.0/8'] } }, MEMBER_A)).status, 400);
    assert.equal((await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['10.0.0.0/8'], shared: true } }, MEMBER_A)).status, 403);
  });

  test('subnet from a pool with prefixlen: a prefix inside the pool, gateway network+1, subnetpool_id set; never overlapping', async () => {
    const p = await pool({ prefixes: ['10.110.0.0/16'], min_prefixlen: 16, default_prefixlen: 24 });
    const cidrs: string[] = [];
    for (let i = 0; i < 4; i++) {
      const net = await api.network({}, MEMBER_A);
      const subnet = await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, subnetpool_id: p.id, prefixlen: 26 }, MEMBER_A);
      assert.equal(subnet.subnetpool_id, p.id);
      assert.match(subnet.cidr, /\/26$/);
      assert.ok(inside(subnet.cidr, '10.110.0.0/16'), `${subnet.cidr} is inside the pool`);
      const [first, last] = span(subnet.cidr);
      const ip = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
      assert.equal(subnet.gateway_ip, ip(first + 1));
      assert.deepEqual(subnet.allocation_pools, [{ start: ip(first + 2), end: ip(last - 1) }]);
      cidrs.push(subnet.cidr);
    }
    for (let i = 0; i < cidrs.length; i++) {
      for (let j = i + 1; j < cidrs.length; j++) assert.ok(!overlap(cidrs[i]!, cidrs[j]!), `${cidrs[i]} and ${cidrs[j]} overlap`);
    }
    // Without prefixlen the pool's default_prefixlen is used.
    const net = await api.network({}, MEMBER_A);
    const byDefault = await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, subnetpool_id: p.id }, MEMBER_A);
    assert.match(byDefault.cidr, /\/24$/);
    assert.ok(cidrs.every((c) => !overlap(c, byDefault.cidr)));
    // cidr and prefixlen together are refused.
    assert.equal((await postSubnet({ network_id: net.id, subnetpool_id: p.id, prefixlen: 24, cidr: '10.110.200.0/24' })).status, 400);
    // An IPv6 request from an IPv4 pool is refused.
    assert.equal((await api.post('/v2.0/subnets', { subnet: { network_id: net.id, ip_version: 6, subnetpool_id: p.id } }, MEMBER_A)).status, 400);
  });

  test('a pool runs out: 409 SubnetAllocationError', async () => {
    const p = await pool({ prefixes: ['10.111.0.0/24'], min_prefixlen: 24, default_prefixlen: 25, max_prefixlen: 30 });
    for (let i = 0; i < 2; i++) {
      const net = await api.network({}, MEMBER_A);
      await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, subnetpool_id: p.id }, MEMBER_A);
    }
    const net = await api.network({}, MEMBER_A);
    expectError(await postSubnet({ network_id: net.id, subnetpool_id: p.id, prefixlen: 28 }), 409, 'SubnetAllocationError');
    // A request shorter than every prefix finds no room either (default_prefixlen 8 of a /16 pool).
    const wide = await pool({ prefixes: ['10.112.0.0/16'] });
    expectError(await postSubnet({ network_id: net.id, subnetpool_id: wide.id }), 409, 'SubnetAllocationError',
      'Failed to allocate subnet: Insufficient prefix space to allocate subnet size /8.');
  });

  test('explicit cidr with a pool: inside a free part → ok; outside or taken → 409 SubnetAllocationError', async () => {
    const p = await pool({ prefixes: ['10.120.0.0/16'], min_prefixlen: 16, default_prefixlen: 24 });
    const net1 = await api.network({}, MEMBER_A);
    const subnet = await api.create('subnets', 'subnet', { network_id: net1.id, ip_version: 4, subnetpool_id: p.id, cidr: '10.120.7.0/24' }, MEMBER_A);
    assert.equal(subnet.cidr, '10.120.7.0/24');
    assert.equal(subnet.subnetpool_id, p.id);
    const net2 = await api.network({}, MEMBER_A);
    expectError(await postSubnet({ network_id: net2.id, subnetpool_id: p.id, cidr: '10.121.0.0/24' }), 409, 'SubnetAllocationError');
    expectError(await postSubnet({ network_id: net2.id, subnetpool_id: p.id, cidr: '10.120.7.128/25' }), 409, 'SubnetAllocationError');
    expectError(await postSubnet({ network_id: net2.id, subnetpool_id: p.id, cidr: '10.120.0.0/16' }), 409, 'SubnetAllocationError');
    // The freed prefix can be taken again once the subnet is gone.
    assert.equal((await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).status, 204);
    const again = await api.create('subnets', 'subnet', { network_id: net2.id, ip_version: 4, subnetpool_id: p.id, cidr: '10.120.7.128/25' }, MEMBER_A);
    assert.equal(again.cidr, '10.120.7.128/25');
  });

  test('prefixlen below min → 400 MinPrefixSubnetAllocationError; above max → 400 MaxPrefixSubnetAllocationError', async () => {
    const p = await pool({ prefixes: ['10.130.0.0/16'], min_prefixlen: 20, default_prefixlen: 24, max_prefixlen: 28 });
    const net = await api.network({}, MEMBER_A);
    expectError(await postSubnet({ network_id: net.id, subnetpool_id: p.id, prefixlen: 19 }), 400, 'MinPrefixSubnetAllocationError');
    expectError(await postSubnet({ network_id: net.id, subnetpool_id: p.id, prefixlen: 29 }), 400, 'MaxPrefixSubnetAllocationError');
    expectError(await postSubnet({ network_id: net.id, subnetpool_id: p.id, cidr: '10.130.0.0/29' }), 400, 'MaxPrefixSubnetAllocationError');
    assert.equal((await api.get(`/v2.0/subnets?network_id=${net.id}`, MEMBER_A)).body.subnets.length, 0);
    const ok = await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, subnetpool_id: p.id, prefixlen: 28 }, MEMBER_A);
    assert.match(ok.cidr, /\/28$/);
  });

  test('use_default_subnetpool takes the is_default pool (admin-created); only admins set is_default', async () => {
    const memberDefault = await api.post('/v2.0/subnetpools', { subnetpool: { name: 'd', prefixes: ['10.140.0.0/16'], is_default: true } }, MEMBER_A);
    expectError(memberDefault, 403, 'PolicyNotAuthorized');
    const net = await api.network({}, MEMBER_A);
    const none = await postSubnet({ network_id: net.id, use_default_subnetpool: true, prefixlen: 24 });
    assert.equal(none.status, 400, 'no default pool yet');
    const defaultPool = await pool({ name: 'default-v4', prefixes: ['10.140.0.0/16'], is_default: true, shared: true, min_prefixlen: 16, default_prefixlen: 24 }, ADMIN);
    assert.equal(defaultPool.is_default, true);
    const second = await api.post('/v2.0/subnetpools', { subnetpool: { name: 'd2', prefixes: ['10.141.0.0/16'], is_default: true } }, ADMIN);
    assert.equal(second.status, 400, 'one default pool per family');
    const subnet = await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, use_default_subnetpool: true, prefixlen: 26 }, MEMBER_A);
    assert.equal(subnet.subnetpool_id, defaultPool.id);
    assert.ok(inside(subnet.cidr, '10.140.0.0/16'));
    assert.match(subnet.cidr, /\/26$/);
    assert.equal('use_default_subnetpool' in subnet, false);
    const both = await postSubnet({ network_id: net.id, use_default_subnetpool: true, subnetpool_id: defaultPool.id });
    assert.equal(both.status, 400);
    const v6 = await api.post('/v2.0/subnets', { subnet: { network_id: (await api.network({}, MEMBER_A)).id, ip_version: 6, use_default_subnetpool: true } }, MEMBER_A);
    assert.equal(v6.status, 400, 'no IPv6 default pool');
    // The member sees the shared default pool but may not change it.
    assert.equal((await api.get(`/v2.0/subnetpools/${defaultPool.id}`, MEMBER_B)).status, 200);
    assert.equal((await api.put(`/v2.0/subnetpools/${defaultPool.id}`, { subnetpool: { name: 'x' } }, MEMBER_B)).status, 403);
  });

  test('a private pool of another project is invisible (404) and unusable', async () => {
    const p = await pool({ prefixes: ['10.145.0.0/16'], min_prefixlen: 16, default_prefixlen: 24 });
    expectError(await api.get(`/v2.0/subnetpools/${p.id}`, MEMBER_B), 404, 'SubnetPoolNotFound');
    const net = await api.network({}, MEMBER_B);
    expectError(await postSubnet({ network_id: net.id, subnetpool_id: p.id }, MEMBER_B), 404, 'SubnetPoolNotFound');
  });

  test("a pool joins the address scopes its caller may use (rbac-address-scope): another project's private one is 404, a shared one joins; admins join any", async () => {
    const privateScope = (await scope({ name: 'a-private', ip_version: 4 })).body.address_scope;
    const sharedScope = (await scope({ name: 'shared', ip_version: 4, shared: true }, ADMIN)).body.address_scope;
    const join = (scopeId: string, prefix: string, as: As) => api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: [prefix], address_scope_id: scopeId } }, as);
    expectError(await join(privateScope.id, '10.146.0.0/16', MEMBER_B), 404, 'AddressScopeNotFound');
    assert.equal((await join(sharedScope.id, '10.146.0.0/16', MEMBER_B)).status, 201);
    const own = await pool({ prefixes: ['10.147.0.0/16'] }, MEMBER_B);
    expectError(await api.put(`/v2.0/subnetpools/${own.id}`, { subnetpool: { address_scope_id: privateScope.id } }, MEMBER_B), 404, 'AddressScopeNotFound');
    assert.equal((await api.get(`/v2.0/subnetpools/${own.id}`, MEMBER_B)).body.subnetpool.address_scope_id, null);
    assert.equal((await join(sharedScope.id, '10.148.0.0/16', ADMIN)).status, 201);
    assert.equal((await join(privateScope.id, '10.149.0.0/16', ADMIN)).status, 201);
    // An admin put B's pool into the shared scope: B may not grow it there (it does not own the scope); an admin may.
    assert.equal((await api.put(`/v2.0/subnetpools/${own.id}`, { subnetpool: { address_scope_id: sharedScope.id } }, ADMIN)).status, 200);
    expectError(await api.put(`/v2.0/subnetpools/${own.id}`, { subnetpool: { prefixes: ['10.147.0.0/16', '10.151.0.0/16'] } }, MEMBER_B),
      400, 'IllegalSubnetPoolAssociationToAddressScope');
    const grown = await api.put(`/v2.0/subnetpools/${own.id}`, { subnetpool: { prefixes: ['10.147.0.0/16', '10.151.0.0/16'] } }, ADMIN);
    assert.deepEqual(grown.body.subnetpool.prefixes, ['10.147.0.0/16', '10.151.0.0/16']);
    // A shared scope stays shared (other projects' pools may be in it).
    expectError(await api.put(`/v2.0/address-scopes/${sharedScope.id}`, { address_scope: { name: 'n', shared: false } }, ADMIN), 400, 'AddressScopeUpdateError',
      `Unable to update address scope ${sharedScope.id} : Shared address scope can't be unshared.`);
  });

  test('deleting a pool in use → 409 SubnetPoolInUse; once unused → 204', async () => {
    const p = await pool({ prefixes: ['10.150.0.0/16'], min_prefixlen: 16, default_prefixlen: 24 });
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, subnetpool_id: p.id }, MEMBER_A);
    expectError(await api.delete(`/v2.0/subnetpools/${p.id}`, MEMBER_A), 409, 'SubnetPoolInUse');
    assert.equal((await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/subnetpools/${p.id}`, MEMBER_A)).status, 204);
    expectError(await api.get(`/v2.0/subnetpools/${p.id}`, MEMBER_A), 404, 'SubnetPoolNotFound');
  });

  test('prefixes update: growing is fine (compacted), shrinking → 400 IllegalSubnetPoolPrefixUpdate', async () => {
    const p = await pool({ prefixes: ['10.160.0.0/24'], min_prefixlen: 24 });
    const grown = await api.put(`/v2.0/subnetpools/${p.id}`, { subnetpool: { prefixes: ['10.160.0.0/24', '10.160.1.0/24', '10.170.0.0/24'] } }, MEMBER_A);
    assert.equal(grown.status, 200);
    assert.deepEqual(grown.body.subnetpool.prefixes, ['10.160.0.0/23', '10.170.0.0/24']);
    assert.equal(grown.body.subnetpool.revision_number, p.revision_number + 1);
    const shrunk = await api.put(`/v2.0/subnetpools/${p.id}`, { subnetpool: { prefixes: ['10.160.0.0/24'] } }, MEMBER_A);
    expectError(shrunk, 400, 'IllegalSubnetPoolPrefixUpdate');
    const otherFamily = await api.put(`/v2.0/subnetpools/${p.id}`, { subnetpool: { prefixes: ['fd00::/8'] } }, MEMBER_A);
    assert.equal(otherFamily.status, 400);
    assert.deepEqual((await api.get(`/v2.0/subnetpools/${p.id}`, MEMBER_A)).body.subnetpool.prefixes, ['10.160.0.0/23', '10.170.0.0/24']);
  });

  test('address scopes: CRUD, visibility, a pool in a scope, family check, in-use delete', async () => {
    const response = await scope({ name: 'scope4', ip_version: 4 });
    assert.equal(response.status, 201);
    const created = response.body.address_scope;
    assert.equal(created.name, 'scope4');
    assert.equal(created.ip_version, 4);
    assert.equal(created.shared, false);
    assert.equal(created.project_id, 'project-a');
    assert.equal(created.tenant_id, 'project-a');
    assert.deepEqual(Object.keys(created).sort(), ['id', 'ip_version', 'name', 'project_id', 'shared', 'tenant_id']);
    const created2 = await api.post('/v2.0/address-scopes', { address_scope: { name: 'scope4', ip_version: 4 } }, MEMBER_A);
    assert.equal(created2.status, 201);
    assert.equal((await api.post('/v2.0/address-scopes', { address_scope: { name: 'bad', ip_version: 5 } }, MEMBER_A)).status, 400);
    assert.equal((await api.post('/v2.0/address-scopes', { address_scope: { name: 'no-version' } }, MEMBER_A)).status, 400);
    expectError(await scope({ name: 'shared', ip_version: 4, shared: true }), 403, 'PolicyNotAuthorized');
    const shown = await api.get(`/v2.0/address-scopes/${created.id}`, MEMBER_A);
    assert.deepEqual(shown.body.address_scope, created);
    const listed = (await api.get('/v2.0/address-scopes?ip_version=4', MEMBER_A)).body.address_scopes.map((s: any) => s.id);
    assert.ok(listed.includes(created.id));
    expectError(await api.get(`/v2.0/address-scopes/${created.id}`, MEMBER_B), 404, 'AddressScopeNotFound');
    const renamed = await api.put(`/v2.0/address-scopes/${created.id}`, { address_scope: { name: 'renamed' } }, MEMBER_A);
    assert.equal(renamed.status, 200);
    assert.equal(renamed.body.address_scope.name, 'renamed');
    assert.equal((await api.put(`/v2.0/address-scopes/${created.id}`, { address_scope: { ip_version: 6 } }, MEMBER_A)).status, 400);

    const scoped = await pool({ prefixes: ['10.180.0.0/16'], address_scope_id: created.id });
    assert.equal(scoped.address_scope_id, created.id);
    const filtered = (await api.get(`/v2.0/subnetpools?address_scope_id=${created.id}`, MEMBER_A)).body.subnetpools;
    assert.deepEqual(filtered.map((p: any) => p.id), [scoped.id]);
    const v6 = await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p6', prefixes: ['fd00:180::/48'], address_scope_id: created.id } }, MEMBER_A);
    expectError(v6, 400, 'IllegalSubnetPoolIpVersionAssociationToAddressScope');
    // Pools of one scope never share a prefix: on create, on joining, and on growing.
    expectError(await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['10.180.7.0/24'], address_scope_id: created.id } }, MEMBER_A), 409, 'AddressScopePrefixConflict',
      'Failed to associate address scope: subnetpools within an address scope must have unique prefixes.');
    const neighbour = await pool({ prefixes: ['10.182.0.0/24', '10.183.0.0/24'], address_scope_id: created.id });
    expectError(await api.put(`/v2.0/subnetpools/${neighbour.id}`, { subnetpool: { prefixes: ['10.182.0.0/24', '10.183.0.0/24', '10.180.0.0/12'] } }, MEMBER_A),
      409, 'AddressScopePrefixConflict');
    const outsider = await pool({ prefixes: ['10.180.9.0/24'] });
    expectError(await api.put(`/v2.0/subnetpools/${outsider.id}`, { subnetpool: { address_scope_id: created.id } }, MEMBER_A), 409, 'AddressScopePrefixConflict');
    assert.equal((await api.put(`/v2.0/subnetpools/${neighbour.id}`, { subnetpool: { prefixes: ['10.182.0.0/24', '10.183.0.0/24', '10.184.0.0/24'] } }, MEMBER_A)).status, 200);
    assert.equal((await api.delete(`/v2.0/subnetpools/${neighbour.id}`, MEMBER_A)).status, 204);
    const missing = await api.post('/v2.0/subnetpools', { subnetpool: { name: 'p', prefixes: ['10.181.0.0/16'], address_scope_id: '00000000-0000-0000-0000-000000000000' } }, MEMBER_A);
    expectError(missing, 404, 'AddressScopeNotFound');

    expectError(await api.delete(`/v2.0/address-scopes/${created.id}`, MEMBER_A), 409, 'AddressScopeInUse');
    const detached = await api.put(`/v2.0/subnetpools/${scoped.id}`, { subnetpool: { address_scope_id: null } }, MEMBER_A);
    assert.equal(detached.body.subnetpool.address_scope_id, null);
    assert.equal((await api.delete(`/v2.0/address-scopes/${created.id}`, MEMBER_A)).status, 204);
    expectError(await api.get(`/v2.0/address-scopes/${created.id}`, MEMBER_A), 404, 'AddressScopeNotFound');
  });

  test('a network shows ipv4_address_scope once it has a subnet from a scoped pool', async () => {
    const s4 = (await scope({ name: 's', ip_version: 4 })).body.address_scope;
    const scoped = await pool({ prefixes: ['10.190.0.0/16'], address_scope_id: s4.id, min_prefixlen: 16, default_prefixlen: 24 });
    const net = await api.network({}, MEMBER_A);
    assert.equal(net.ipv4_address_scope, null);
    assert.equal(net.ipv6_address_scope, null);
    await api.create('subnets', 'subnet', { network_id: net.id, ip_version: 4, subnetpool_id: scoped.id }, MEMBER_A);
    const shown = (await api.get(`/v2.0/networks/${net.id}`, MEMBER_A)).body.network;
    assert.equal(shown.ipv4_address_scope, s4.id);
    assert.equal(shown.ipv6_address_scope, null);
    // A subnet with an explicit CIDR (no pool) does not give a scope.
    const plain = await api.network({}, MEMBER_A);
    await api.subnet(plain.id, '10.191.0.0/24', {}, MEMBER_A);
    assert.equal((await api.get(`/v2.0/networks/${plain.id}`, MEMBER_A)).body.network.ipv4_address_scope, null);
    // Subnets of one family on a network come from one pool.
    const mixed = await postSubnet({ network_id: net.id, cidr: '10.192.0.0/24' });
    expectError(mixed, 400, 'NetworkSubnetPoolAffinityError');
  });
});
