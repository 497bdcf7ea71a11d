import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventually, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();
const ADMIN = { project: 'admin-project', roles: 'admin' };
const NB = 'OVN_Northbound';

forEachApi('OVN driver', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('the first full resync writes switches and ports as ML2/OVN names them', async () => {
    const net = await api.network({ name: 'before-start' }, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.50.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, { name: 'vm1', device_id: 'vm-1', device_owner: 'compute:nova' }, MEMBER_A);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    const ls = `neutron-${net.id}`;
    assert.equal(nbctl(nb, 'get', 'Logical_Switch', ls, 'external_ids:"neutron:network_name"'), 'before-start');
    assert.equal(nbctl(nb, 'get', 'Logical_Switch', ls, 'external_ids:"neutron:mtu"'), `"${net.mtu}"`);
    assert.equal(nbctl(nb, 'lsp-get-ls', port.id), `${nbctl(nb, 'get', 'Logical_Switch', ls, '_uuid')} (${ls})`);
    const ip = port.fixed_ips[0].ip_address;
    assert.equal(nbctl(nb, 'lsp-get-addresses', port.id), `${port.mac_address} ${ip}`);
    assert.equal(nbctl(nb, 'lsp-get-port-security', port.id), `${port.mac_address} ${ip}`);
    const ids = JSON.parse(spawnSync('ovsdb-client', ['-f', 'json', 'dump', nb.remote, NB, 'Logical_Switch_Port', 'external_ids'], { encoding: 'utf8' }).stdout).data[0][0][1];
    assert.deepEqual(Object.fromEntries(ids), {
      'neutron:cidrs': `${ip}/24`, 'neutron:device_id': 'vm-1', 'neutron:device_owner': 'compute:nova', 'neutron:network_name': ls,
      'neutron:port_name': 'vm1', 'neutron:project_id': 'project-a', 'neutron:revision_number': String(port.revision_number),
      'neutron:security_group_ids': port.security_groups.join(' '),
    });
    assert.ok(subnet.id);
  });

  test('after a stream of changes the northbound DB is what a full resync makes', async () => {
    const nets: any[] = [];
    for (let i = 0; i < 3; i++) {
      const net = await api.network({ name: `stream-${i}` }, MEMBER_A);
      await api.subnet(net.id, `10.6${i}.0.0/24`, i === 2 ? { enable_dhcp: false } : {}, MEMBER_A);
      nets.push(net);
    }
    const ports: any[] = [];
    for (let i = 0; i < 6; i++) ports.push(await api.port(nets[i % 3]!.id, { name: `p${i}` }, MEMBER_A));
    const doomed = await api.port(nets[0]!.id, { name: 'doomed' }, MEMBER_A);
    await api.put(`/v2.0/ports/${ports[1].id}`, { port: { allowed_address_pairs: [{ ip_address: '10.61.0.200' }] } }, MEMBER_A);
    await api.put(`/v2.0/networks/${nets[0]!.id}`, { network: { name: 'stream-renamed' } }, MEMBER_A);
    await api.port(nets[0]!.id, { device_owner: 'network:distributed', name: 'metadata' }, ADMIN);
    for (const port of [ports[1], ports[4]]) assert.equal((await api.delete(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/networks/${nets[1]!.id}`, MEMBER_A)).status, 204);
    await settle();
    // From here on only ports change: the network-level reconciles above cannot mask a port-level mistake.
    await api.put(`/v2.0/ports/${ports[0].id}`, { port: { port_security_enabled: false, security_groups: [] } }, MEMBER_A);
    await api.put(`/v2.0/ports/${ports[2].id}`, { port: { admin_state_up: false, name: 'renamed' } }, MEMBER_A);
    await api.put(`/v2.0/ports/${ports[2].id}`, { port: { allowed_address_pairs: [{ ip_address: '10.62.0.200' }, { ip_address: '10.62.0.201', mac_address: 'fa:16:3e:aa:bb:cc' }] } }, MEMBER_A);
    assert.equal((await api.put(`/v2.0/ports/${ports[3].id}`, { port: { 'binding:host_id': 'hv1' } }, ADMIN)).status, 200);
    await api.put(`/v2.0/ports/${ports[5].id}`, { port: { port_security_enabled: false, security_groups: [] } }, MEMBER_A);
    assert.equal((await api.delete(`/v2.0/ports/${doomed.id}`, MEMBER_A)).status, 204);
    const late = await api.port(nets[2]!.id, { name: 'late' }, MEMBER_A);
    await settle();
    const incremental = await dumpNb(nb.remote);

    await assertFreshResyncEquals(coreDesiredState(api.services), incremental);
    const state = { switches: incremental.Logical_Switch, ports: incremental.Logical_Switch_Port } as unknown as { switches: Array<{ name: string }>; ports: Array<{ name: string; addresses: string[]; port_security: string[]; enabled: boolean | null; options: Record<string, string>; type: string }> };
    assert.ok(!state.switches.some((s) => s.name === `neutron-${nets[1]!.id}`), 'the deleted network has no switch');
    const lsp = (id: string) => state.ports.find((p) => p.name === id)!;
    assert.deepEqual(lsp(ports[0].id).port_security, []);
    assert.ok(lsp(ports[0].id).addresses.includes('unknown'));
    assert.deepEqual(lsp(ports[2].id).port_security, [`${ports[2].mac_address} ${ports[2].fixed_ips[0].ip_address} 10.62.0.200`, 'fa:16:3e:aa:bb:cc 10.62.0.201'].sort());
    assert.deepEqual(lsp(ports[2].id).addresses, [`${ports[2].mac_address} ${ports[2].fixed_ips[0].ip_address}`, 'fa:16:3e:aa:bb:cc'].sort());
    assert.equal(lsp(ports[1].id), undefined);
    assert.equal(lsp(ports[2].id).enabled, false);
    assert.equal(lsp(ports[3].id).options['requested-chassis'], 'hv1');
    assert.deepEqual(lsp(ports[5].id).addresses, ['unknown'], 'no port security and no DHCP: OVN learns the address');
    assert.ok(state.ports.some((p) => p.type === 'localport'));
    assert.equal(lsp(ports[4].id), undefined);
    assert.equal(lsp(doomed.id), undefined);
    assert.ok(lsp(late.id));
  });

  test('a switch or port changed or deleted behind muon\'s back is put back', async () => {
    const net = await api.network({ name: 'guarded' }, MEMBER_A);
    await api.subnet(net.id, '10.70.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, {}, MEMBER_A);
    await settle();
    const ls = `neutron-${net.id}`;
    const expected = `${port.mac_address} ${port.fixed_ips[0].ip_address}`;

    nbctl(nb, 'lsp-set-addresses', port.id, 'fa:16:3e:66:66:66 10.70.0.99');
    await eventually('the addresses put back', async () => nbctl(nb, 'lsp-get-addresses', port.id) === expected);
    nbctl(nb, 'lsp-add', ls, 'stray', '--', 'set', 'Logical_Switch_Port', 'stray', `external_ids:"neutron:network_name"=${ls}`);
    await eventually('the stray port removed', async () => !nbctl(nb, 'lsp-list', ls).includes('stray'));
    nbctl(nb, 'set', 'Logical_Switch', ls, 'external_ids:owner=operator', 'external_ids:"neutron:mtu"=9000');
    await eventually('the mtu put back', async () => nbctl(nb, 'get', 'Logical_Switch', ls, 'external_ids:"neutron:mtu"') === `"${net.mtu}"`);
    assert.equal(nbctl(nb, 'get', 'Logical_Switch', ls, 'external_ids:owner'), 'operator', 'keys muon does not own stay');
    nbctl(nb, 'ls-del', ls);
    await eventually('the switch and its port back', async () => {
      const list = spawnSync('ovn-nbctl', [`--db=${nb.remote}`, 'lsp-list', ls], { encoding: 'utf8' });
      return list.status === 0 && list.stdout.includes(port.id);
    });
  });
});
