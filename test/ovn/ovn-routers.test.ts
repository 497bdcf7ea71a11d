import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb, SWITCH_TABLES } from '../helpers/nb-dump.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';
import { eventually, nbctl } from '../helpers/ovn-test-kit.ts';

const skip = ovsdbSkipReason();
const ROUTING_TABLES = ['Logical_Router', 'Logical_Router_Port', 'Logical_Router_Static_Route', 'NAT', 'Gateway_Chassis', 'Load_Balancer'];
const GATEWAYS = ['gw-c', 'gw-a', 'gw-b'];

/** Every row muon writes: switch-level tables and the routing ones. */
const dumpAll = (remote: string) => dumpNb(remote, [...SWITCH_TABLES, ...ROUTING_TABLES]);

const ok = (response: { status: number; body?: unknown }, status = 200) => {
  assert.equal(response.status, status, JSON.stringify(response.body));
  return response.body as any;
};

forEachApi('OVN driver: routers', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const start = (remote: string) => createOvnDriver(remote, coreDesiredState(api.services), undefined, { gatewayChassis: GATEWAYS });
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  // The topology of the first test, reused by the later ones.
  const t: Record<string, any> = {};

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('the first full resync writes routers, gateway, routes, NAT, forwardings and subports as ML2/OVN does', async () => {
    t.ext = await api.network({ name: 'public', 'router:external': true }, ADMIN);
    t.extSubnet = await api.subnet(t.ext.id, '198.51.100.0/24', {}, ADMIN);
    t.net = await api.network({ name: 'blue' }, MEMBER_A);
    t.subnet = await api.subnet(t.net.id, '10.0.0.0/24', {}, MEMBER_A);
    t.router = await api.create('routers', 'router', { name: 'edge', external_gateway_info: { network_id: t.ext.id } }, MEMBER_A);
    t.iface = ok(await api.put(`/v2.0/routers/${t.router.id}/add_router_interface`, { subnet_id: t.subnet.id }, MEMBER_A));
    ok(await api.put(`/v2.0/routers/${t.router.id}/add_extraroutes`, { router: { routes: [{ destination: '192.0.2.0/24', nexthop: '10.0.0.9' }] } }, MEMBER_A));
    t.vm = await api.port(t.net.id, { name: 'vm' }, MEMBER_A);
    t.fip = await api.create('floatingips', 'floatingip', { floating_network_id: t.ext.id, port_id: t.vm.id }, MEMBER_A);
    t.vm2 = await api.port(t.net.id, { name: 'vm2' }, MEMBER_A);
    t.pfFip = await api.create('floatingips', 'floatingip', { floating_network_id: t.ext.id }, MEMBER_A);
    t.pf = ok(await api.post(`/v2.0/floatingips/${t.pfFip.id}/port_forwardings`, { port_forwarding: { protocol: 'tcp', internal_port_id: t.vm2.id, internal_port: 22, external_port: 2222 } }, MEMBER_A), 201).port_forwarding;
    t.parent = await api.port(t.net.id, { name: 'parent' }, MEMBER_A);
    t.child = await api.port(t.net.id, { name: 'child' }, MEMBER_A);
    t.trunk = await api.create('trunks', 'trunk', { port_id: t.parent.id, sub_ports: [{ port_id: t.child.id, segmentation_type: 'vlan', segmentation_id: 101 }] }, MEMBER_A);
    driver = start(nb.remote);
    await driver.start();

    const router = ok(await api.get(`/v2.0/routers/${t.router.id}`, MEMBER_A)).router;
    const lr = `neutron-${t.router.id}`;
    const gwIp = router.external_gateway_info.external_fixed_ips[0].ip_address;
    const gwPort = ok(await api.get(`/v2.0/ports?device_id=${t.router.id}&device_owner=network:router_gateway`, ADMIN)).ports[0];
    assert.equal(nbctl(nb, 'get', 'Logical_Router', lr, 'external_ids:"neutron:router_name"'), 'edge');
    assert.equal(nbctl(nb, 'get', 'Logical_Router', lr, 'external_ids:"neutron:revision_number"'), `"${router.revision_number}"`);
    assert.equal(nbctl(nb, 'get', 'Logical_Router', lr, 'enabled'), 'true');
    assert.equal(nbctl(nb, 'get', 'Logical_Router', lr, 'options:dynamic_neigh_routers'), '"true"');
    // Router ports: the interface and the gateway, with their addresses and ML2/OVN's external_ids.
    const lrp = `lrp-${t.iface.port_id}`;
    assert.deepEqual(nbctl(nb, 'lrp-list', lr).split('\n').map((l) => l.replace(/^\S+ \((.*)\)$/, '$1')).sort(), [lrp, `lrp-${gwPort.id}`].sort());
    assert.equal(nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'networks'), '["10.0.0.1/24"]');
    assert.equal(nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'mac'), `"${(await api.get(`/v2.0/ports/${t.iface.port_id}`, ADMIN)).body.port.mac_address}"`);
    assert.equal(nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'external_ids:"neutron:is_ext_gw"'), 'False');
    assert.equal(nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'external_ids:"neutron:network_name"'), `neutron-${t.net.id}`);
    assert.equal(nbctl(nb, 'get', 'Logical_Router_Port', `lrp-${gwPort.id}`, 'networks'), `["${gwIp}/24"]`);
    assert.equal(nbctl(nb, 'get', 'Logical_Router_Port', `lrp-${gwPort.id}`, 'options:gateway_mtu'), `"${Math.min(t.net.mtu, t.ext.mtu)}"`);
    assert.equal(nbctl(nb, 'lsp-get-type', t.iface.port_id), 'router');
    assert.equal(nbctl(nb, 'get', 'Logical_Switch_Port', gwPort.id, 'options'), `{exclude-lb-vips-from-garp="true", nat-addresses=router, router-port=lrp-${gwPort.id}}`);
    // Gateway chassis: every candidate, priorities 3, 2, 1 in a rotation of the sorted names.
    const chassis = nbctl(nb, 'lrp-get-gateway-chassis', `lrp-${gwPort.id}`).split('\n').map((l) => l.trim().split(/\s+/));
    assert.deepEqual(chassis.map(([, priority]) => priority), ['3', '2', '1']);
    const order = chassis.map(([n]) => n!.replace(`lrp-${gwPort.id}_`, ''));
    assert.ok(['gw-a gw-b gw-c', 'gw-b gw-c gw-a', 'gw-c gw-a gw-b'].includes(order.join(' ')), order.join(' '));
    // Routes: the default through the external gateway, and the extra route.
    const routes = nbctl(nb, 'lr-route-list', lr);
    assert.match(routes, /0\.0\.0\.0\/0\s+198\.51\.100\.1 /);
    assert.match(routes, /192\.0\.2\.0\/24\s+10\.0\.0\.9 /);
    // NAT: SNAT of the attached subnet, the floating IP as dnat_and_snat.
    const nat = nbctl(nb, '--format=csv', '--columns=type,external_ip,logical_ip,logical_port,external_ids', 'find', 'NAT');
    assert.ok(nat.includes(`snat,"""${gwIp}""","""10.0.0.0/24""",[],{}`), nat);
    const fipNat = nat.split('\n').find((l) => l.startsWith('dnat_and_snat'))!;
    assert.ok(fipNat.includes(`"""${t.fip.floating_ip_address}""","""${t.fip.fixed_ip_address}""","""${t.vm.id}"""`), fipNat);
    assert.ok(fipNat.includes(`""neutron:fip_id""=""${t.fip.id}""`) && fipNat.includes(`""neutron:router_name""=${lr}`), fipNat);
    // The forwarding: a load balancer named as ML2/OVN names it, on the router.
    const pfFip = ok(await api.get(`/v2.0/floatingips/${t.pfFip.id}`, MEMBER_A)).floatingip;
    const lb = `pf-floatingip-${t.pfFip.id}-tcp`;
    assert.equal(nbctl(nb, 'get', 'Load_Balancer', lb, 'vips'), `{"${pfFip.floating_ip_address}:2222"="${t.vm2.fixed_ips[0].ip_address}:22"}`);
    assert.equal(nbctl(nb, 'get', 'Load_Balancer', lb, 'external_ids:"neutron:device_owner"'), 'port_forwarding_plugin');
    assert.equal(nbctl(nb, 'get', 'Logical_Router', lr, 'load_balancer'), `[${nbctl(nb, 'get', 'Load_Balancer', lb, '_uuid')}]`);
    // … and on the switch of the router's interface (instances behind the router reach it too), not on the external one.
    assert.equal(nbctl(nb, 'get', 'Logical_Switch', `neutron-${t.net.id}`, 'load_balancer'), `[${nbctl(nb, 'get', 'Load_Balancer', lb, '_uuid')}]`);
    assert.equal(nbctl(nb, 'get', 'Logical_Switch', `neutron-${t.ext.id}`, 'load_balancer'), '[]');
    // The trunk subport names its parent and tag.
    assert.equal(nbctl(nb, 'get', 'Logical_Switch_Port', t.child.id, 'parent_name'), `"${t.parent.id}"`);
    assert.equal(nbctl(nb, 'get', 'Logical_Switch_Port', t.child.id, 'tag'), '101');
  });

  test('after a stream of changes the routing rows are what a full resync makes', async () => {
    const red = await api.network({ name: 'red' }, MEMBER_A);
    const redSubnet = await api.subnet(red.id, '10.1.0.0/24', {}, MEMBER_A);
    const second = await api.create('routers', 'router', { name: 'second' }, MEMBER_A);
    ok(await api.put(`/v2.0/routers/${second.id}/add_router_interface`, { subnet_id: redSubnet.id }, MEMBER_A));
    ok(await api.put(`/v2.0/routers/${second.id}`, { router: { external_gateway_info: { network_id: t.ext.id, enable_snat: false } } }, ADMIN));
    const doomed = await api.create('routers', 'router', { name: 'doomed', external_gateway_info: { network_id: t.ext.id } }, MEMBER_A);
    await settle();
    assert.equal(nbctl(nb, 'get', 'Logical_Router', `neutron-${doomed.id}`, 'name'), `neutron-${doomed.id}`);
    assert.equal(nbctl(nb, '--bare', '--columns=_uuid', 'find', 'NAT', 'type=snat', `logical_ip="10.1.0.0/24"`), '', 'no SNAT with enable_snat false');
    // Then the first router's pieces change one by one.
    assert.equal((await api.delete(`/v2.0/routers/${doomed.id}`, MEMBER_A)).status, 204);
    ok(await api.put(`/v2.0/routers/${t.router.id}`, { router: { name: 'edge-renamed', routes: [{ destination: '203.0.113.0/24', nexthop: '10.0.0.8' }] } }, MEMBER_A));
    ok(await api.put(`/v2.0/floatingips/${t.fip.id}`, { floatingip: { port_id: null } }, MEMBER_A));
    const vm3 = await api.port(t.net.id, { name: 'vm3' }, MEMBER_A);
    const fip3 = await api.create('floatingips', 'floatingip', { floating_network_id: t.ext.id, port_id: vm3.id }, MEMBER_A);
    assert.equal((await api.delete(`/v2.0/floatingips/${t.pfFip.id}/port_forwardings/${t.pf.id}`, MEMBER_A)).status, 204);
    const rangeFip = await api.create('floatingips', 'floatingip', { floating_network_id: t.ext.id }, MEMBER_A);
    ok(await api.post(`/v2.0/floatingips/${rangeFip.id}/port_forwardings`, { port_forwarding: { protocol: 'udp', internal_port_id: t.vm2.id, internal_port_range: '80:81', external_port_range: '8000:8001' } }, MEMBER_A), 201);
    // An interface added gets the router's forwardings on its switch; removed, its switch loses them.
    const green = await api.network({ name: 'green' }, MEMBER_A);
    const greenSubnet = await api.subnet(green.id, '10.2.0.0/24', {}, MEMBER_A);
    ok(await api.put(`/v2.0/routers/${t.router.id}/add_router_interface`, { subnet_id: greenSubnet.id }, MEMBER_A));
    await settle();
    assert.equal(nbctl(nb, 'get', 'Logical_Switch', `neutron-${green.id}`, 'load_balancer').split(',').length, 2, 'both range load balancers on the new interface\'s switch');
    ok(await api.put(`/v2.0/routers/${t.router.id}/remove_router_interface`, { subnet_id: greenSubnet.id }, MEMBER_A));
    ok(await api.put(`/v2.0/trunks/${t.trunk.id}/remove_subports`, { sub_ports: [{ port_id: t.child.id }] }, MEMBER_A));
    const child2 = await api.port(t.net.id, { name: 'child2' }, MEMBER_A);
    ok(await api.put(`/v2.0/trunks/${t.trunk.id}/add_subports`, { sub_ports: [{ port_id: child2.id, segmentation_type: 'vlan', segmentation_id: 202 }] }, MEMBER_A));
    ok(await api.put(`/v2.0/routers/${second.id}`, { router: { admin_state_up: false } }, MEMBER_A));
    await settle();
    const incremental = await dumpAll(nb.remote);

    const fresh = await startOvsdbServer();
    const resynced = start(fresh.remote);
    try {
      await resynced.start();
      assert.deepEqual(await dumpAll(fresh.remote), incremental);
    } finally {
      await resynced.stop();
      await fresh.destroy();
    }
    const lr = `neutron-${t.router.id}`;
    assert.equal(spawnSync('ovn-nbctl', [`--db=${nb.remote}`, 'get', 'Logical_Router', `neutron-${doomed.id}`, 'name']).status, 1, 'the deleted router is gone');
    assert.equal(nbctl(nb, 'get', 'Logical_Router', lr, 'external_ids:"neutron:router_name"'), 'edge-renamed');
    const routes = nbctl(nb, 'lr-route-list', lr);
    assert.match(routes, /203\.0\.113\.0\/24\s+10\.0\.0\.8 /);
    assert.doesNotMatch(routes, /192\.0\.2\.0/);
    const nats = nbctl(nb, '--bare', '--columns=logical_ip', 'find', 'NAT', 'type=dnat_and_snat').split(/\s+/).filter(Boolean);
    assert.deepEqual(nats, [fip3.fixed_ip_address]);
    assert.equal(nbctl(nb, '--bare', '--columns=name', 'find', 'Load_Balancer', `external_ids:"neutron:fip_id"="${t.pfFip.id}"`), '');
    const rangeLbs = nbctl(nb, '--bare', '--columns=name', 'find', 'Load_Balancer', `external_ids:"neutron:fip_id"="${rangeFip.id}"`).split(/\s+/).filter(Boolean).sort();
    assert.deepEqual(rangeLbs, [`pf-floatingip-${rangeFip.id}-udp-8000`, `pf-floatingip-${rangeFip.id}-udp-8001`]);
    assert.match(nbctl(nb, 'get', 'Load_Balancer', rangeLbs[1]!, 'vips'), /:8001"="[\d.]+:81"/);
    assert.equal(nbctl(nb, 'get', 'Logical_Switch_Port', t.child.id, 'parent_name'), '[]');
    assert.equal(nbctl(nb, 'get', 'Logical_Switch_Port', child2.id, 'tag'), '202');
    assert.equal(nbctl(nb, 'get', 'Logical_Router', `neutron-${second.id}`, 'enabled'), 'false');
    assert.equal(nbctl(nb, 'get', 'Logical_Switch', `neutron-${green.id}`, 'load_balancer'), '[]', 'no forwarding on a switch the router left');
  });

  test('routing rows changed or deleted behind muon\'s back are put back', async () => {
    const lr = `neutron-${t.router.id}`;
    const lrp = `lrp-${t.iface.port_id}`;
    const mac = nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'mac');
    nbctl(nb, 'set', 'Logical_Router_Port', lrp, 'mac="fa:16:3e:99:99:99"', 'external_ids:owner=operator');
    await eventually('the router port MAC put back', () => nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'mac') === mac);
    assert.equal(nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'external_ids:owner'), 'operator', 'keys muon does not own stay');
    nbctl(nb, 'lr-route-del', lr, '0.0.0.0/0');
    await eventually('the default route put back', () => /0\.0\.0\.0\/0/.test(nbctl(nb, 'lr-route-list', lr)));
    nbctl(nb, 'lr-nat-del', lr, 'snat');
    await eventually('SNAT put back', () => nbctl(nb, 'lr-nat-list', lr).includes('snat '));
    const gw = nbctl(nb, '--bare', '--columns=name', 'find', 'Logical_Router_Port', 'external_ids:"neutron:is_ext_gw"=True', `external_ids:"neutron:router_name"=${lr}`);
    const [first] = nbctl(nb, 'lrp-get-gateway-chassis', gw).split('\n').map((l) => l.trim().split(/\s+/)[0]!);
    nbctl(nb, 'lrp-del-gateway-chassis', gw, first!.slice(gw.length + 1));
    await eventually('the gateway chassis put back', () => nbctl(nb, 'lrp-get-gateway-chassis', gw).split('\n').length === 3);
    const lb = nbctl(nb, '--bare', '--columns=name', 'find', 'Load_Balancer', `external_ids:"neutron:router_name"=${lr}`).split(/\s+/)[0]!;
    nbctl(nb, 'lb-del', lb);
    await eventually('the forwarding load balancer put back', () => nbctl(nb, '--bare', '--columns=name', 'find', 'Load_Balancer', `name=${lb}`) === lb);
    const onSwitch = () => nbctl(nb, 'get', 'Logical_Switch', `neutron-${t.net.id}`, 'load_balancer').includes(nbctl(nb, 'get', 'Load_Balancer', lb, '_uuid'));
    await eventually('the new load balancer on the interface switch too', onSwitch);
    nbctl(nb, 'ls-lb-del', `neutron-${t.net.id}`, lb);
    await eventually('the load balancer put back on the interface switch', onSwitch);
    nbctl(nb, 'lr-del', lr);
    await eventually('the router and its ports back', () => {
      const list = spawnSync('ovn-nbctl', [`--db=${nb.remote}`, 'lrp-list', lr], { encoding: 'utf8' });
      return list.status === 0 && list.stdout.includes(lrp);
    });
    const stray = 'neutron-00000000-0000-4000-8000-000000000000';
    nbctl(nb, 'lr-add', stray);
    await eventually('a router muon does not have removed', () => !nbctl(nb, 'lr-list').includes(stray));
  });
});
