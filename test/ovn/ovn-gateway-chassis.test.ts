import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';
import { eventually, ovnctl as ctl } from '../helpers/ovn-test-kit.ts';

const skip = ovsdbSkipReason();

forEachApi('OVN driver: gateway chassis from the southbound DB', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let sb: OvsdbServer;
  let driver: OvnDriver;

  before(async () => {
    nb = await startOvsdbServer();
    sb = await startOvsdbServer({ schemaPath: '/usr/share/ovn/ovn-sb.ovsschema' });
  });
  after(async () => { await driver?.stop(); await nb.destroy(); await sb.destroy(); });

  test('chassis with enable-chassis-as-gw host gateways, and the gateways follow the chassis', async () => {
    ctl('ovn-sbctl', sb, 'chassis-add', 'hv1', 'geneve', '127.0.0.1');
    ctl('ovn-sbctl', sb, 'chassis-add', 'gw1', 'geneve', '127.0.0.2', '--', 'set', 'Chassis', 'gw1', 'other_config:ovn-cms-options=enable-chassis-as-gw');
    const ext = await api.network({ name: 'public', 'router:external': true }, ADMIN);
    await api.subnet(ext.id, '198.51.100.0/24', {}, ADMIN);
    const router = await api.create('routers', 'router', { name: 'edge', external_gateway_info: { network_id: ext.id } }, MEMBER_A);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services), undefined, { sbConnection: sb.remote, gatewayChassis: ['ignored'] });
    await driver.start();
    await driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));

    const gwPort = (await api.get(`/v2.0/ports?device_id=${router.id}&device_owner=network:router_gateway`, ADMIN)).body.ports[0];
    const lrp = `lrp-${gwPort.id}`;
    const chassis = () => ctl('ovn-nbctl', nb, 'lrp-get-gateway-chassis', lrp).split('\n').filter(Boolean).map((l) => l.trim().split(/\s+/).join(' '));
    assert.deepEqual(chassis(), [`${lrp}_gw1 1`], 'only the gateway chassis, not hv1 nor the static setting');

    ctl('ovn-sbctl', sb, 'chassis-add', 'gw2', 'geneve', '127.0.0.3', '--', 'set', 'Chassis', 'gw2', 'other_config:ovn-cms-options="availability-zones=az1,enable-chassis-as-gw"');
    await eventually('a second gateway chassis', () => chassis().length === 2);
    assert.deepEqual(chassis().map((l) => l.split(' ')[1]), ['2', '1']);
    ctl('ovn-sbctl', sb, 'remove', 'Chassis', 'gw1', 'other_config', 'ovn-cms-options');
    await eventually('gw1 no longer a gateway', () => chassis().join() === `${lrp}_gw2 1`);
    ctl('ovn-sbctl', sb, 'chassis-del', 'gw2');
    await eventually('no gateway chassis left', () => chassis().length === 0);
  });
});
