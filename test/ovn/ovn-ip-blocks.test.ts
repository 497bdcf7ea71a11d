import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { dumpNb, SWITCH_TABLES } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventuallyEqual, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const skip = ovsdbSkipReason();
const TABLES = [...SWITCH_TABLES, 'Logical_Router', 'Logical_Router_Port', 'Logical_Router_Static_Route'];

/** A switch port's port_security, and a router's static routes as "prefix via nexthop [block id]". */
async function blockState(remote: string, portIds: string[], routerId: string): Promise<{ security: string[][]; routes: string[] }> {
  const dump = await dumpNb(remote, TABLES);
  const lsps = new Map((dump.Logical_Switch_Port as any[]).map((p) => [p.name as string, p]));
  const router = (dump.Logical_Router as any[]).find((r) => r.name === `neutron-${routerId}`);
  const routes = ((router?.static_routes ?? []) as string[]).map((label) => JSON.parse(label))
    .map((r) => `${r.ip_prefix} via ${r.nexthop}${r.external_ids['muon:ip_block_id'] ? ` [${r.external_ids['muon:ip_block_id']}]` : ''}`).sort();
  return { security: portIds.map((id) => [...(lsps.get(id)?.port_security ?? [])]), routes };
}

/*
 * IP blocks routed to ports (ip-block-routes.ts): the block joins the port's
 * port security, and the router on the port's subnet routes the block to the
 * port's address — at resync, through changes (a block given, moved, taken
 * back), equal to a fresh resync, and put back after a change behind muon's back.
 */
forEachApi('OVN driver: IP blocks routed to ports', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));

  before(async () => { nb = await startOvsdbServer(); });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('port security and a static route per block, following the block, equal to a fresh resync', async () => {
    const pool = await api.create('subnetpools', 'subnetpool', { name: 'public', prefixes: ['203.0.113.0/24'], default_prefixlen: 29 }, ADMIN);
    const block = async (cidr: string, portId: string | null) =>
      (await api.create('ip-blocks', 'ip_block', { subnetpool_id: pool.id, cidr, project_id: 'project-a', port_id: portId }, ADMIN));
    const net = await api.network({}, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.70.0.0/24', {}, MEMBER_A);
    const router = await api.create('routers', 'router', { name: 'r' }, MEMBER_A);
    assert.equal((await api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: subnet.id }, MEMBER_A)).status, 200);
    const vm = await api.port(net.id, { device_id: 'i-1', device_owner: 'compute:nova', fixed_ips: [{ ip_address: '10.70.0.10' }] }, MEMBER_A);
    const vm2 = await api.port(net.id, { device_id: 'i-2', device_owner: 'compute:nova', fixed_ips: [{ ip_address: '10.70.0.20' }] }, MEMBER_A);
    const open = await api.port(net.id, { device_id: 'i-3', device_owner: 'compute:nova', port_security_enabled: false, security_groups: [], fixed_ips: [{ ip_address: '10.70.0.30' }] }, MEMBER_A);
    const first = await block('203.0.113.8/29', vm.id);
    const held = await block('203.0.113.40/29', open.id);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    const state = () => blockState(nb.remote, [vm.id, vm2.id, open.id], router.id);
    assert.deepEqual(await state(), {
      security: [[`${vm.mac_address} 10.70.0.10 203.0.113.8/29`], [`${vm2.mac_address} 10.70.0.20`], []],
      routes: [`203.0.113.40/29 via 10.70.0.30 [${held.id}]`, `203.0.113.8/29 via 10.70.0.10 [${first.id}]`],
    }, 'at resync; a port without port security needs no entry but is still routed to');

    // Changes: a second block for vm, the first moved to vm2, the open port's block taken back.
    const second = await block('203.0.113.16/29', vm.id);
    assert.equal((await api.put(`/v2.0/ip-blocks/${first.id}`, { ip_block: { port_id: vm2.id } }, ADMIN)).status, 200);
    assert.equal((await api.delete(`/v2.0/ip-blocks/${held.id}`, ADMIN)).status, 204);
    await settle();
    const wanted = {
      security: [[`${vm.mac_address} 10.70.0.10 203.0.113.16/29`], [`${vm2.mac_address} 10.70.0.20 203.0.113.8/29`], []],
      routes: [`203.0.113.16/29 via 10.70.0.10 [${second.id}]`, `203.0.113.8/29 via 10.70.0.20 [${first.id}]`],
    };
    assert.deepEqual(await state(), wanted);
    await assertFreshResyncEquals(coreDesiredState(api.services), await dumpNb(nb.remote, TABLES), TABLES);

    // Behind muon's back: the route deleted, the port security narrowed — both put back.
    nbctl(nb, 'lr-route-del', `neutron-${router.id}`, '203.0.113.16/29');
    nbctl(nb, 'lsp-set-port-security', vm.id, `${vm.mac_address} 10.70.0.10`);
    await eventuallyEqual('routes and port security put back', state, wanted);

    // The holder deleted: its route goes.
    assert.equal((await api.delete(`/v2.0/ports/${vm2.id}`, MEMBER_A)).status, 204);
    await settle();
    assert.deepEqual((await state()).routes, [`203.0.113.16/29 via 10.70.0.10 [${second.id}]`]);
  });
});
