import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { eventually, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();

forEachApi('OVN driver: its own writes echoing back', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));

  before(async () => {
    nb = await startOvsdbServer();
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('changes made through the API requeue nothing when they come back through the monitor; others\' changes still do', async () => {
    const net = await api.network({ name: 'echo' }, MEMBER_A);
    await api.subnet(net.id, '10.95.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, { name: 'before' }, MEMBER_A);
    await settle();
    const start = { ...driver.stats };
    assert.equal((await api.put(`/v2.0/ports/${port.id}`, { port: { name: 'after', admin_state_up: false } }, MEMBER_A)).status, 200);
    const other = await api.port(net.id, { name: 'second' }, MEMBER_A);
    assert.equal((await api.delete(`/v2.0/ports/${other.id}`, MEMBER_A)).status, 204);
    await settle();
    assert.equal(nbctl(nb, 'get', 'Logical_Switch_Port', port.id, 'enabled'), 'false', 'the update reached OVN');
    assert.ok(driver.stats.echoes > start.echoes, 'the driver saw its own writes come back');
    // A port's removal drops its row from the port groups' weak references: OVN's doing, let through (a reconcile that writes nothing).
    const weakRefCleanups = 2;
    assert.ok(driver.stats.nbKeys - start.nbKeys <= weakRefCleanups, `echoes requeued keys: ${driver.stats.nbKeys - start.nbKeys}`);

    const before = driver.stats.nbKeys;
    nbctl(nb, 'set', 'Logical_Switch_Port', port.id, 'enabled=true');
    await eventually('someone else\'s change put back', () => nbctl(nb, 'get', 'Logical_Switch_Port', port.id, 'enabled') === 'false');
    assert.ok(driver.stats.nbKeys > before, 'a change by someone else is not taken for an echo');
  });
});
