import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { ADMIN, Api } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventually, eventuallyEqual, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();

interface Lsp { name: string; type: string; addresses: string[]; options: Record<string, string>; tag: number | null; external_ids: Record<string, string> }

/** The localnet ports of each muon switch: switch name → its localnet port rows. */
async function localnets(remote: string): Promise<Map<string, Lsp[]>> {
  const dump = await dumpNb(remote, ['Logical_Switch', 'Logical_Switch_Port']);
  const pick = (p: Lsp): Lsp => ({ name: p.name, type: p.type, addresses: p.addresses, options: p.options, tag: p.tag, external_ids: p.external_ids });
  const ports = new Map((dump.Logical_Switch_Port as Lsp[]).map((p) => [p.name, pick(p)]));
  return new Map((dump.Logical_Switch as Array<{ name: string; ports: string[] }>).map((s) => [s.name, s.ports.map((n) => ports.get(n)!).filter((p) => p.type === 'localnet')]));
}

const localnet = (segmentId: string, physnet: string, tag: number | null): Lsp => ({
  name: `provnet-${segmentId}`, type: 'localnet', addresses: ['unknown'], tag, external_ids: {},
  options: { network_name: physnet, mcast_flood_reports: 'true', mcast_flood: 'false', localnet_learn_fdb: 'false' },
});

forEachApi('OVN driver: localnet ports', { skip, start: (db) => Api.start(db, { networkVlanRanges: ['physnet1:100:200', 'physnet2'] }) }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const segmentsOf = async (networkId: string) => (await api.get(`/v2.0/segments?network_id=${networkId}`, ADMIN)).body.segments as Array<{ id: string; network_type: string }>;

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('flat and VLAN networks get provnet-<segment id> localnet ports; tunnelled ones none', async () => {
    const vlan = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 123 }, ADMIN);
    const flat = await api.network({ 'provider:network_type': 'flat', 'provider:physical_network': 'datacentre' }, ADMIN);
    const geneve = await api.network({ 'provider:network_type': 'geneve' }, ADMIN);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    const state = await localnets(nb.remote);
    const [vlanSeg] = await segmentsOf(vlan.id);
    const [flatSeg] = await segmentsOf(flat.id);
    assert.deepEqual(state.get(`neutron-${vlan.id}`), [localnet(vlanSeg!.id, 'physnet1', 123)]);
    assert.deepEqual(state.get(`neutron-${flat.id}`), [localnet(flatSeg!.id, 'datacentre', null)]);
    assert.deepEqual(state.get(`neutron-${geneve.id}`), []);
  });

  test('segments added and removed follow incrementally, equal to a full resync; drift is put back', async () => {
    const net = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1', 'provider:segmentation_id': 150 }, ADMIN);
    await settle();
    const second = await api.create('segments', 'segment', { network_id: net.id, network_type: 'vlan', physical_network: 'physnet2', segmentation_id: 7 }, ADMIN);
    const tunnel = await api.create('segments', 'segment', { network_id: net.id, network_type: 'vxlan' }, ADMIN);
    await settle();
    const [first] = (await segmentsOf(net.id)).filter((s) => s.id !== second.id && s.id !== tunnel.id);
    const sw = `neutron-${net.id}`;
    assert.deepEqual((await localnets(nb.remote)).get(sw)!.sort((a, b) => a.name.localeCompare(b.name)),
      [localnet(first!.id, 'physnet1', 150), localnet(second.id, 'physnet2', 7)].sort((a, b) => a.name.localeCompare(b.name)));

    assert.equal((await api.delete(`/v2.0/segments/${second.id}`, ADMIN)).status, 204);
    await settle();
    assert.deepEqual((await localnets(nb.remote)).get(sw), [localnet(first!.id, 'physnet1', 150)]);

    const incremental = await dumpNb(nb.remote);
    await assertFreshResyncEquals(coreDesiredState(api.services), incremental);

    const port = `provnet-${first!.id}`;
    nbctl(nb, 'set', 'Logical_Switch_Port', port, 'tag=999', 'options:network_name=elsewhere');
    await eventuallyEqual('the tag and physnet put back', async () => (await localnets(nb.remote)).get(sw), [localnet(first!.id, 'physnet1', 150)]);
    nbctl(nb, 'lsp-del', port);
    await eventually('the localnet port back', async () => (await localnets(nb.remote)).get(sw)?.length === 1);
  });
});
