import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

forEachApi('subnets', ({ api }) => {
  const postSubnet = (attributes: Record<string, unknown>, as = MEMBER_A) => api.post('/v2.0/subnets', { subnet: attributes }, as);

  test('IPv4 /24 defaults: gateway .1, one pool .2–.254, empty lists, DHCP on', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.20.0.0/24', {}, MEMBER_A);
    assert.equal(subnet.cidr, '10.20.0.0/24');
    assert.equal(subnet.gateway_ip, '10.20.0.1');
    assert.deepEqual(subnet.allocation_pools, [{ start: '10.20.0.2', end: '10.20.0.254' }]);
    assert.deepEqual(subnet.host_routes, []);
    assert.deepEqual(subnet.dns_nameservers, []);
    assert.equal(subnet.enable_dhcp, true);
    assert.equal(subnet.subnetpool_id, null);
    assert.equal(subnet.ipv6_ra_mode, null);
    assert.equal(subnet.ipv6_address_mode, null);
    assert.equal(subnet.ip_version, 4);
    assert.equal(subnet.project_id, 'project-a');
    assert.equal(subnet.tenant_id, 'project-a');
    assert.equal('prefixlen' in subnet, false, 'prefixlen is not visible');
    assert.equal('use_default_subnetpool' in subnet, false, 'use_default_subnetpool is not visible');
  });

  test('non-canonical CIDR is normalised to the network address', async () => {
    const net = await api.network({}, MEMBER_A);
    // Neutron's test_create_subnet_nonzero_cidr: "the API should accept and correct these for users".
    const subnet = await api.subnet(net.id, '10.21.0.77/24', {}, MEMBER_A);
    assert.equal(subnet.cidr, '10.21.0.0/24');
    assert.equal(subnet.gateway_ip, '10.21.0.1');
    assert.deepEqual(subnet.allocation_pools, [{ start: '10.21.0.2', end: '10.21.0.254' }]);
    const wide = await api.subnet(net.id, '11.129.122.5/15', { enable_dhcp: false, gateway_ip: null }, MEMBER_A);
    assert.equal(wide.cidr, '11.128.0.0/15');
  });

  test('IPv6 /64 explicit: gateway = the network address, pool ::1 – ::ffff:ffff:ffff:ffff (as the sample)', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, 'fd77::/64', { ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' }, MEMBER_A);
    assert.equal(subnet.gateway_ip, 'fd77::');
    assert.deepEqual(subnet.allocation_pools, [{ start: 'fd77::1', end: 'fd77::ffff:ffff:ffff:ffff' }]);
    const plain = await api.subnet((await api.network({}, MEMBER_A)).id, '2001:DB8:0:0::/64', {}, MEMBER_A);
    assert.equal(plain.cidr, '2001:db8::/64', 'IPv6 CIDRs are shown in canonical (compressed, lower-case) form');
    assert.equal(plain.gateway_ip, '2001:db8::');
    assert.deepEqual(plain.allocation_pools, [{ start: '2001:db8::1', end: '2001:db8::ffff:ffff:ffff:ffff' }]);
    // netaddr (inet_ntop) never compresses a single zero group: RFC 5952 form.
    const one = await api.subnet((await api.network({}, MEMBER_A)).id, '2001:db8:1::/64', {}, MEMBER_A);
    assert.deepEqual(one.allocation_pools, [{ start: '2001:db8:1::1', end: '2001:db8:1:0:ffff:ffff:ffff:ffff' }]);
  });

  test('gateway_ip null: no gateway and the pool covers every host address', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.22.0.0/24', { gateway_ip: null }, MEMBER_A);
    assert.equal(subnet.gateway_ip, null);
    assert.deepEqual(subnet.allocation_pools, [{ start: '10.22.0.1', end: '10.22.0.254' }]);
  });

  test('explicit gateway elsewhere in the CIDR splits the default pool around it', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.23.0.0/24', { gateway_ip: '10.23.0.100' }, MEMBER_A);
    assert.equal(subnet.gateway_ip, '10.23.0.100');
    assert.deepEqual(subnet.allocation_pools, [
      { start: '10.23.0.1', end: '10.23.0.99' }, { start: '10.23.0.101', end: '10.23.0.254' },
    ]);
    const broadcast = await postSubnet({ network_id: net.id, cidr: '10.24.0.0/24', ip_version: 4, gateway_ip: '10.24.0.255' });
    assert.equal(broadcast.status, 400, 'the broadcast address is not a valid gateway');
  });

  test('explicit allocation pools: kept when valid, 400 outside the CIDR or reversed, 409 overlapping or holding the gateway', async () => {
    const net = await api.network({}, MEMBER_A);
    const ok = await api.subnet(net.id, '10.30.0.0/24', {
      allocation_pools: [{ start: '10.30.0.100', end: '10.30.0.110' }, { start: '10.30.0.10', end: '10.30.0.20' }],
    }, MEMBER_A);
    assert.equal(ok.gateway_ip, '10.30.0.1');
    assert.deepEqual(ok.allocation_pools, [{ start: '10.30.0.10', end: '10.30.0.20' }, { start: '10.30.0.100', end: '10.30.0.110' }]);

    const base = { network_id: net.id, ip_version: 4 };
    const outside = await postSubnet({ ...base, cidr: '10.31.0.0/24', allocation_pools: [{ start: '10.31.0.10', end: '10.31.1.10' }] });
    expectError(outside, 400, 'OutOfBoundsAllocationPool');
    const network = await postSubnet({ ...base, cidr: '10.31.0.0/24', allocation_pools: [{ start: '10.31.0.0', end: '10.31.0.10' }] });
    expectError(network, 400, 'OutOfBoundsAllocationPool');
    const reversed = await postSubnet({ ...base, cidr: '10.31.0.0/24', allocation_pools: [{ start: '10.31.0.50', end: '10.31.0.40' }] });
    expectError(reversed, 400, 'InvalidAllocationPool');
    const overlapping = await postSubnet({
      ...base, cidr: '10.31.0.0/24',
      allocation_pools: [{ start: '10.31.0.10', end: '10.31.0.50' }, { start: '10.31.0.40', end: '10.31.0.60' }],
    });
    expectError(overlapping, 409, 'OverlappingAllocationPools');
    const gateway = await postSubnet({ ...base, cidr: '10.31.0.0/24', allocation_pools: [{ start: '10.31.0.1', end: '10.31.0.60' }] });
    expectError(gateway, 409, 'GatewayConflictWithAllocationPools');
    const badKeys = await postSubnet({ ...base, cidr: '10.31.0.0/24', allocation_pools: [{ start: '10.31.0.10' }] });
    assert.equal(badKeys.status, 400);
    // Nothing was left behind by the refused requests.
    const listed = (await api.get(`/v2.0/subnets?network_id=${net.id}`, MEMBER_A)).body.subnets;
    assert.deepEqual(listed.map((s: any) => s.id), [ok.id]);
  });

  test('overlapping CIDR on the same network → 400; the same CIDR on another network is fine', async () => {
    const net = await api.network({}, MEMBER_A);
    await api.subnet(net.id, '10.40.0.0/16', {}, MEMBER_A);
    const inner = await postSubnet({ network_id: net.id, cidr: '10.40.5.0/24', ip_version: 4 });
    expectError(inner, 400, 'InvalidInput');
    const outer = await postSubnet({ network_id: net.id, cidr: '10.0.0.0/8', ip_version: 4 });
    expectError(outer, 400, 'InvalidInput');
    const other = await api.network({}, MEMBER_A);
    const same = await api.subnet(other.id, '10.40.0.0/16', {}, MEMBER_A);
    assert.equal(same.cidr, '10.40.0.0/16');
  });

  test('ip_version must match the CIDR, the gateway, the nameservers and the routes', async () => {
    const net = await api.network({}, MEMBER_A);
    expectError(await postSubnet({ network_id: net.id, cidr: '10.41.0.0/24', ip_version: 6 }), 400, 'InvalidInput');
    expectError(await postSubnet({ network_id: net.id, cidr: 'fd41::/64', ip_version: 4 }), 400, 'InvalidInput');
    assert.equal((await postSubnet({ network_id: net.id, cidr: '10.41.0.0/24', ip_version: 4, gateway_ip: 'fd41::1' })).status, 400);
    assert.equal((await postSubnet({ network_id: net.id, cidr: '10.41.0.0/24', ip_version: 4, dns_nameservers: ['fd41::53'] })).status, 400);
    assert.equal((await postSubnet({
      network_id: net.id, cidr: '10.41.0.0/24', ip_version: 4, host_routes: [{ destination: 'fd42::/64', nexthop: 'fd41::1' }],
    })).status, 400);
    assert.equal((await postSubnet({ network_id: net.id, cidr: '10.41.0.0/24', ip_version: 5 })).status, 400);
    assert.equal((await api.get(`/v2.0/subnets?network_id=${net.id}`, MEMBER_A)).body.subnets.length, 0);
  });

  test('cidr 10.0.0.0/33 → 400 InvalidInput with Neutron\'s exact message', async () => {
    const net = await api.network({}, MEMBER_A);
    const response = await postSubnet({ network_id: net.id, ip_version: 4, cidr: '10.0.0.0/33' });
    expectError(response, 400, 'InvalidInput', 'Invalid input for operation: 10.0.0.0/33 is not in a CIDR format.');
    expectError(await postSubnet({ network_id: net.id, ip_version: 4, cidr: '0.0.0.0/0' }), 400, 'InvalidInput');
    assert.equal((await postSubnet({ network_id: net.id, ip_version: 4 })).status, 400, 'neither cidr nor pool');
  });

  test('IPv6 modes: equal pairs and single modes accepted, mismatch / non-/64 SLAAC / IPv4 / no DHCP refused', async () => {
    const valid: Array<[string | null, string | null, string]> = [
      ['slaac', 'slaac', '/64'], ['dhcpv6-stateful', 'dhcpv6-stateful', '/64'], ['dhcpv6-stateless', 'dhcpv6-stateless', '/64'],
      [null, 'slaac', '/64'], ['slaac', null, '/64'], ['dhcpv6-stateful', 'dhcpv6-stateful', '/80'], [null, 'dhcpv6-stateful', '/120'],
    ];
    let i = 0;
    for (const [ra, address, prefix] of valid) {
      const net = await api.network({}, MEMBER_A);
      const attrs: Record<string, unknown> = {};
      if (ra !== null) attrs.ipv6_ra_mode = ra;
      if (address !== null) attrs.ipv6_address_mode = address;
      const subnet = await api.subnet(net.id, `fd50:${(i++).toString(16)}::${prefix}`, attrs, MEMBER_A);
      assert.equal(subnet.ipv6_ra_mode, ra);
      assert.equal(subnet.ipv6_address_mode, address);
    }
    const net = await api.network({}, MEMBER_A);
    const base = { network_id: net.id, ip_version: 6 };
    expectError(await postSubnet({ ...base, cidr: 'fd51::/64', ipv6_ra_mode: 'slaac', ipv6_address_mode: 'dhcpv6-stateful' }), 400, 'InvalidInput');
    expectError(await postSubnet({ ...base, cidr: 'fd51::/64', ipv6_ra_mode: 'dhcpv6-stateless', ipv6_address_mode: 'slaac' }), 400, 'InvalidInput');
    expectError(await postSubnet({ ...base, cidr: 'fd51::/80', ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' }), 400, 'InvalidInput');
    expectError(await postSubnet({ ...base, cidr: 'fd51::/56', ipv6_address_mode: 'dhcpv6-stateless' }), 400, 'InvalidInput');
    expectError(await postSubnet({ ...base, cidr: 'fd51::/64', ipv6_address_mode: 'slaac', enable_dhcp: false }), 400, 'InvalidInput');
    expectError(await postSubnet({ network_id: net.id, ip_version: 4, cidr: '10.51.0.0/24', ipv6_ra_mode: 'slaac' }), 400, 'InvalidInput');
    expectError(await postSubnet({ network_id: net.id, ip_version: 4, cidr: '10.51.0.0/24', ipv6_address_mode: 'dhcpv6-stateful' }), 400, 'InvalidInput');
    assert.equal((await postSubnet({ ...base, cidr: 'fd51::/64', ipv6_address_mode: 'bogus' })).status, 400);
    const immutable = await api.subnet(net.id, 'fd52::/64', { ipv6_address_mode: 'slaac' }, MEMBER_A);
    assert.equal((await api.put(`/v2.0/subnets/${immutable.id}`, { subnet: { ipv6_address_mode: 'dhcpv6-stateful' } }, MEMBER_A)).status, 400);
  });

  test('dns_nameservers: order kept, at most 5 (DNSNameServersExhausted), no duplicates, update replaces', async () => {
    const net = await api.network({}, MEMBER_A);
    const five = ['10.60.0.5', '10.60.0.3', '10.60.0.4', '10.60.0.1', '10.60.0.2'];
    const subnet = await api.subnet(net.id, '10.60.0.0/24', { dns_nameservers: five }, MEMBER_A);
    assert.deepEqual(subnet.dns_nameservers, five);
    const six = await postSubnet({ network_id: net.id, ip_version: 4, cidr: '10.61.0.0/24', dns_nameservers: [...five, '10.60.0.6'] });
    expectError(six, 400, 'DNSNameServersExhausted');
    const dup = await postSubnet({ network_id: net.id, ip_version: 4, cidr: '10.61.0.0/24', dns_nameservers: ['8.8.8.8', '8.8.8.8'] });
    assert.equal(dup.status, 400);
    const sixOnUpdate = await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { dns_nameservers: [...five, '10.60.0.6'] } }, MEMBER_A);
    expectError(sixOnUpdate, 400, 'DNSNameServersExhausted');
    const updated = await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { dns_nameservers: ['1.1.1.1'] } }, MEMBER_A);
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body.subnet.dns_nameservers, ['1.1.1.1']);
    const cleared = await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { dns_nameservers: null } }, MEMBER_A);
    assert.deepEqual(cleared.body.subnet.dns_nameservers, []);
  });

  test('host_routes: stored and shown, validated, replaced on update', async () => {
    const net = await api.network({}, MEMBER_A);
    const routes = [{ destination: '192.168.0.0/16', nexthop: '10.62.0.254' }, { destination: '0.0.0.0/0', nexthop: '10.62.0.1' }];
    const subnet = await api.subnet(net.id, '10.62.0.0/24', { host_routes: routes }, MEMBER_A);
    assert.deepEqual(subnet.host_routes, routes);
    const shown = (await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).body.subnet;
    assert.deepEqual(shown.host_routes, routes);
    const badNexthop = await postSubnet({ network_id: net.id, ip_version: 4, cidr: '10.63.0.0/24', host_routes: [{ destination: '1.0.0.0/8', nexthop: 'nope' }] });
    assert.equal(badNexthop.status, 400);
    const missingKey = await postSubnet({ network_id: net.id, ip_version: 4, cidr: '10.63.0.0/24', host_routes: [{ destination: '1.0.0.0/8' }] });
    assert.equal(missingKey.status, 400);
    const tooMany = Array.from({ length: 21 }, (_, i) => ({ destination: `172.16.${i}.0/24`, nexthop: '10.62.0.254' }));
    expectError(await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { host_routes: tooMany } }, MEMBER_A), 400, 'HostRoutesExhausted');
    const replaced = await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { host_routes: [routes[0]] } }, MEMBER_A);
    assert.deepEqual(replaced.body.subnet.host_routes, [routes[0]]);
  });

  test('a subnet on another project\'s private network → 404 NetworkNotFound', async () => {
    const net = await api.network({}, MEMBER_A);
    const response = await postSubnet({ network_id: net.id, cidr: '10.70.0.0/24', ip_version: 4 }, MEMBER_B);
    expectError(response, 404, 'NetworkNotFound', `Network ${net.id} could not be found.`);
    const missing = await postSubnet({ network_id: '00000000-0000-0000-0000-000000000000', cidr: '10.70.0.0/24', ip_version: 4 });
    expectError(missing, 404, 'NetworkNotFound');
    const subnet = await api.subnet(net.id, '10.70.0.0/24', {}, MEMBER_A);
    expectError(await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_B), 404, 'SubnetNotFound');
    expectError(await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_B), 404, 'SubnetNotFound');
    assert.ok(!(await api.get('/v2.0/subnets', MEMBER_B)).body.subnets.some((s: any) => s.id === subnet.id));
  });

  test('delete with a port holding an address → 409 SubnetInUse (Neutron\'s message); after the port is gone → 204', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.71.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, {}, MEMBER_A);
    const refused = await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_A);
    expectError(refused, 409, 'SubnetInUse',
      `Unable to complete operation on subnet ${subnet.id}: One or more ports have an IP allocation from this subnet.`);
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).status, 204);
    expectError(await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_A), 404, 'SubnetNotFound');
    const network = (await api.get(`/v2.0/networks/${net.id}`, MEMBER_A)).body.network;
    assert.deepEqual(network.subnets, []);
  });

  test('PUT allocation_pools: new ports take addresses from the new pool only, until it is exhausted', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.72.0.0/24', {}, MEMBER_A);
    const before = await api.port(net.id, {}, MEMBER_A);
    const updated = await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { allocation_pools: [{ start: '10.72.0.200', end: '10.72.0.201' }] } }, MEMBER_A);
    assert.equal(updated.status, 200);
    assert.deepEqual(updated.body.subnet.allocation_pools, [{ start: '10.72.0.200', end: '10.72.0.201' }]);
    const seen = new Set<string>();
    for (let i = 0; i < 2; i++) {
      const port = await api.port(net.id, {}, MEMBER_A);
      assert.equal(port.fixed_ips.length, 1);
      seen.add(port.fixed_ips[0].ip_address);
    }
    assert.deepEqual([...seen].sort(), ['10.72.0.200', '10.72.0.201']);
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id } }, MEMBER_A), 409, 'IpAddressGenerationFailure');
    // The port allocated before the change keeps its (now out-of-pool) address.
    const kept = (await api.get(`/v2.0/ports/${before.id}`, MEMBER_A)).body.port;
    assert.deepEqual(kept.fixed_ips, before.fixed_ips);
    // Pools are still validated on update.
    expectError(await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { allocation_pools: [{ start: '10.72.0.1', end: '10.72.0.9' }] } }, MEMBER_A),
      409, 'GatewayConflictWithAllocationPools');
    expectError(await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { allocation_pools: [{ start: '10.72.1.1', end: '10.72.1.9' }] } }, MEMBER_A),
      400, 'OutOfBoundsAllocationPool');
    expectError(await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { gateway_ip: '10.72.0.200' } }, MEMBER_A),
      409, 'GatewayConflictWithAllocationPools');
  });

  test('gateway_ip update outside the pools is accepted, and null removes it', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.73.0.0/24', { allocation_pools: [{ start: '10.73.0.10', end: '10.73.0.20' }] }, MEMBER_A);
    const moved = await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { gateway_ip: '10.73.0.254' } }, MEMBER_A);
    assert.equal(moved.status, 200);
    assert.equal(moved.body.subnet.gateway_ip, '10.73.0.254');
    assert.equal(moved.body.subnet.revision_number, subnet.revision_number + 1);
    const none = await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { gateway_ip: null } }, MEMBER_A);
    assert.equal(none.body.subnet.gateway_ip, null);
    assert.equal((await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { cidr: '10.74.0.0/24' } }, MEMBER_A)).status, 400, 'cidr is read-only');
  });

  test('network-ip-availabilities: totals and used counts per subnet and network (admin only)', async () => {
    const net = await api.network({ name: 'avail-net' }, MEMBER_A);
    const v4 = await api.subnet(net.id, '10.75.0.0/24', { name: 'v4' }, MEMBER_A);
    const small = await api.subnet(net.id, '10.76.0.0/28', { name: 'small', allocation_pools: [{ start: '10.76.0.2', end: '10.76.0.5' }] }, MEMBER_A);
    await api.port(net.id, { fixed_ips: [{ subnet_id: v4.id }] }, MEMBER_A);
    await api.port(net.id, { fixed_ips: [{ subnet_id: v4.id }, { subnet_id: small.id }] }, MEMBER_A);
    // get_network_ip_availability is admin/service only: to others the network's availability does not exist.
    const member = await api.get(`/v2.0/network-ip-availabilities/${net.id}`, MEMBER_A);
    assert.equal(member.status, 404);
    assert.deepEqual((await api.get('/v2.0/network-ip-availabilities', MEMBER_A)).body.network_ip_availabilities, []);
    const response = await api.get(`/v2.0/network-ip-availabilities/${net.id}`, ADMIN);
    assert.equal(response.status, 200);
    const availability = response.body.network_ip_availability;
    assert.equal(availability.network_id, net.id);
    assert.equal(availability.network_name, 'avail-net');
    assert.equal(availability.project_id, 'project-a');
    assert.equal(availability.tenant_id, 'project-a');
    const bySubnet = new Map(availability.subnet_ip_availability.map((s: any) => [s.subnet_id, s]));
    const v4Avail = bySubnet.get(v4.id) as any;
    assert.equal(v4Avail.total_ips, 253);
    assert.equal(v4Avail.used_ips, 2);
    assert.equal(v4Avail.cidr, '10.75.0.0/24');
    assert.equal(v4Avail.ip_version, 4);
    assert.equal(v4Avail.subnet_name, 'v4');
    const smallAvail = bySubnet.get(small.id) as any;
    assert.equal(smallAvail.total_ips, 4);
    assert.equal(smallAvail.used_ips, 1);
    assert.equal(availability.total_ips, 257);
    assert.equal(availability.used_ips, 3);
    const listed = await api.get(`/v2.0/network-ip-availabilities?network_id=${net.id}&ip_version=4`, ADMIN);
    assert.equal(listed.body.network_ip_availabilities.length, 1);
    const v6net = await api.network({}, MEMBER_A);
    await api.subnet(v6net.id, 'fd75::/120', {}, MEMBER_A);
    const v6 = (await api.get(`/v2.0/network-ip-availabilities/${v6net.id}`, ADMIN)).body.network_ip_availability;
    assert.equal(v6.total_ips, 255, 'IPv6 /120: every address but the subnet-router anycast one');
    // A /64 holds 2^64 - 2 poolable addresses: exact on the wire, not rounded to a double (Python clients compare exactly).
    const big = await api.network({}, MEMBER_A);
    await api.subnet(big.id, 'fd76::/64', { gateway_ip: 'fd76::1' }, MEMBER_A);
    const exact = await api.get(`/v2.0/network-ip-availabilities/${big.id}`, ADMIN);
    assert.equal(exact.headers['content-type'], 'application/json; charset=utf-8');
    assert.equal((exact.text.match(/"total_ips":18446744073709551614\b/g) ?? []).length, 2, exact.text);
    assert.match((await api.get(`/v2.0/network-ip-availabilities?network_id=${big.id}`, ADMIN)).text, /"total_ips":18446744073709551614\b/);
    expectError(await api.get('/v2.0/network-ip-availabilities/00000000-0000-0000-0000-000000000000', ADMIN), 404, 'NetworkNotFound');
  });

  test('a SLAAC subnet added to a network gives existing ports their EUI-64 address; deleting it takes them back', async () => {
    const net = await api.network({}, MEMBER_A);
    await api.subnet(net.id, '10.80.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, { mac_address: 'fa:16:3e:11:22:33' }, MEMBER_A);
    assert.equal(port.fixed_ips.length, 1);
    const slaac = await api.subnet(net.id, 'fd80::/64', { ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' }, MEMBER_A);
    const shown = (await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port;
    assert.deepEqual(shown.fixed_ips.map((f: any) => f.ip_address), [port.fixed_ips[0].ip_address, 'fd80::f816:3eff:fe11:2233']);
    assert.equal(shown.fixed_ips[1].subnet_id, slaac.id);
    assert.ok(shown.revision_number > port.revision_number, 'the port revision is bumped');
    // SLAAC addresses do not make the subnet "in use" (Neutron removes them with the subnet).
    assert.equal((await api.delete(`/v2.0/subnets/${slaac.id}`, MEMBER_A)).status, 204);
    const after = (await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port;
    assert.deepEqual(after.fixed_ips, port.fixed_ips);
    // A stateful DHCPv6 subnet is not auto-address: existing ports get nothing, and its addresses do block the delete.
    const stateful = await api.subnet(net.id, 'fd81::/64', { ipv6_ra_mode: 'dhcpv6-stateful', ipv6_address_mode: 'dhcpv6-stateful' }, MEMBER_A);
    assert.deepEqual((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).body.port.fixed_ips, port.fixed_ips);
    await api.port(net.id, { fixed_ips: [{ subnet_id: stateful.id }] }, MEMBER_A);
    expectError(await api.delete(`/v2.0/subnets/${stateful.id}`, MEMBER_A), 409, 'SubnetInUse');
  });

  test('enable_dhcp cannot be turned off while IPv6 modes are set', async () => {
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, 'fd82::/64', { ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' }, MEMBER_A);
    expectError(await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { enable_dhcp: false } }, MEMBER_A), 400, 'InvalidInput');
    assert.equal((await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_A)).body.subnet.enable_dhcp, true);
    const plain = await api.subnet(net.id, '10.82.0.0/24', {}, MEMBER_A);
    const off = await api.put(`/v2.0/subnets/${plain.id}`, { subnet: { enable_dhcp: false } }, MEMBER_A);
    assert.equal(off.status, 200);
    assert.equal(off.body.subnet.enable_dhcp, false);
  });

  test('only the network owner (or admin) adds subnets to a shared network', async () => {
    const shared = await api.network({ shared: true }, ADMIN);
    expectError(await postSubnet({ network_id: shared.id, cidr: '10.83.0.0/24', ip_version: 4 }, MEMBER_B), 403, 'PolicyNotAuthorized');
    const subnet = await api.subnet(shared.id, '10.83.0.0/24', {}, ADMIN);
    assert.equal((await api.get(`/v2.0/subnets/${subnet.id}`, MEMBER_B)).status, 200, 'subnets of shared networks are visible');
    assert.equal((await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { name: 'x' } }, MEMBER_B)).status, 403);
  });

  test('?shared= filters subnets by their network being shared (here: with everyone; external is not shared); the attribute stays hidden', async () => {
    const shared = await api.network({ shared: true }, ADMIN);
    const onShared = await api.subnet(shared.id, '10.84.0.0/24', {}, ADMIN);
    const external = await api.network({ 'router:external': true }, ADMIN);
    const onExternal = await api.subnet(external.id, '10.85.0.0/24', {}, ADMIN);
    const own = await api.subnet((await api.network({}, MEMBER_B)).id, '10.86.0.0/24', {}, MEMBER_B);
    const ids = async (query: string, as = MEMBER_B) => (await api.get(`/v2.0/subnets?${query}`, as)).body.subnets.map((x: any) => x.id);
    for (const as of [MEMBER_B, ADMIN]) {
      const sharedOnes = await ids('shared=true', as);
      assert.ok(sharedOnes.includes(onShared.id) && !sharedOnes.includes(own.id) && !sharedOnes.includes(onExternal.id));
      const private_ = await ids('shared=False', as);
      assert.ok(private_.includes(own.id) && !private_.includes(onShared.id));
      const either = await ids('shared=true&shared=false', as);
      assert.ok(either.includes(own.id) && either.includes(onShared.id));
      assert.deepEqual(either.sort(), (await ids('', as)).sort(), 'shared=true&shared=false is every subnet the caller sees');
    }
    assert.equal('shared' in (await api.get(`/v2.0/subnets/${onShared.id}`, MEMBER_B)).body.subnet, false);
    expectError(await api.get('/v2.0/subnets?shared=maybe', MEMBER_B), 400, 'InvalidInput');
  });

  test('bulk create of subnets is atomic', async () => {
    const net = await api.network({}, MEMBER_A);
    const bad = await api.post('/v2.0/subnets', { subnets: [
      { network_id: net.id, cidr: '10.77.0.0/24', ip_version: 4 },
      { network_id: net.id, cidr: '10.77.0.0/25', ip_version: 4 },
    ] }, MEMBER_A);
    expectError(bad, 400, 'InvalidInput');
    assert.equal((await api.get(`/v2.0/subnets?network_id=${net.id}`, MEMBER_A)).body.subnets.length, 0);
    const good = await api.post('/v2.0/subnets', { subnets: [
      { network_id: net.id, cidr: '10.77.0.0/24', ip_version: 4 },
      { network_id: net.id, cidr: '10.78.0.0/24', ip_version: 4 },
    ] }, MEMBER_A);
    assert.equal(good.status, 201);
    assert.deepEqual(good.body.subnets.map((s: any) => s.cidr), ['10.77.0.0/24', '10.78.0.0/24']);
  });
});
