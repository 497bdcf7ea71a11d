import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const READER_A: As = { project: 'project-a', roles: 'reader' };
const MANAGER_A: As = { project: 'project-a', roles: 'manager' };

forEachApi('floating IPs', ({ api }) => {
  let external: { id: string };
  let externalSubnet: { id: string };
  /** project-a's network behind a router with its gateway on `external`. */
  let inside: { network: any; subnet: any; router: any };
  before(async () => {
    external = await api.network({ name: 'public', 'router:external': true }, ADMIN);
    externalSubnet = await api.subnet(external.id, '198.51.100.0/24', {}, ADMIN);
    const network = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(network.id, '10.0.0.0/24', {}, MEMBER_A);
    const router = await api.create('routers', 'router', { name: 'edge', external_gateway_info: { network_id: external.id } }, MEMBER_A);
    assert.equal((await api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id }, MEMBER_A)).status, 200);
    inside = { network, subnet, router };
  });

  const fip = (attributes: Record<string, unknown> = {}, as: As = MEMBER_A) => api.post('/v2.0/floatingips', { floatingip: { floating_network_id: external.id, ...attributes } }, as);

  test('allocate: an address of the external network held by a network:floatingip port; DOWN and unassociated', async () => {
    const created = await fip({ description: 'web' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const f = created.body.floatingip;
    assert.deepEqual(Object.keys(f).sort(), ['created_at', 'description', 'dns_domain', 'dns_name', 'fixed_ip_address', 'floating_ip_address',
      'floating_network_id', 'id', 'port_details', 'port_forwardings', 'port_id', 'project_id', 'qos_network_policy_id', 'qos_policy_id', 'revision_number', 'router_id', 'status', 'tags', 'tenant_id', 'updated_at']);
    assert.equal(f.status, 'DOWN');
    assert.equal(f.port_id, null);
    assert.equal(f.router_id, null);
    assert.equal(f.port_details, null);
    assert.match(f.floating_ip_address, /^198\.51\.100\./);
    const ports = (await api.get(`/v2.0/ports?device_id=${f.id}`, ADMIN)).body.ports;
    assert.deepEqual(ports.map((p: any) => [p.device_owner, p.project_id, p.status, p.fixed_ips[0].ip_address]), [['network:floatingip', '', 'N/A', f.floating_ip_address]]);
    expectError(await api.delete(`/v2.0/ports/${ports[0].id}`, ADMIN), 409, 'ServicePortInUse');
    assert.equal((await api.delete(`/v2.0/floatingips/${f.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.get(`/v2.0/ports/${ports[0].id}`, ADMIN)).status, 404, 'its port goes with it');
  });

  test('from a given subnet of another external network whose subnets the caller cannot read (floating IP pools)', async () => {
    const second = await api.network({ name: 'public-2', 'router:external': true }, ADMIN);
    const first = await api.subnet(second.id, '203.0.113.0/26', {}, ADMIN);
    const other = await api.subnet(second.id, '203.0.113.64/26', {}, ADMIN);
    assert.equal((await api.get(`/v2.0/subnets/${other.id}`, MEMBER_A)).status, 404, 'an external network is not shared: its subnets stay hidden');
    // Neutron's path is /floatingip-pools (the extension translates the name); /floatingip_pools answers the same.
    const pools = (await api.get('/v2.0/floatingip-pools', MEMBER_A)).body.floatingip_pools.filter((p: any) => p.network_id === second.id);
    assert.deepEqual(pools.map((p: any) => p.subnet_id).sort(), [first.id, other.id].sort());
    assert.deepEqual((await api.get('/v2.0/floatingip_pools', MEMBER_A)).body.floatingip_pools.filter((p: any) => p.network_id === second.id), pools);
    for (const subnet of [first, other]) {
      const created = await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: second.id, subnet_id: subnet.id } }, MEMBER_A);
      assert.equal(created.status, 201, JSON.stringify(created.body));
      const prefix = subnet.id === first.id ? /^203\.0\.113\.([0-9]|[1-5][0-9]|6[0-3])$/ : /^203\.0\.113\.(6[4-9]|[7-9][0-9]|1[01][0-9]|12[0-7])$/;
      assert.match(created.body.floatingip.floating_ip_address, prefix);
      assert.equal((await api.delete(`/v2.0/floatingips/${created.body.floatingip.id}`, MEMBER_A)).status, 204);
    }
    // A subnet of another network is still refused.
    expectError(await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: second.id, subnet_id: externalSubnet.id } }, MEMBER_A), 400, 'InvalidInput');
    assert.equal((await api.delete(`/v2.0/networks/${second.id}`, ADMIN)).status, 204);
  });

  test('an external network holding only unassociated floating IPs can be deleted: they and their ports go with it', async () => {
    const doomed = await api.network({ 'router:external': true }, ADMIN);
    await api.subnet(doomed.id, '203.0.113.0/28', { enable_dhcp: false }, ADMIN);
    const held = (await api.post('/v2.0/floatingips', { floatingip: { floating_network_id: doomed.id } }, ADMIN)).body.floatingip;
    assert.equal((await api.delete(`/v2.0/networks/${doomed.id}`, ADMIN)).status, 204);
    assert.equal((await api.get(`/v2.0/floatingips/${held.id}`, ADMIN)).status, 404);
    assert.deepEqual((await api.get(`/v2.0/ports?device_id=${held.id}`, ADMIN)).body.ports, []);
  });

  test('allocate: external networks only, IPv4 needed; the address is the manager\'s to choose', async () => {
    expectError(await fip({ floating_network_id: inside.network.id }), 400, 'BadRequest',
      `Bad floatingip request: Network ${inside.network.id} is not a valid external network.`);
    const v6only = await api.network({ 'router:external': true }, ADMIN);
    await api.subnet(v6only.id, 'fd00:99::/64', {}, ADMIN);
    expectError(await fip({ floating_network_id: v6only.id }), 400, 'BadRequest', `Bad floatingip request: Network ${v6only.id} does not contain any IPv4 subnet.`);
    expectError(await fip({ floating_network_id: '00000000-0000-0000-0000-000000000000' }), 404, 'NetworkNotFound');
    const hidden = await api.network({}, MEMBER_B);
    expectError(await fip({ floating_network_id: hidden.id }), 404, 'NetworkNotFound');
    expectError(await fip({ floating_ip_address: '198.51.100.50' }), 403, 'PolicyNotAuthorized', /create_floatingip:floating_ip_address/);
    const chosen = await fip({ floating_ip_address: '198.51.100.50' }, MANAGER_A);
    assert.equal(chosen.status, 201, JSON.stringify(chosen.body));
    assert.equal(chosen.body.floatingip.floating_ip_address, '198.51.100.50');
    expectError(await fip({ floating_ip_address: '198.51.100.50' }, ADMIN), 409, 'IpAddressAlreadyAllocated');
    const bySubnet = await fip({ subnet_id: externalSubnet.id });
    assert.equal(bySubnet.status, 201);
    assert.equal('subnet_id' in bySubnet.body.floatingip, false, 'subnet_id is input only');
    expectError(await fip({ fixed_ip_address: '10.0.0.5' }), 400, 'BadRequest', 'Bad floatingip request: fixed_ip_address cannot be specified without a port_id.');
  });

  test('associate: the port\'s only IPv4, through the router; router_id, ACTIVE, port_details; disassociate with port_id null', async () => {
    const port = await api.port(inside.network.id, { name: 'vm', device_id: 'vm-1', device_owner: 'compute:nova' }, MEMBER_A);
    const created = (await fip({ port_id: port.id })).body.floatingip;
    assert.equal(created.port_id, port.id);
    assert.equal(created.fixed_ip_address, port.fixed_ips[0].ip_address);
    assert.equal(created.router_id, inside.router.id);
    assert.equal(created.status, 'ACTIVE');
    assert.deepEqual(created.port_details, {
      name: 'vm', network_id: inside.network.id, mac_address: port.mac_address, admin_state_up: true, status: 'DOWN', device_id: 'vm-1', device_owner: 'compute:nova',
    });
    assert.deepEqual((await api.get(`/v2.0/floatingips?port_id=${port.id}&fields=id`, READER_A)).body.floatingips, [{ id: created.id }]);
    assert.deepEqual((await api.get(`/v2.0/floatingips?router_id=${inside.router.id}&fields=id`, MEMBER_A)).body.floatingips.map((x: any) => x.id), [created.id]);

    const second = (await fip()).body.floatingip;
    expectError(await api.put(`/v2.0/floatingips/${second.id}`, { floatingip: { port_id: port.id } }, MEMBER_A), 409, 'FloatingIPPortAlreadyAssociated',
      `Cannot associate floating IP ${second.floating_ip_address} (${second.id}) with port ${port.id} using fixed IP ${port.fixed_ips[0].ip_address}, as that fixed IP already has a floating IP on external network ${external.id}.`);

    expectError(await api.put(`/v2.0/routers/${inside.router.id}/remove_router_interface`, { subnet_id: inside.subnet.id }, MEMBER_A), 409, 'RouterInterfaceInUseByFloatingIP',
      `Router interface for subnet ${inside.subnet.id} on router ${inside.router.id} cannot be deleted, as it is required by one or more floating IPs.`);
    expectError(await api.put(`/v2.0/routers/${inside.router.id}`, { router: { external_gateway_info: null } }, MEMBER_A), 409, 'RouterExternalGatewayInUseByFloatingIp',
      `Gateway cannot be updated for router ${inside.router.id}, since a gateway to external network ${external.id} is required by one or more floating IPs.`);
    expectError(await api.put(`/v2.0/ports/${port.id}`, { port: { fixed_ips: [{ subnet_id: inside.subnet.id }] } }, MEMBER_A), 400, 'BadRequest', /has been associated to a floating ip/);
    expectError(await api.delete(`/v2.0/networks/${external.id}`, ADMIN), 409, 'NetworkInUse');

    const off = await api.put(`/v2.0/floatingips/${created.id}`, { floatingip: { port_id: null } }, MEMBER_A);
    assert.equal(off.status, 200, JSON.stringify(off.body));
    assert.deepEqual([off.body.floatingip.port_id, off.body.floatingip.fixed_ip_address, off.body.floatingip.router_id, off.body.floatingip.status, off.body.floatingip.port_details],
      [null, null, null, 'DOWN', null]);
    assert.equal(off.body.floatingip.revision_number, 1);
    const moved = await api.put(`/v2.0/floatingips/${second.id}`, { floatingip: { port_id: port.id, description: 'now here' } }, MEMBER_A);
    assert.equal(moved.body.floatingip.port_id, port.id);
    assert.equal(moved.body.floatingip.description, 'now here');
    const described = await api.put(`/v2.0/floatingips/${second.id}`, { floatingip: { description: 'kept' } }, MEMBER_A);
    assert.equal(described.body.floatingip.port_id, port.id, 'an update without port_id keeps the association');
    expectError(await api.put(`/v2.0/floatingips/${second.id}`, { floatingip: { fixed_ip_address: port.fixed_ips[0].ip_address } }, MEMBER_A), 400, 'BadRequest');
    const blank = await api.put(`/v2.0/floatingips/${second.id}`, { floatingip: {} }, MEMBER_A);
    assert.equal(blank.body.floatingip.port_id, null, 'an empty update clears the association, as Neutron does');
  });

  test('association errors: unreachable network (404), several IPv4s, another project\'s port, DHCP ports, IPv6', async () => {
    const lonely = await api.network({}, MEMBER_A);
    const lonelySubnet = await api.subnet(lonely.id, '10.1.0.0/24', {}, MEMBER_A);
    const unreachable = await api.port(lonely.id, {}, MEMBER_A);
    expectError(await fip({ port_id: unreachable.id }), 404, 'ExternalGatewayForFloatingIPNotFound',
      `External network ${external.id} is not reachable from subnet ${lonelySubnet.id}.  Therefore, cannot associate Port ${unreachable.id} with a Floating IP.`);
    const kept = (await fip()).body.floatingip;
    expectError(await api.put(`/v2.0/floatingips/${kept.id}`, { floatingip: { port_id: unreachable.id } }, MEMBER_A), 404, 'ExternalGatewayForFloatingIPNotFound');
    assert.equal((await api.get(`/v2.0/floatingips/${kept.id}`, MEMBER_A)).body.floatingip.port_id, null, 'nothing half-written');

    await api.subnet(inside.network.id, '10.2.0.0/24', {}, MEMBER_A);
    const twoIps = await api.port(inside.network.id, { fixed_ips: [{ subnet_id: inside.subnet.id }, { ip_address: '10.2.0.20' }] }, MEMBER_A);
    expectError(await fip({ port_id: twoIps.id }), 400, 'BadRequest',
      `Bad floatingip request: Port ${twoIps.id} has multiple fixed IPv4 addresses.  Must provide a specific IPv4 address when assigning a floating IP.`);
    const chosen = await fip({ port_id: twoIps.id, fixed_ip_address: twoIps.fixed_ips[0].ip_address });
    assert.equal(chosen.status, 201, JSON.stringify(chosen.body));
    assert.equal(chosen.body.floatingip.fixed_ip_address, twoIps.fixed_ips[0].ip_address);
    expectError(await fip({ port_id: twoIps.id, fixed_ip_address: '10.0.0.250' }), 400, 'BadRequest', `Bad floatingip request: Port ${twoIps.id} does not have fixed ip 10.0.0.250.`);
    expectError(await fip({ port_id: twoIps.id, fixed_ip_address: '10.2.0.20' }), 404, 'ExternalGatewayForFloatingIPNotFound', /10\.2|not reachable/);

    const foreign = await api.port(inside.network.id, { project_id: 'project-b' }, ADMIN);
    expectError(await fip({ port_id: foreign.id }), 400, 'BadRequest', `Bad floatingip request: Cannot process floating IP association with Port ${foreign.id}, since that port is owned by a different project.`);
    const invisible = await api.port((await api.network({}, MEMBER_B)).id, {}, MEMBER_B);
    expectError(await fip({ port_id: invisible.id }), 404, 'PortNotFound');
    const dhcp = await api.port(inside.network.id, { device_owner: 'network:dhcp' }, ADMIN);
    expectError(await fip({ port_id: dhcp.id }, ADMIN), 400, 'BadRequest', `Bad floatingip request: Port ${dhcp.id} is unable to be assigned a floating IP.`);
  });

  test('deleting the port ends the association; the floating IP stays', async () => {
    const port = await api.port(inside.network.id, {}, MEMBER_A);
    const f = (await fip({ port_id: port.id })).body.floatingip;
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204);
    const after = (await api.get(`/v2.0/floatingips/${f.id}`, MEMBER_A)).body.floatingip;
    assert.deepEqual([after.port_id, after.fixed_ip_address, after.router_id, after.status], [null, null, null, 'DOWN']);
    assert.equal(after.revision_number, 1);
  });

  test('port forwardings: ports and ranges, FIP on the router, collisions, and the 409s around association and delete', async () => {
    const f = (await fip()).body.floatingip;
    const base = `/v2.0/floatingips/${f.id}/port_forwardings`;
    const port = await api.port(inside.network.id, {}, MEMBER_A);
    const ip = port.fixed_ips.find((x: any) => !x.ip_address.includes(':')).ip_address;
    const created = await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: port.id, internal_ip_address: ip, internal_port: 22, external_port: 2222, description: 'ssh' } }, MEMBER_A);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const pf = created.body.port_forwarding;
    assert.deepEqual(Object.keys(pf).sort(), ['description', 'external_port', 'external_port_range', 'id', 'internal_ip_address', 'internal_port',
      'internal_port_id', 'internal_port_range', 'protocol']);
    assert.deepEqual([pf.internal_port, pf.external_port, pf.internal_port_range, pf.external_port_range, pf.protocol], [22, 2222, '22:22', '2222:2222', 'tcp']);
    const withPf = (await api.get(`/v2.0/floatingips/${f.id}`, MEMBER_A)).body.floatingip;
    assert.equal(withPf.router_id, inside.router.id, 'the first forwarding puts the floating IP on the router');
    assert.equal(withPf.port_id, null);
    assert.deepEqual(withPf.port_forwardings, [{ id: pf.id, internal_ip_address: ip, protocol: 'tcp', internal_port: 22, external_port: 2222, internal_port_id: port.id }]);

    const ranged = await api.post(base, { port_forwarding: { protocol: 'udp', internal_port_id: port.id, internal_port_range: '1000:1009', external_port_range: '5000:5009' } }, MEMBER_A);
    assert.equal(ranged.status, 201, JSON.stringify(ranged.body));
    assert.deepEqual([ranged.body.port_forwarding.internal_port, ranged.body.port_forwarding.external_port_range, ranged.body.port_forwarding.internal_ip_address], [null, '5000:5009', ip]);
    expectError(await api.post(base, { port_forwarding: { protocol: 'udp', internal_port_id: port.id, internal_port_range: '1000:1009', external_port_range: '6000:6001' } }, MEMBER_A),
      400, 'BadRequest', /must be N-N or 1-N/);
    const other = await api.port(inside.network.id, {}, MEMBER_A);
    expectError(await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: other.id, internal_port: 80, external_port: 2222 } }, MEMBER_A),
      400, 'BadRequest', 'Bad port_forwarding request: There is a port collision with the external_port_range. The following ranges collide: 2222:2222 and 2222:2222.');
    expectError(await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: port.id, internal_ip_address: ip, internal_port: 22, external_port: 3333 } }, MEMBER_A),
      400, 'BadRequest', /collision with the internal_port_range/);
    expectError(await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: port.id, internal_port: 22, external_port: 70000 } }, MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: port.id, internal_ip_address: '10.0.0.250', internal_port: 1, external_port: 1 } }, MEMBER_A),
      400, 'BadRequest', /is not suitable for internal neutron port/);
    expectError(await api.post(base, { port_forwarding: { protocol: 'gre', internal_port_id: port.id, internal_port: 1, external_port: 1 } }, MEMBER_A), 400, 'HTTPBadRequest');
    const lonely = await api.network({}, MEMBER_A);
    await api.subnet(lonely.id, '10.5.0.0/24', {}, MEMBER_A);
    const unreachable = await api.port(lonely.id, {}, MEMBER_A);
    expectError(await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: unreachable.id, internal_port: 1, external_port: 1 } }, MEMBER_A),
      400, 'BadRequest', /is not reachable from subnet/);

    const bound = await api.port(inside.network.id, {}, MEMBER_A);
    await fip({ port_id: bound.id });
    expectError(await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: bound.id, internal_port: 1, external_port: 1 } }, MEMBER_A), 409, 'PortHasBindingFloatingIP');
    const associated = (await fip({ port_id: (await api.port(inside.network.id, {}, MEMBER_A)).id })).body.floatingip;
    expectError(await api.post(`/v2.0/floatingips/${associated.id}/port_forwardings`, { port_forwarding: { protocol: 'tcp', internal_port_id: other.id, internal_port: 1, external_port: 1 } }, MEMBER_A),
      409, 'FloatingIPPortAlreadyAssociated');
    expectError(await api.put(`/v2.0/floatingips/${f.id}`, { floatingip: { port_id: other.id } }, MEMBER_A), 409, 'FipInUseByPortForwarding',
      `Floating IP ${f.id} in use by Port Forwarding resources.`);
    expectError(await api.delete(`/v2.0/floatingips/${f.id}`, MEMBER_A), 409, 'FipInUseByPortForwarding');

    const listed = (await api.get(`${base}?protocol=tcp`, MEMBER_A)).body.port_forwardings;
    assert.deepEqual(listed.map((x: any) => x.id), [pf.id]);
    assert.deepEqual((await api.get(`${base}/${pf.id}`, READER_A)).body.port_forwarding, pf);
    expectError(await api.get(`${base}/${pf.id}`, MEMBER_B), 404, 'FloatingIPNotFound');
    expectError(await api.get(`/v2.0/floatingips/${associated.id}/port_forwardings/${pf.id}`, MEMBER_A), 404, 'PortForwardingNotFound', `Port Forwarding ${pf.id} could not be found.`);
    expectError(await api.put(`${base}/${pf.id}`, { port_forwarding: { internal_port: 2022 } }, READER_A), 403, 'PolicyNotAuthorized');
    const updated = await api.put(`${base}/${pf.id}`, { port_forwarding: { internal_port: 2022, description: 'moved' } }, MEMBER_A);
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.deepEqual([updated.body.port_forwarding.internal_port, updated.body.port_forwarding.internal_port_range, updated.body.port_forwarding.external_port, updated.body.port_forwarding.description],
      [2022, '2022:2022', 2222, 'moved']);
    assert.equal((await api.post(base, { port_forwarding: { protocol: 'tcp', internal_port_id: other.id, internal_port: 80, external_port: 8080 } }, MEMBER_A)).status, 201);
    expectError(await api.put(`${base}/${pf.id}`, { port_forwarding: { external_port: 8080 } }, MEMBER_A), 400, 'BadRequest', /collision with the external_port_range/);
    assert.equal((await api.delete(`/v2.0/ports/${other.id}`, MEMBER_A)).status, 204);

    assert.equal((await api.delete(`${base}/${ranged.body.port_forwarding.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204, 'the internal port goes, and its forwardings with it');
    const idle = (await api.get(`/v2.0/floatingips/${f.id}`, MEMBER_A)).body.floatingip;
    assert.deepEqual([idle.port_forwardings, idle.router_id], [[], null]);
    assert.equal((await api.delete(`/v2.0/floatingips/${f.id}`, MEMBER_A)).status, 204);
  });

  test('visibility, tags, quota, pools', async () => {
    const f = (await fip()).body.floatingip;
    assert.equal((await api.get(`/v2.0/floatingips/${f.id}`, READER_A)).status, 200);
    expectError(await api.get(`/v2.0/floatingips/${f.id}`, MEMBER_B), 404, 'FloatingIPNotFound', `Floating IP ${f.id} could not be found`);
    expectError(await api.put(`/v2.0/floatingips/${f.id}`, { floatingip: { description: 'x' } }, READER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.delete(`/v2.0/floatingips/${f.id}`, MEMBER_B), 404, 'FloatingIPNotFound');
    assert.ok(!(await api.get('/v2.0/floatingips', MEMBER_B)).body.floatingips.some((x: any) => x.id === f.id));
    assert.equal((await api.put(`/v2.0/floatingips/${f.id}/tags`, { tags: ['blue'] }, MEMBER_A)).status, 200);
    assert.deepEqual((await api.get('/v2.0/floatingips?tags=blue&fields=id', MEMBER_A)).body.floatingips, [{ id: f.id }]);

    assert.equal((await api.put('/v2.0/quotas/project-q', { quota: { floatingip: 1 } }, ADMIN)).status, 200);
    const q: As = { project: 'project-q', roles: 'member' };
    assert.equal((await fip({}, q)).status, 201);
    expectError(await fip({}, q), 409, 'OverQuota', "Quota exceeded for resources: ['floatingip'].");
    assert.deepEqual((await api.get('/v2.0/quotas/project-q/details', ADMIN)).body.quota.floatingip, { limit: 1, used: 1, reserved: 0 });

    const pools = (await api.get('/v2.0/floatingip_pools', MEMBER_B)).body.floatingip_pools;
    assert.deepEqual(pools, [{ subnet_id: externalSubnet.id, subnet_name: '', network_id: external.id, cidr: '198.51.100.0/24', project_id: 'project-b', tenant_id: 'project-b' }]);
  });
});
