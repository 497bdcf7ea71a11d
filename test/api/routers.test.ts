import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const READER_A: As = { project: 'project-a', roles: 'reader' };

forEachApi('routers', ({ api }) => {
  let external: { id: string };
  let externalSubnet: { id: string; cidr: string; gateway_ip: string };
  before(async () => {
    external = await api.network({ name: 'public', 'router:external': true }, ADMIN);
    externalSubnet = await api.subnet(external.id, '203.0.113.0/24', {}, ADMIN);
  });

  const router = (attributes: Record<string, unknown> = {}, as: As = MEMBER_A) => api.create('routers', 'router', { name: 'r', ...attributes }, as);
  const addInterface = (routerId: string, body: unknown, as: As = MEMBER_A) => api.put(`/v2.0/routers/${routerId}/add_router_interface`, body, as);
  const removeInterface = (routerId: string, body: unknown, as: As = MEMBER_A) => api.put(`/v2.0/routers/${routerId}/remove_router_interface`, body, as);
  const tenantSubnet = async (cidr: string, as: As = MEMBER_A, attributes: Record<string, unknown> = {}) => api.subnet((await api.network({}, as)).id, cidr, attributes, as);

  test('create: Neutron\'s attributes, ACTIVE, no gateway, no routes; distributed for admins only; no ha (no l3-ha, as ML2/OVN)', async () => {
    const created = await router({ name: 'sample-router' });
    assert.deepEqual(Object.keys(created).sort(), ['admin_state_up', 'availability_zone_hints', 'availability_zones', 'created_at', 'description',
      'external_gateway_info', 'id', 'name', 'project_id', 'revision_number', 'routes', 'status', 'tags', 'tenant_id', 'updated_at']);
    assert.equal(created.status, 'ACTIVE');
    assert.equal(created.external_gateway_info, null);
    assert.deepEqual(created.routes, []);
    assert.equal(created.revision_number, 0);
    const shown = (await api.get(`/v2.0/routers/${created.id}`, ADMIN)).body.router;
    assert.equal('ha' in shown, false);
    assert.equal(shown.distributed, false);
    expectError(await api.post('/v2.0/routers', { router: { name: 'x', distributed: true } }, MEMBER_A), 403, 'PolicyNotAuthorized',
      '(rule:create_router and rule:create_router:distributed) is disallowed by policy');
    expectError(await api.post('/v2.0/routers', { router: { name: 'x', ha: true } }, ADMIN), 400, 'HTTPBadRequest', "Unrecognized attribute(s) 'ha'");
    expectError(await api.put(`/v2.0/routers/${created.id}`, { router: { ha: false } }, ADMIN), 400, 'HTTPBadRequest', "Unrecognized attribute(s) 'ha'");
    const aliases = (await api.get('/v2.0/extensions', ADMIN)).body.extensions.map((x: any) => x.alias);
    assert.deepEqual([aliases.includes('l3-ha'), aliases.includes('dvr')], [false, true]);
    expectError(await api.post('/v2.0/routers', { router: { routes: [] } }, MEMBER_A), 400, 'HTTPBadRequest', "Attribute 'routes' not allowed in POST");
  });

  test('visibility: readers see, other projects get 404; update and delete need membership', async () => {
    const r = await router();
    assert.equal((await api.get(`/v2.0/routers/${r.id}`, READER_A)).status, 200);
    expectError(await api.get(`/v2.0/routers/${r.id}`, MEMBER_B), 404, 'RouterNotFound', `Router ${r.id} could not be found`);
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { name: 'x' } }, READER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.delete(`/v2.0/routers/${r.id}`, MEMBER_B), 404, 'RouterNotFound');
    assert.ok(!(await api.get('/v2.0/routers', MEMBER_B)).body.routers.some((x: any) => x.id === r.id));
    const updated = await api.put(`/v2.0/routers/${r.id}`, { router: { name: 'renamed', admin_state_up: false } }, MEMBER_A);
    assert.equal(updated.body.router.name, 'renamed');
    assert.equal(updated.body.router.admin_state_up, false);
    assert.equal(updated.body.router.revision_number, 1);
  });

  test('gateway: external network only, a network:router_gateway port without project; enable_snat and fixed IPs are the admin\'s', async () => {
    const r = await router({ external_gateway_info: { network_id: external.id } });
    const info = r.external_gateway_info;
    assert.equal(info.network_id, external.id);
    assert.equal(info.enable_snat, true);
    assert.equal(info.external_fixed_ips.length, 1);
    assert.equal(info.external_fixed_ips[0].subnet_id, externalSubnet.id);
    const ports = (await api.get(`/v2.0/ports?device_id=${r.id}&device_owner=network:router_gateway`, ADMIN)).body.ports;
    assert.equal(ports.length, 1);
    assert.equal(ports[0].project_id, '');
    assert.equal(ports[0].fixed_ips[0].ip_address, info.external_fixed_ips[0].ip_address);
    assert.equal((await api.get(`/v2.0/ports?device_id=${r.id}`, MEMBER_A)).body.ports.length, 0, 'the gateway port is not the project\'s');

    const internal = await api.network({}, MEMBER_A);
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { external_gateway_info: { network_id: internal.id } } }, MEMBER_A), 400, 'BadRequest',
      `Bad router request: Network ${internal.id} is not an external network.`);
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { external_gateway_info: { network_id: r.id } } }, MEMBER_A), 404, 'NetworkNotFound');
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { external_gateway_info: { network_id: external.id, enable_snat: false } } }, MEMBER_A),
      403, 'PolicyNotAuthorized', /update_router:external_gateway_info:enable_snat/);
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { external_gateway_info: { foo: 1 } } }, MEMBER_A), 400, 'HTTPBadRequest',
      /Validation of dictionary's keys failed/);
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { external_gateway_info: { network_id: external.id, external_fixed_ips: [{ ip_address: '203.0.113.1' }] } } }, ADMIN),
      400, 'BadRequest', 'Bad router request: External IP 203.0.113.1 is the same as the gateway IP.');

    const pinned = await api.put(`/v2.0/routers/${r.id}`, { router: { external_gateway_info: { network_id: external.id, enable_snat: false, external_fixed_ips: [{ ip_address: '203.0.113.77' }] } } }, ADMIN);
    assert.equal(pinned.status, 200, JSON.stringify(pinned.body));
    assert.equal(pinned.body.router.external_gateway_info.enable_snat, false);
    assert.deepEqual(pinned.body.router.external_gateway_info.external_fixed_ips, [{ subnet_id: externalSubnet.id, ip_address: '203.0.113.77' }]);
    assert.equal((await api.get(`/v2.0/ports?device_id=${r.id}`, ADMIN)).body.ports.length, 1, 'same port, new address');

    const cleared = await api.put(`/v2.0/routers/${r.id}`, { router: { external_gateway_info: {} } }, MEMBER_A);
    assert.equal(cleared.body.router.external_gateway_info, null);
    assert.equal((await api.get(`/v2.0/ports?device_id=${r.id}`, ADMIN)).body.ports.length, 0);

    const withPort = await router({ external_gateway_info: { network_id: external.id } });
    const gw = (await api.get(`/v2.0/ports?device_id=${withPort.id}`, ADMIN)).body.ports[0];
    expectError(await api.delete(`/v2.0/ports/${gw.id}`, ADMIN), 409, 'ServicePortInUse', `Port ${gw.id} cannot be deleted directly via the port API: has device owner network:router_gateway.`);
    expectError(await api.delete(`/v2.0/networks/${external.id}`, ADMIN), 409, 'NetworkInUse');
    expectError(await api.put(`/v2.0/networks/${external.id}`, { network: { 'router:external': false } }, ADMIN), 409, 'ExternalNetworkInUse');
    expectError(await api.delete(`/v2.0/subnets/${externalSubnet.id}`, ADMIN), 409, 'SubnetInUse');
    assert.equal((await api.delete(`/v2.0/routers/${withPort.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.get(`/v2.0/ports/${gw.id}`, ADMIN)).status, 404, 'the gateway port goes with its router');
  });

  test('add_router_interface by subnet: the gateway IP on a network:router_interface port of the router\'s project', async () => {
    const r = await router();
    const subnet = await tenantSubnet('10.10.0.0/24');
    const added = await addInterface(r.id, { subnet_id: subnet.id });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(Object.keys(added.body).sort(), ['id', 'network_id', 'port_id', 'project_id', 'subnet_id', 'subnet_ids', 'tenant_id']);
    assert.equal(added.body.id, r.id);
    assert.equal(added.body.subnet_id, subnet.id);
    assert.deepEqual(added.body.subnet_ids, [subnet.id]);
    const port = (await api.get(`/v2.0/ports/${added.body.port_id}`, MEMBER_A)).body.port;
    assert.equal(port.device_owner, 'network:router_interface');
    assert.equal(port.device_id, r.id);
    assert.equal(port.project_id, 'project-a');
    assert.deepEqual(port.fixed_ips, [{ subnet_id: subnet.id, ip_address: '10.10.0.1' }]);
    assert.equal(port.status, 'ACTIVE', 'router ports are up as soon as the router has them (ML2/OVN)');
    expectError(await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { gateway_ip: '10.10.0.2' } }, MEMBER_A), 409, 'GatewayIpInUse',
      `Current gateway ip 10.10.0.1 already in use by port ${added.body.port_id}. Unable to update.`);
    expectError(await api.put(`/v2.0/subnets/${subnet.id}`, { subnet: { gateway_ip: null } }, MEMBER_A), 409, 'GatewayIpInUse');
    assert.equal((await api.get(`/v2.0/routers/${r.id}`, MEMBER_A)).body.router.revision_number, 1);

    expectError(await addInterface(r.id, { subnet_id: subnet.id }), 400, 'BadRequest', `Bad router request: Router already has a port on subnet ${subnet.id}.`);
    const overlapping = await tenantSubnet('10.10.0.0/16');
    expectError(await addInterface(r.id, { subnet_id: overlapping.id }), 400, 'BadRequest',
      `Bad router request: Cidr 10.10.0.0/16 of subnet ${overlapping.id} overlaps with cidr 10.10.0.0/24 of subnet ${subnet.id}.`);
    const noGateway = await tenantSubnet('10.11.0.0/24', MEMBER_A, { gateway_ip: null });
    expectError(await addInterface(r.id, { subnet_id: noGateway.id }), 400, 'BadRequest', 'Bad router request: Subnet for router interface must have a gateway IP.');
    expectError(await addInterface(r.id, {}), 400, 'BadRequest', 'Bad router request: Either subnet_id or port_id must be specified.');
    expectError(await addInterface(r.id, { subnet_id: subnet.id, port_id: added.body.port_id }), 400, 'BadRequest', 'Bad router request: Cannot specify both subnet-id and port-id.');
    expectError(await addInterface(r.id, { subnet_id: 'nope' }), 400, 'BadRequest', "Bad router request: 'nope' is not a valid UUID.");
    expectError(await addInterface(r.id, { subnet_id: '00000000-0000-0000-0000-000000000000' }), 404, 'SubnetNotFound');
    const foreign = await tenantSubnet('10.12.0.0/24', MEMBER_B);
    expectError(await addInterface(r.id, { subnet_id: foreign.id }), 404, 'SubnetNotFound');
    expectError(await addInterface(r.id, { subnet_id: foreign.id }, MEMBER_B), 404, 'RouterNotFound');
    expectError(await addInterface(r.id, { subnet_id: subnet.id }, READER_A), 403, 'PolicyNotAuthorized', 'rule:add_router_interface is disallowed by policy');

    expectError(await api.delete(`/v2.0/routers/${r.id}`, MEMBER_A), 409, 'RouterInUse', `Router ${r.id} has ports still attached: ${added.body.port_id}`);
    expectError(await api.delete(`/v2.0/ports/${added.body.port_id}`, MEMBER_A), 409, 'ServicePortInUse');
    expectError(await api.delete(`/v2.0/subnets/${subnet.id}`, MEMBER_A), 409, 'SubnetInUse');
    expectError(await api.delete(`/v2.0/networks/${subnet.network_id}`, MEMBER_A), 409, 'NetworkInUse');

    const removed = await removeInterface(r.id, { subnet_id: subnet.id });
    assert.equal(removed.status, 200, JSON.stringify(removed.body));
    assert.equal(removed.body.port_id, added.body.port_id);
    assert.equal((await api.get(`/v2.0/ports/${added.body.port_id}`, MEMBER_A)).status, 404);
    expectError(await removeInterface(r.id, { subnet_id: subnet.id }), 404, 'RouterInterfaceNotFoundForSubnet', `Router ${r.id} has no interface on subnet ${subnet.id}`);
    assert.equal((await api.delete(`/v2.0/routers/${r.id}`, MEMBER_A)).status, 204);
  });

  test('add_router_interface by port: the port becomes the router\'s; the device filter finds it; removing deletes it', async () => {
    const r = await router();
    const subnet = await tenantSubnet('10.20.0.0/24');
    const port = await api.port(subnet.network_id, {}, MEMBER_A);
    const added = await addInterface(r.id, { port_id: port.id });
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(added.body.port_id, port.id);
    assert.equal(added.body.subnet_id, subnet.id);
    const listed = (await api.get(`/v2.0/ports?device_id=${r.id}`, READER_A)).body.ports;
    assert.deepEqual(listed.map((p: any) => [p.id, p.device_id, p.device_owner, p.status]), [[port.id, r.id, 'network:router_interface', 'ACTIVE']]);

    const other = await router();
    expectError(await addInterface(other.id, { port_id: port.id }), 409, 'PortInUse',
      `Unable to complete operation on port ${port.id} for network ${subnet.network_id}. Port already has an attached device ${r.id}.`);
    const bare = await api.port(subnet.network_id, { fixed_ips: [] }, MEMBER_A);
    expectError(await addInterface(other.id, { port_id: bare.id }), 400, 'BadRequest', 'Bad router request: Router port must have at least one fixed IP.');
    const second = await api.port(subnet.network_id, {}, MEMBER_A);
    expectError(await addInterface(r.id, { port_id: second.id }), 400, 'BadRequest', `Bad router request: Router already has a port on subnet ${subnet.id}.`);
    expectError(await removeInterface(r.id, { port_id: second.id }), 404, 'RouterInterfaceNotFound', `Router ${r.id} does not have an interface with id ${second.id}`);
    const elsewhere = await tenantSubnet('10.21.0.0/24');
    expectError(await removeInterface(r.id, { port_id: port.id, subnet_id: elsewhere.id }), 400, 'SubnetMismatchForPort');

    const foreignRouter = await router({}, MEMBER_B);
    expectError(await api.post('/v2.0/ports', { port: { network_id: subnet.network_id, device_owner: 'network:router_interface', device_id: foreignRouter.id } }, MEMBER_A),
      409, 'DeviceIDNotOwnedByTenant', `The following device_id ${foreignRouter.id} is not owned by your project or matches another project router.`);
    expectError(await api.put(`/v2.0/ports/${second.id}`, { port: { device_owner: 'network:router_interface', device_id: foreignRouter.id } }, MEMBER_A), 409, 'DeviceIDNotOwnedByTenant');

    const updated = await api.put(`/v2.0/ports/${port.id}`, { port: { fixed_ips: [{ subnet_id: subnet.id }] } }, MEMBER_A);
    assert.equal(updated.status, 200, JSON.stringify(updated.body));
    assert.equal(updated.body.port.fixed_ips[0].subnet_id, subnet.id);

    assert.equal((await removeInterface(r.id, { port_id: port.id })).status, 200);
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 404, 'Neutron deletes the port');
  });

  test('IPv6: a second IPv6 subnet of the network joins the router\'s IPv6 port', async () => {
    const r = await router();
    const network = await api.network({}, MEMBER_A);
    const a = await api.subnet(network.id, 'fd00:1::/64', {}, MEMBER_A);
    const b = await api.subnet(network.id, 'fd00:2::/64', {}, MEMBER_A);
    const first = (await addInterface(r.id, { subnet_id: a.id })).body;
    const second = (await addInterface(r.id, { subnet_id: b.id })).body;
    assert.equal(second.port_id, first.port_id);
    assert.deepEqual(second.subnet_ids, [b.id], 'Neutron names only the subnet just added');
    const removed = (await removeInterface(r.id, { subnet_id: a.id })).body;
    assert.equal(removed.port_id, first.port_id);
    const port = (await api.get(`/v2.0/ports/${first.port_id}`, MEMBER_A)).body.port;
    assert.deepEqual(port.fixed_ips.map((f: any) => f.subnet_id), [b.id]);
    await removeInterface(r.id, { subnet_id: b.id });
    assert.equal((await api.get(`/v2.0/ports/${first.port_id}`, MEMBER_A)).status, 404);
  });

  test('routes: nexthop on an interface subnet; PUT replaces, add/remove_extraroutes edit; an interface a route needs stays', async () => {
    const r = await router();
    const subnet = await tenantSubnet('10.30.0.0/24');
    await addInterface(r.id, { subnet_id: subnet.id });
    const bad = await api.put(`/v2.0/routers/${r.id}`, { router: { routes: [{ destination: '192.0.2.0/24', nexthop: '10.99.0.5' }] } }, MEMBER_A);
    expectError(bad, 400, 'InvalidRoutes', "Invalid format for routes: [{'destination': '192.0.2.0/24', 'nexthop': '10.99.0.5'}], the nexthop is not connected with router");
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { routes: [{ destination: '192.0.2.0/24', nexthop: '10.30.0.1' }] } }, MEMBER_A),
      400, 'InvalidRoutes', /the nexthop is used by router/);
    const set = await api.put(`/v2.0/routers/${r.id}`, { router: { routes: [{ destination: '192.0.2.0/24', nexthop: '10.30.0.5' }] } }, MEMBER_A);
    assert.deepEqual(set.body.router.routes, [{ destination: '192.0.2.0/24', nexthop: '10.30.0.5' }]);
    const added = await api.put(`/v2.0/routers/${r.id}/add_extraroutes`, { router: { routes: [
      { destination: '192.0.2.0/24', nexthop: '10.30.0.5' }, { destination: '198.51.100.0/24', nexthop: '10.30.0.6' }] } }, MEMBER_A);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(added.body.router.routes, [{ destination: '192.0.2.0/24', nexthop: '10.30.0.5' }, { destination: '198.51.100.0/24', nexthop: '10.30.0.6' }]);
    expectError(await api.put(`/v2.0/routers/${r.id}/add_extraroutes`, { router: { routes: [{ destination: '0.0.0.0/0', nexthop: '10.77.0.1' }] } }, MEMBER_A), 400, 'InvalidRoutes');
    expectError(await removeInterface(r.id, { subnet_id: subnet.id }), 409, 'RouterInterfaceInUseByRoute',
      `Router interface for subnet ${subnet.id} on router ${r.id} cannot be deleted, as it is required by one or more routes.`);
    const removed = await api.put(`/v2.0/routers/${r.id}/remove_extraroutes`, { router: { routes: [{ destination: '192.0.2.0/24', nexthop: '10.30.0.5' }, { destination: '10.0.0.0/8', nexthop: '10.30.0.9' }] } }, MEMBER_A);
    assert.deepEqual(removed.body.router.routes, [{ destination: '198.51.100.0/24', nexthop: '10.30.0.6' }]);
    assert.deepEqual((await api.put(`/v2.0/routers/${r.id}`, { router: { routes: null } }, MEMBER_A)).body.router.routes, []);
    const many = Array.from({ length: 31 }, (_, i) => ({ destination: `172.16.${i}.0/24`, nexthop: '10.30.0.5' }));
    expectError(await api.put(`/v2.0/routers/${r.id}`, { router: { routes: many } }, MEMBER_A), 409, 'OverQuota', "Quota exceeded for resources: ['router_route'].");
    expectError(await api.put(`/v2.0/routers/${r.id}/add_extraroutes`, { router: { routes: [] } }, READER_A), 403, 'PolicyNotAuthorized');
    assert.equal((await removeInterface(r.id, { subnet_id: subnet.id })).status, 200);
  });

  test('tags, filters and quota', async () => {
    const r = await router({ name: 'tagged' });
    assert.equal((await api.put(`/v2.0/routers/${r.id}/tags`, { tags: ['red', 'blue'] }, MEMBER_A)).status, 200);
    assert.deepEqual((await api.get(`/v2.0/routers/${r.id}/tags`, READER_A)).body.tags.sort(), ['blue', 'red']);
    assert.deepEqual((await api.get('/v2.0/routers?tags=red&fields=id', MEMBER_A)).body.routers, [{ id: r.id }]);
    expectError(await api.put(`/v2.0/routers/${r.id}/tags`, { tags: ['x'] }, MEMBER_B), 404, 'RouterNotFound');
    assert.equal((await api.put('/v2.0/quotas/project-q', { quota: { router: 1 } }, ADMIN)).status, 200);
    await router({}, { project: 'project-q', roles: 'member' });
    expectError(await api.post('/v2.0/routers', { router: { name: 'two' } }, { project: 'project-q', roles: 'member' }), 409, 'OverQuota', "Quota exceeded for resources: ['router'].");
    const details = (await api.get('/v2.0/quotas/project-q/details', ADMIN)).body.quota;
    assert.deepEqual(details.router, { limit: 1, used: 1, reserved: 0 });
  });
});
