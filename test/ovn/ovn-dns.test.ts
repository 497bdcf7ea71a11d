import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { reverseDnsName } from '../../src/drivers/ovn/dns-model.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { MEMBER_A } from '../helpers/api-harness.ts';
import { dumpNb } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventuallyEqual, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const skip = ovsdbSkipReason();

/** Each switch's DNS: the records of the muon rows its dns_records point at (by ls_name), and every DNS row's ls_name. */
async function dnsState(remote: string): Promise<{ bySwitch: Map<string, Record<string, string>[]>; rows: string[] }> {
  const dump = await dumpNb(remote, ['Logical_Switch', 'DNS']);
  const bySwitch = new Map((dump.Logical_Switch as any[]).map((ls) => [ls.name as string,
    (ls.dns_records as string[]).map((label) => JSON.parse(label)).filter((row) => row.external_ids.ls_name === ls.name).map((row) => row.records)]));
  return { bySwitch, rows: (dump.DNS as any[]).map((row) => row.external_ids.ls_name ?? '(other)').sort() };
}

/*
 * DNS records (dns-model.ts): a DNS row per switch whose ports have names,
 * referenced from the switch's dns_records, with ML2/OVN's names (hostname,
 * FQDN, the network domain's name, PTR) — written at resync, followed through
 * changes, equal to a fresh resync, put back when changed behind muon's back.
 */
forEachApi('OVN driver: DNS records', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const named = (networkId: string, dnsName: string, ip: string, extra: Record<string, unknown> = {}) =>
    api.port(networkId, { device_id: `i-${dnsName}`, device_owner: 'compute:nova', dns_name: dnsName, fixed_ips: [{ ip_address: ip }], ...extra }, MEMBER_A);

  before(async () => { nb = await startOvsdbServer(); });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('written at resync, followed through changes, equal to a fresh resync, put back after changes behind muon\'s back', async () => {
    const net = await api.network({ name: 'dns', dns_domain: 'cloud.test.' }, MEMBER_A);
    await api.subnet(net.id, '10.90.0.0/24', {}, MEMBER_A);
    const web = await named(net.id, 'web', '10.90.0.10');
    const db1 = await named(net.id, 'db1', '10.90.0.11', { dns_domain: 'other.test.' });
    await api.port(net.id, { device_id: 'i-anon', device_owner: 'compute:nova' }, MEMBER_A);
    const quiet = await api.network({ name: 'no-names' }, MEMBER_A);
    await api.subnet(quiet.id, '10.91.0.0/24', {}, MEMBER_A);
    await api.port(quiet.id, { device_id: 'i-q', device_owner: 'compute:nova' }, MEMBER_A);
    nbctl(nb, 'create', 'DNS', 'records={"someone"="192.0.2.1"}');
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    let state = await dnsState(nb.remote);
    assert.deepEqual(state.bySwitch.get(`neutron-${net.id}`), [{
      web: '10.90.0.10', 'web.cloud.test': '10.90.0.10', [reverseDnsName('10.90.0.10')]: 'web.cloud.test',
      // A port's own domain names its FQDN; the network's domain name is added beside it.
      db1: '10.90.0.11', 'db1.cloud.test': '10.90.0.11', 'db1.other.test': '10.90.0.11', [reverseDnsName('10.90.0.11')]: 'db1.other.test',
    }]);
    assert.deepEqual(state.bySwitch.get(`neutron-${quiet.id}`), [], 'no names, no row');
    assert.deepEqual(state.rows, ['(other)', `neutron-${net.id}`], 'one row per switch with names; others\' rows stay');

    // Changes: a rename, a new named port, a port deleted, names appearing on the quiet network and going again.
    assert.equal((await api.put(`/v2.0/ports/${web.id}`, { port: { dns_name: 'www' } }, MEMBER_A)).status, 200);
    await named(net.id, 'cache', '10.90.0.12');
    assert.equal((await api.delete(`/v2.0/ports/${db1.id}`, MEMBER_A)).status, 204);
    const briefly = await named(quiet.id, 'brief', '10.91.0.20');
    await settle();
    assert.deepEqual((await dnsState(nb.remote)).bySwitch.get(`neutron-${quiet.id}`), [{
      // No domain on the port or network: the configured one (Neutron's default `openstacklocal`).
      brief: '10.91.0.20', 'brief.openstacklocal': '10.91.0.20', [reverseDnsName('10.91.0.20')]: 'brief.openstacklocal',
    }]);
    assert.equal((await api.put(`/v2.0/ports/${briefly.id}`, { port: { dns_name: '' } }, MEMBER_A)).status, 200);
    assert.equal((await api.put(`/v2.0/networks/${net.id}`, { network: { dns_domain: 'cloud2.test.' } }, MEMBER_A)).status, 200);
    await settle();

    state = await dnsState(nb.remote);
    const wanted = {
      www: '10.90.0.10', 'www.cloud2.test': '10.90.0.10', [reverseDnsName('10.90.0.10')]: 'www.cloud2.test',
      cache: '10.90.0.12', 'cache.cloud2.test': '10.90.0.12', [reverseDnsName('10.90.0.12')]: 'cache.cloud2.test',
    };
    assert.deepEqual(state.bySwitch.get(`neutron-${net.id}`), [wanted]);
    assert.deepEqual(state.bySwitch.get(`neutron-${quiet.id}`), [], 'the last name gone: the row goes');
    assert.deepEqual(state.rows, ['(other)', `neutron-${net.id}`]);

    const incremental = await dumpNb(nb.remote);
    // The stray row is not muon's: a fresh resync does not write it; compare without it.
    nbctl(nb, 'destroy', 'DNS', nbctl(nb, '--bare', '--columns=_uuid', 'find', 'DNS', 'records:someone=192.0.2.1'));
    await assertFreshResyncEquals(coreDesiredState(api.services), { ...incremental, DNS: (await dumpNb(nb.remote)).DNS });

    // Behind muon's back: records edited, the reference cleared, the row deleted — each put back.
    const current = async () => (await dnsState(nb.remote)).bySwitch.get(`neutron-${net.id}`);
    const rowUuid = () => nbctl(nb, '--bare', '--columns=_uuid', 'find', 'DNS', `external_ids:ls_name=neutron-${net.id}`);
    nbctl(nb, 'set', 'DNS', rowUuid(), 'records:www=192.0.2.99');
    await eventuallyEqual('records put back', current, [wanted]);
    nbctl(nb, 'clear', 'Logical_Switch', `neutron-${net.id}`, 'dns_records');
    await eventuallyEqual('the reference put back', current, [wanted]);
    nbctl(nb, 'destroy', 'DNS', rowUuid());
    await eventuallyEqual('the row put back', current, [wanted]);
  });
});
