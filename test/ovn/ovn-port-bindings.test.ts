import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN, MEMBER_A, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();
const SERVICE: As = { project: 'service', roles: 'service' };

/**
 * A live migration as the OVN northbound database sees it: requested-chassis
 * names the source, both chassis while Nova marks the port migrating_to the
 * destination (with RARP activation), and the destination alone once its
 * binding is activated (binding-extended).
 */
forEachApi('OVN driver: live-migration bindings', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const optionsOf = async (portId: string) => {
    const ports = (await dumpNb(nb.remote, ['Logical_Switch_Port'])).Logical_Switch_Port as Array<{ name: string; options: Record<string, string> }>;
    const { 'requested-chassis': chassis, 'activation-strategy': strategy } = ports.find((p) => p.name === portId)!.options;
    return { chassis, strategy };
  };

  before(async () => {
    nb = await startOvsdbServer();
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('requested-chassis: source, then source and destination, then the activated destination', async () => {
    const network = await api.network({ name: 'migrate' }, MEMBER_A);
    await api.subnet(network.id, '10.80.0.0/24', {}, MEMBER_A);
    const port = await api.port(network.id, { device_owner: 'compute:nova', device_id: 'vm-1', 'binding:host_id': 'hv-a' }, ADMIN);
    await settle();
    assert.deepEqual(await optionsOf(port.id), { chassis: 'hv-a', strategy: undefined });

    assert.equal((await api.post(`/v2.0/ports/${port.id}/bindings`, { binding: { host: 'hv-b' } }, SERVICE)).status, 201);
    assert.equal((await api.put(`/v2.0/ports/${port.id}`, { port: { 'binding:profile': { migrating_to: 'hv-b' } } }, SERVICE)).status, 200);
    await settle();
    assert.deepEqual(await optionsOf(port.id), { chassis: 'hv-a,hv-b', strategy: 'rarp' });

    assert.equal((await api.put(`/v2.0/ports/${port.id}/bindings/hv-b/activate`, undefined, SERVICE)).status, 200);
    await settle();
    assert.deepEqual(await optionsOf(port.id), { chassis: 'hv-b', strategy: undefined });
    assert.equal((await api.delete(`/v2.0/ports/${port.id}/bindings/hv-a`, SERVICE)).status, 204);
    await settle();
    assert.deepEqual(await optionsOf(port.id), { chassis: 'hv-b', strategy: undefined });
    await assertFreshResyncEquals(coreDesiredState(api.services), await dumpNb(nb.remote));
  });
});
