import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventuallyEqual, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();

/** The address sets in the northbound DB: name → sorted addresses and external_ids. */
async function addressSets(remote: string): Promise<Map<string, { addresses: string[]; external_ids: Record<string, string> }>> {
  const dump = await dumpNb(remote, ['Address_Set']);
  return new Map((dump.Address_Set as any[]).map((row) => [row.name as string, { addresses: [...row.addresses].sort(), external_ids: row.external_ids }]));
}

const ag = (id: string, family: 4 | 6) => `ag_${id.replaceAll('-', '_')}_ip${family}`;

/*
 * Address groups (remote_address_group_id of security-group rules) as OVN
 * address sets named as ML2/OVN names them, so the ACL matches
 * `$ag_<id>_ip4` of security-group-model.ts find them.
 */
forEachApi('OVN driver: address groups as address sets', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const group = (attributes: Record<string, unknown>) => api.create('address-groups', 'address_group', attributes, MEMBER_A);

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('written at resync, followed through changes, equal to a fresh resync, put back after a change behind muon\'s back', async () => {
    const office = await group({ name: 'office', addresses: ['10.1.0.0/16', '192.0.2.7/32', '2001:db8::/64'] });
    nbctl(nb, 'create', 'Address_Set', 'name=someone_elses', 'addresses="10.9.9.9"');
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    let sets = await addressSets(nb.remote);
    assert.deepEqual(sets.get(ag(office.id, 4)), { addresses: ['10.1.0.0/16', '192.0.2.7/32'], external_ids: { 'neutron:address_group_name': 'office' } });
    assert.deepEqual(sets.get(ag(office.id, 6))?.addresses, ['2001:db8::/64']);
    assert.ok(sets.has('someone_elses'), 'sets muon does not own stay');

    // A rule naming the group matches the set muon wrote.
    const sg = await api.create('security-groups', 'security_group', { name: 'web' }, MEMBER_A);
    await api.create('security-group-rules', 'security_group_rule', { security_group_id: sg.id, direction: 'ingress', remote_address_group_id: office.id }, MEMBER_A);
    const only4 = await group({ name: 'v4only', addresses: ['198.51.100.0/24'] });
    assert.equal((await api.put(`/v2.0/address-groups/${office.id}/add_addresses`, { addresses: ['10.2.0.0/16'] }, MEMBER_A)).status, 200);
    assert.equal((await api.put(`/v2.0/address-groups/${office.id}/remove_addresses`, { addresses: ['192.0.2.7/32'] }, MEMBER_A)).status, 200);
    const doomed = await group({ name: 'doomed', addresses: ['203.0.113.0/24'] });
    await settle();
    assert.ok((await addressSets(nb.remote)).has(ag(doomed.id, 4)));
    assert.equal((await api.delete(`/v2.0/address-groups/${doomed.id}`, MEMBER_A)).status, 204);
    await settle();

    sets = await addressSets(nb.remote);
    assert.deepEqual(sets.get(ag(office.id, 4))?.addresses, ['10.1.0.0/16', '10.2.0.0/16']);
    assert.deepEqual(sets.get(ag(only4.id, 6))?.addresses, [], 'both families always exist');
    assert.equal(sets.has(ag(doomed.id, 4)), false);
    assert.equal(sets.has(ag(doomed.id, 6)), false);
    const acls = (await dumpNb(nb.remote, ['ACL'])).ACL as any[];
    assert.ok(acls.some((acl) => String(acl.match).includes(`$${ag(office.id, 4)}`)), JSON.stringify(acls.map((a) => a.match)));

    const incremental = await dumpNb(nb.remote);
    // The stray set is not muon's: a fresh resync does not write it; compare without it.
    nbctl(nb, 'destroy', 'Address_Set', 'someone_elses');
    await settle();
    await assertFreshResyncEquals(coreDesiredState(api.services), { ...incremental, Address_Set: (await dumpNb(nb.remote)).Address_Set });

    // Behind muon's back: a set emptied, another deleted — both put back.
    nbctl(nb, 'clear', 'Address_Set', ag(office.id, 4), 'addresses');
    nbctl(nb, 'destroy', 'Address_Set', ag(only4.id, 4));
    await eventuallyEqual('address sets put back', async () => {
      const now = await addressSets(nb.remote);
      return [now.get(ag(office.id, 4))?.addresses, now.get(ag(only4.id, 4))?.addresses];
    }, [['10.1.0.0/16', '10.2.0.0/16'], ['198.51.100.0/24']]);
  });
});
