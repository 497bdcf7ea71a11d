import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ADMIN, Api, MEMBER_A } from '../helpers/api-harness.ts';
import { DATABASES, type TestDatabase } from '../helpers/databases.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

/** Any well-formed NB remote: the API server never connects to it (only `muon serve` starts the driver). */
const OVN = { ovnNbConnection: 'tcp:127.0.0.1:1' };

/*
 * The metadata port made by the server (core/subnet/metadata-port.ts), as
 * ML2/OVN makes it: with the OVN driver on, a network's first IPv4 DHCP
 * subnet brings a `network:distributed` port in the same request, with an
 * address on each IPv4 DHCP subnet, so the DHCP options route
 * 169.254.169.254 from the first lease on.
 */
forEachApi('metadata port at subnet create', { start: (db: TestDatabase) => Api.start(db, OVN) }, ({ api }) => {

  const metadataPorts = async (networkId: string) =>
    (await api.get(`/v2.0/ports?network_id=${networkId}&device_owner=network:distributed`, ADMIN)).body.ports as any[];
  const subnetsOf = (port: any) => (port.fixed_ips as any[]).map((ip) => ip.subnet_id).sort();

  test('exists right after the first DHCP subnet is made, owned by the network\'s project, one address per IPv4 DHCP subnet', async () => {
    const net = await api.network({}, MEMBER_A);
    assert.deepEqual(await metadataPorts(net.id), [], 'no port before a subnet');
    const first = await api.subnet(net.id, '10.40.0.0/24', {}, MEMBER_A);
    const [port, ...others] = await metadataPorts(net.id);
    assert.equal(others.length, 0);
    assert.ok(port, 'the port exists right after the subnet create');
    assert.equal(port.device_owner, 'network:distributed');
    assert.equal(port.device_id, `ovnmeta-${net.id}`);
    assert.equal(port.project_id, 'project-a');
    assert.deepEqual(port.security_groups, [], 'a network port: trusted, no groups');
    assert.deepEqual(subnetsOf(port), [first.id]);
    assert.match(port.fixed_ips[0].ip_address, /^10\.40\.0\./);
    // The owner sees it as Neutron shows it (a port of the network's project).
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, MEMBER_A)).status, 200);

    const second = await api.subnet(net.id, '10.41.0.0/24', {}, MEMBER_A);
    await api.subnet(net.id, '10.42.0.0/24', { enable_dhcp: false }, MEMBER_A);
    await api.subnet(net.id, '2001:db8:40::/64', { ipv6_address_mode: 'dhcpv6-stateful', ipv6_ra_mode: 'dhcpv6-stateful' }, MEMBER_A);
    const [again, ...more] = await metadataPorts(net.id);
    assert.equal(more.length, 0, 'still one port');
    assert.equal(again.id, port.id);
    assert.deepEqual(subnetsOf(again), [first.id, second.id].sort(), 'IPv4 DHCP subnets only');
    assert.equal(again.fixed_ips.find((ip: any) => ip.subnet_id === first.id).ip_address, port.fixed_ips[0].ip_address, 'an address it has keeps its value');
  });

  test('follows enable_dhcp; a subnet delete is not blocked by it, a network delete takes it', async () => {
    const net = await api.network({}, MEMBER_A);
    const plain = await api.subnet(net.id, '10.50.0.0/24', { enable_dhcp: false }, MEMBER_A);
    assert.deepEqual(await metadataPorts(net.id), [], 'no DHCP subnet, no port (as ML2/OVN)');
    assert.equal((await api.put(`/v2.0/subnets/${plain.id}`, { subnet: { enable_dhcp: true } }, MEMBER_A)).status, 200);
    let [port] = await metadataPorts(net.id);
    assert.deepEqual(subnetsOf(port), [plain.id], 'DHCP turned on: the port is made');
    const served = await api.subnet(net.id, '10.51.0.0/24', {}, MEMBER_A);
    assert.equal((await api.put(`/v2.0/subnets/${plain.id}`, { subnet: { enable_dhcp: false } }, MEMBER_A)).status, 200);
    [port] = await metadataPorts(net.id);
    assert.deepEqual(subnetsOf(port), [served.id], 'DHCP turned off: its address goes');

    assert.equal((await api.delete(`/v2.0/subnets/${served.id}`, MEMBER_A)).status, 204);
    [port] = await metadataPorts(net.id);
    assert.deepEqual(port.fixed_ips, [], 'the deleted subnet\'s address went with it; the port stays, as ML2/OVN leaves it');
    assert.equal((await api.delete(`/v2.0/networks/${net.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.get(`/v2.0/ports/${port.id}`, ADMIN)).status, 404);
  });
});

describe('metadata port: none without the OVN driver, or with MUON_OVN_METADATA_ENABLED=false', () => {
  for (const overrides of [{}, { ...OVN, ovnMetadataEnabled: false }]) {
    test(JSON.stringify(overrides), async () => {
      const { create } = DATABASES[0]!;
      const db = await create();
      const api = await Api.start(db, overrides);
      try {
        const net = await api.network({}, MEMBER_A);
        await api.subnet(net.id, '10.60.0.0/24', {}, MEMBER_A);
        assert.deepEqual((await api.get(`/v2.0/ports?network_id=${net.id}`, ADMIN)).body.ports, []);
      } finally {
        await api.close();
        await db.drop();
      }
    });
  }
});
