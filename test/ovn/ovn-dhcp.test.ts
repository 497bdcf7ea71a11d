import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { dhcpServerMac } from '../../src/drivers/ovn/dhcp-model.ts';
import { ADMIN, MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventually, eventuallyEqual, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();

interface DhcpRow { cidr: string; options: Record<string, string>; external_ids: Record<string, string> }
interface NbState { rows: DhcpRow[]; lsp: Map<string, { dhcpv4_options: string | null; dhcpv6_options: string | null }> }

/** muon's DHCP rows, and each switch port's DHCP columns as the external_ids of the row they point at. */
async function dhcpState(remote: string): Promise<NbState> {
  const dump = await dumpNb(remote, ['Logical_Switch_Port', 'DHCP_Options']);
  const idsOf = (label: unknown) => (label === null ? null : sorted((JSON.parse(label as string) as DhcpRow).external_ids));
  const lsp = new Map((dump.Logical_Switch_Port as any[]).map((p) => [p.name as string, { dhcpv4_options: idsOf(p.dhcpv4_options), dhcpv6_options: idsOf(p.dhcpv6_options) }]));
  return { rows: dump.DHCP_Options as DhcpRow[], lsp };
}

const rowOf = (state: NbState, subnetId: string, portId?: string) =>
  state.rows.find((r) => r.external_ids.subnet_id === subnetId && r.external_ids.port_id === portId);
const sorted = (o: Record<string, string>) => JSON.stringify(Object.fromEntries(Object.entries(o).sort(([a], [b]) => a.localeCompare(b))));
const ids = (subnet: any, portId?: string) => sorted({ 'neutron:revision_number': String(subnet.revision_number), subnet_id: subnet.id, ...(portId ? { port_id: portId } : {}) });

forEachApi('OVN driver: DHCP_Options', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const get = async (path: string) => (await api.get(`/v2.0/${path}`, ADMIN)).body;

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('the first full resync writes subnet and port DHCP_Options as ML2/OVN does', async () => {
    const net = await api.network({ name: 'dhcp' }, MEMBER_A);
    const v4 = await api.subnet(net.id, '10.80.0.0/24', { dns_nameservers: ['10.80.0.53', '9.9.9.9'], host_routes: [{ destination: '172.16.0.0/12', nexthop: '10.80.0.254' }] }, MEMBER_A);
    const v6 = await api.subnet(net.id, 'fd80::/64', { ipv6_address_mode: 'dhcpv6-stateful', ipv6_ra_mode: 'dhcpv6-stateful' }, MEMBER_A);
    const slaac = await api.subnet(net.id, 'fd81::/64', { ipv6_address_mode: 'slaac', ipv6_ra_mode: 'slaac' }, MEMBER_A);
    const metadata = await api.port(net.id, { device_owner: 'network:distributed', fixed_ips: [{ subnet_id: v4.id }] }, ADMIN);
    const vm = await api.port(net.id, { name: 'vm', device_owner: 'compute:nova', fixed_ips: [{ subnet_id: v4.id }, { subnet_id: v6.id }] }, MEMBER_A);
    const pxe = await api.port(net.id, { name: 'pxe', fixed_ips: [{ subnet_id: v4.id }], extra_dhcp_opts: [{ opt_name: 'bootfile-name', opt_value: 'pxelinux.0' }, { opt_name: 'mtu', opt_value: '1300' }] }, MEMBER_A);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    const state = await dhcpState(nb.remote);
    const metadataIp = metadata.fixed_ips[0].ip_address;
    assert.deepEqual(rowOf(state, v4.id), {
      cidr: '10.80.0.0/24', external_ids: JSON.parse(ids(v4)),
      options: {
        server_id: v4.gateway_ip, server_mac: dhcpServerMac(v4.id), router: v4.gateway_ip, lease_time: '43200', mtu: String(net.mtu),
        dns_server: '{10.80.0.53, 9.9.9.9}',
        classless_static_route: `{169.254.169.254/32,${metadataIp}, 172.16.0.0/12,10.80.0.254, 0.0.0.0/0,${v4.gateway_ip}}`,
      },
    });
    assert.deepEqual(rowOf(state, v6.id)?.options, { server_id: dhcpServerMac(v6.id) });
    assert.equal(rowOf(state, slaac.id), undefined, 'SLAAC subnets get no DHCP_Options');
    assert.deepEqual(state.lsp.get(vm.id), { dhcpv4_options: ids(v4), dhcpv6_options: ids(v6) });
    assert.deepEqual(state.lsp.get(metadata.id), { dhcpv4_options: null, dhcpv6_options: null }, 'network ports get no DHCP');
    const own = rowOf(state, v4.id, pxe.id)!;
    assert.deepEqual(own.options, { ...rowOf(state, v4.id)!.options, bootfile_name: '"pxelinux.0"', mtu: '1300' });
    assert.deepEqual(state.lsp.get(pxe.id), { dhcpv4_options: ids(v4, pxe.id), dhcpv6_options: null });
  });

  test('after a stream of changes the DHCP rows are what a full resync makes', async () => {
    const net = await api.network({ name: 'dhcp-stream' }, MEMBER_A);
    const a = await api.subnet(net.id, '10.81.0.0/24', {}, MEMBER_A);
    const b = await api.subnet(net.id, '10.82.0.0/24', {}, MEMBER_A);
    const doomed = await api.subnet(net.id, '10.83.0.0/24', {}, MEMBER_A);
    const p1 = await api.port(net.id, { fixed_ips: [{ subnet_id: a.id }] }, MEMBER_A);
    const p2 = await api.port(net.id, { fixed_ips: [{ subnet_id: b.id }], extra_dhcp_opts: [{ opt_name: 'ntp-server', opt_value: '10.82.0.123' }] }, MEMBER_A);
    const p3 = await api.port(net.id, { fixed_ips: [{ subnet_id: a.id }], extra_dhcp_opts: [{ opt_name: 'domain-name', opt_value: 'example.org' }] }, MEMBER_A);
    await settle();
    const ok = (r: { status: number }) => assert.equal(r.status, 200, JSON.stringify(r));
    ok(await api.put(`/v2.0/subnets/${a.id}`, { subnet: { dns_nameservers: ['10.81.0.53'], host_routes: [{ destination: '10.99.0.0/16', nexthop: '10.81.0.9' }] } }, MEMBER_A));
    ok(await api.put(`/v2.0/networks/${net.id}`, { network: { mtu: 1400 } }, ADMIN));
    ok(await api.put(`/v2.0/ports/${p1.id}`, { port: { extra_dhcp_opts: [{ opt_name: 'dhcp_disabled', opt_value: 'true' }] } }, MEMBER_A));
    ok(await api.put(`/v2.0/ports/${p2.id}`, { port: { extra_dhcp_opts: [{ opt_name: 'ntp-server', opt_value: null }] } }, MEMBER_A));
    ok(await api.put(`/v2.0/subnets/${b.id}`, { subnet: { enable_dhcp: false } }, MEMBER_A));
    assert.equal((await api.delete(`/v2.0/subnets/${doomed.id}`, MEMBER_A)).status, 204);
    const p4 = await api.port(net.id, { fixed_ips: [{ subnet_id: a.id }], extra_dhcp_opts: [{ opt_name: 'tftp-server', opt_value: '10.81.0.69' }] }, MEMBER_A);
    await settle();
    // From here on only ports change, so a port-level mistake is not masked by a network's reconcile.
    ok(await api.put(`/v2.0/ports/${p4.id}`, { port: { extra_dhcp_opts: [{ opt_name: 'tftp-server', opt_value: '10.81.0.70' }] } }, MEMBER_A));
    assert.equal((await api.delete(`/v2.0/ports/${p3.id}`, MEMBER_A)).status, 204);
    const p5 = await api.port(net.id, { fixed_ips: [{ subnet_id: a.id }], extra_dhcp_opts: [{ opt_name: 'wpad', opt_value: 'http://wpad/' }] }, MEMBER_A);
    await settle();
    const incremental = await dumpNb(nb.remote);

    await assertFreshResyncEquals(coreDesiredState(api.services), incremental);

    const state = await dhcpState(nb.remote);
    const [na, nbView] = [(await get(`subnets/${a.id}`)).subnet, (await get(`subnets/${b.id}`)).subnet];
    const optionsA = rowOf(state, a.id)!.options;
    assert.equal(optionsA.mtu, '1400', 'the network\'s new MTU');
    assert.equal(optionsA.dns_server, '{10.81.0.53}');
    assert.equal(optionsA.classless_static_route, `{10.99.0.0/16,10.81.0.9, 0.0.0.0/0,${na.gateway_ip}}`);
    assert.equal(rowOf(state, b.id), undefined, 'DHCP turned off on b');
    assert.equal(rowOf(state, doomed.id), undefined, 'the deleted subnet\'s row is gone');
    assert.deepEqual(state.lsp.get(p1.id), { dhcpv4_options: null, dhcpv6_options: null }, 'dhcp_disabled');
    assert.deepEqual(state.lsp.get(p2.id), { dhcpv4_options: null, dhcpv6_options: null }, 'no DHCP on b any more');
    assert.equal(rowOf(state, b.id, p2.id), undefined);
    assert.equal(rowOf(state, a.id, p3.id), undefined, 'the deleted port\'s own row is gone');
    assert.equal(rowOf(state, a.id, p4.id)!.options.tftp_server, '"10.81.0.70"');
    assert.equal(rowOf(state, a.id, p4.id)!.options.mtu, '1400', 'a port\'s own row follows its subnet\'s');
    assert.deepEqual(state.lsp.get(p5.id), { dhcpv4_options: ids(na, p5.id), dhcpv6_options: null });
    assert.equal(nbView.enable_dhcp, false);
  });

  test('DHCP rows and references changed or deleted behind muon\'s back are put back', async () => {
    const net = await api.network({ name: 'dhcp-guarded' }, MEMBER_A);
    const subnet = await api.subnet(net.id, '10.84.0.0/24', {}, MEMBER_A);
    const port = await api.port(net.id, {}, MEMBER_A);
    await settle();
    const uuidOf = () => nbctl(nb, '--bare', '--columns=_uuid', 'find', 'DHCP_Options', `external_ids:subnet_id=${subnet.id}`);
    const before = (await dhcpState(nb.remote));
    const wanted = rowOf(before, subnet.id)!;

    nbctl(nb, 'dhcp-options-set-options', uuidOf(), 'lease_time=60', 'router=10.84.0.99');
    await eventuallyEqual('the options put back', async () => rowOf(await dhcpState(nb.remote), subnet.id), wanted);
    nbctl(nb, 'clear', 'Logical_Switch_Port', port.id, 'dhcpv4_options');
    await eventually('the port\'s reference put back', async () => (await dhcpState(nb.remote)).lsp.get(port.id)?.dhcpv4_options === ids(subnet));
    nbctl(nb, 'dhcp-options-del', uuidOf());
    await eventually('the row and the reference back', async () => {
      const state = await dhcpState(nb.remote);
      return rowOf(state, subnet.id) !== undefined && state.lsp.get(port.id)?.dhcpv4_options === ids(subnet);
    });
    nbctl(nb, 'create', 'DHCP_Options', 'cidr=10.84.0.0/24', `external_ids:subnet_id=${subnet.id}`, 'external_ids:port_id=no-such-port');
    await eventually('the stray per-port row removed', async () => (await dhcpState(nb.remote)).rows.filter((r) => r.external_ids.subnet_id === subnet.id).length === 1);
    nbctl(nb, 'create', 'DHCP_Options', 'cidr=192.0.2.0/24', 'external_ids:owner=operator');
    await settle();
    assert.ok((await dhcpState(nb.remote)).rows.some((r) => r.external_ids.owner === 'operator'), 'rows that are not muon\'s stay');
  });
});
