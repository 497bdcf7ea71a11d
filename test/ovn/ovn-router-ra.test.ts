import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { assertFreshResyncEquals, eventually, nbctl } from '../helpers/ovn-test-kit.ts';
import { dumpNb, SWITCH_TABLES } from '../helpers/nb-dump.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();
const TABLES = [...SWITCH_TABLES, 'Logical_Router', 'Logical_Router_Port', 'Logical_Router_Static_Route', 'NAT', 'Gateway_Chassis'];

forEachApi('OVN driver: IPv6 router advertisements', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;

  before(async () => {
    nb = await startOvsdbServer();
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const raConfigs = (lrp: string) => nbctl(nb, 'get', 'Logical_Router_Port', lrp, 'ipv6_ra_configs');

  test('a router interface on a SLAAC subnet announces it with the MTU; the mode follows the subnet; an IPv4 interface announces nothing', async () => {
    const net = await api.network({ name: 'v6' }, MEMBER_A);
    const v6 = await api.subnet(net.id, '2001:db8:5::/64', { ip_version: 6, ipv6_ra_mode: 'slaac', ipv6_address_mode: 'slaac' }, MEMBER_A);
    const v4net = await api.network({ name: 'v4' }, MEMBER_A);
    const v4 = await api.subnet(v4net.id, '10.9.0.0/24', {}, MEMBER_A);
    const router = await api.create('routers', 'router', { name: 'r6' }, MEMBER_A);
    const if6 = (await api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: v6.id }, MEMBER_A)).body as any;
    const if4 = (await api.put(`/v2.0/routers/${router.id}/add_router_interface`, { subnet_id: v4.id }, MEMBER_A)).body as any;
    assert.ok(if6.port_id && if4.port_id, JSON.stringify([if6, if4]));
    await settle();
    await eventually('RA configs on the IPv6 interface', () => raConfigs(`lrp-${if6.port_id}`) !== '{}');
    assert.equal(raConfigs(`lrp-${if6.port_id}`), `{address_mode=slaac, mtu="${net.mtu}", send_periodic="true"}`);
    assert.equal(raConfigs(`lrp-${if4.port_id}`), '{}');

    // A row changed behind muon's back is put back.
    nbctl(nb, 'set', 'Logical_Router_Port', `lrp-${if6.port_id}`, 'ipv6_ra_configs:address_mode=dhcpv6_stateful');
    await eventually('drift repaired', () => raConfigs(`lrp-${if6.port_id}`).includes('address_mode=slaac'));

    await assertFreshResyncEquals(coreDesiredState(api.services), await dumpNb(nb.remote, TABLES), TABLES);
  });
});
