import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const READER_A: As = { project: 'project-a', roles: 'reader' };

forEachApi('address groups', ({ api }) => {
  const addressGroup = (attributes: Record<string, unknown> = {}, as: As = MEMBER_A) =>
    api.create('address-groups', 'address_group', { name: 'ag', ...attributes }, as);
  const action = (id: string, verb: 'add_addresses' | 'remove_addresses', addresses: unknown, as: As = MEMBER_A) =>
    api.put(`/v2.0/address-groups/${id}/${verb}`, { addresses }, as);

  test('create: addresses normalised to their networks and deduplicated; update changes name and description only', async () => {
    const ag = await addressGroup({ description: 'Test AG description', addresses: ['10.10.10.3/32', '192.168.0.10/24', '2001:db8::f00/64', '192.168.0.20/24'] });
    assert.deepEqual([...ag.addresses].sort(), ['10.10.10.3/32', '192.168.0.0/24', '2001:db8::/64']);
    assert.equal(ag.description, 'Test AG description');
    assert.equal(ag.revision_number, 1);
    assert.equal(ag.project_id, 'project-a');
    assert.equal('tags' in ag, false, 'address groups have no tags');
    const updated = await api.put(`/v2.0/address-groups/${ag.id}`, { address_group: { description: 'New AG description' } }, MEMBER_A);
    assert.equal(updated.status, 200);
    assert.deepEqual([updated.body.address_group.description, updated.body.address_group.name], ['New AG description', 'ag']);
    assert.deepEqual([...updated.body.address_group.addresses].sort(), [...ag.addresses].sort());
    assert.equal((await api.put(`/v2.0/address-groups/${ag.id}`, { address_group: { addresses: [] } }, MEMBER_A)).status, 400);
    assert.deepEqual((await addressGroup({ name: 'empty' })).addresses, []);
    for (const bad of [['10.20.30.40'], ['this is bad IP address'], '10.0.0.0/8']) {
      assert.equal((await api.post('/v2.0/address-groups', { address_group: { name: 'bad', addresses: bad } }, MEMBER_A)).status, 400, JSON.stringify(bad));
    }
    assert.equal((await api.post('/v2.0/address-groups', { address_group: { name: 'long', description: 'x'.repeat(1024) } }, MEMBER_A)).status, 201);
    assert.equal((await api.post('/v2.0/address-groups', { address_group: { name: 'long', description: 'x'.repeat(1025) } }, MEMBER_A)).status, 400);
    assert.equal((await api.delete(`/v2.0/address-groups/${ag.id}`, MEMBER_A)).status, 204);
    expectError(await api.get(`/v2.0/address-groups/${ag.id}`, MEMBER_A), 404, 'AddressGroupNotFound', `Address group ${ag.id} could not be found.`);
  });

  test('add_addresses and remove_addresses: normalised, all or nothing, 400 / 404 naming the culprits, revision bumps', async () => {
    const ag = await addressGroup({ addresses: ['10.10.10.3/32', '192.168.0.10/24'] });
    const added = await action(ag.id, 'add_addresses', ['10.20.30.40/32', '10.30.0.1']);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual([...added.body.address_group.addresses].sort(), ['10.10.10.3/32', '10.20.30.40/32', '10.30.0.1/32', '192.168.0.0/24']);
    assert.equal(added.body.address_group.revision_number, 2);
    expectError(await action(ag.id, 'add_addresses', ['10.50.0.0/16', '192.168.0.99/24']), 400, 'AddressesAlreadyExist',
      `Addresses ['192.168.0.0/24'] already exist in the address group ${ag.id}.`);
    expectError(await action(ag.id, 'add_addresses', ['this is bad IP address']), 400, 'HTTPBadRequest');
    expectError(await action(ag.id, 'remove_addresses', ['10.200.200.200']), 404, 'AddressesNotFound',
      `Addresses ['10.200.200.200/32'] not found in the address group ${ag.id}.`);
    expectError(await action(ag.id, 'remove_addresses', ['this is bad IP address']), 400, 'HTTPBadRequest');
    expectError(await api.put(`/v2.0/address-groups/${ag.id}/remove_addresses`, { nothing: [] }, MEMBER_A), 400, 'HTTPBadRequest');
    const shown = (await api.get(`/v2.0/address-groups/${ag.id}`, MEMBER_A)).body.address_group;
    assert.equal(shown.addresses.length, 4, 'failed actions changed nothing');
    const removed = await action(ag.id, 'remove_addresses', ['10.10.10.3', '10.30.0.1/32']);
    assert.deepEqual([...removed.body.address_group.addresses].sort(), ['10.20.30.40/32', '192.168.0.0/24']);
    expectError(await action(ag.id, 'add_addresses', ['10.9.9.9/32'], MEMBER_B), 404, 'AddressGroupNotFound');
    expectError(await action(ag.id, 'add_addresses', ['10.9.9.9/32'], READER_A), 403, 'PolicyNotAuthorized');
    expectError(await action('9b6b6cc5-1c6e-4a4b-9b64-55e0a7f4ad6c', 'add_addresses', ['10.9.9.9/32']), 404, 'AddressGroupNotFound');
    assert.equal((await action(ag.id, 'add_addresses', ['10.9.9.9/32'], ADMIN)).status, 200);
  });

  test('security group rules match address groups: only the rule project\'s; a group in use is not deleted (409)', async () => {
    const ag = await addressGroup({ addresses: ['10.0.0.0/8'] });
    const sg = await api.create('security-groups', 'security_group', { name: 'ag-users' }, MEMBER_A);
    const rule = await api.post('/v2.0/security-group-rules', { security_group_rule: {
      security_group_id: sg.id, direction: 'ingress', protocol: 'tcp', remote_address_group_id: ag.id } }, MEMBER_A);
    assert.equal(rule.status, 201, JSON.stringify(rule.body));
    assert.equal(rule.body.security_group_rule.remote_address_group_id, ag.id);
    assert.equal(rule.body.security_group_rule.remote_ip_prefix, null);
    const conflict = await api.post('/v2.0/security-group-rules', { security_group_rule: {
      security_group_id: sg.id, direction: 'ingress', protocol: 'udp', remote_address_group_id: ag.id, remote_ip_prefix: '10.0.0.0/8' } }, MEMBER_A);
    expectError(conflict, 400, 'SecurityGroupMultipleRemoteEntites');
    const alien = await addressGroup({}, MEMBER_B);
    expectError(await api.post('/v2.0/security-group-rules', { security_group_rule: {
      security_group_id: sg.id, direction: 'ingress', protocol: 'udp', remote_address_group_id: alien.id } }, MEMBER_A), 404, 'AddressGroupNotFound');
    expectError(await api.delete(`/v2.0/address-groups/${ag.id}`, MEMBER_A), 409, 'AddressGroupInUse',
      `Address group ${ag.id} is in use on one or more security group rules.`);
    assert.equal((await api.delete(`/v2.0/security-group-rules/${rule.body.security_group_rule.id}`, MEMBER_A)).status, 204);
    assert.equal((await api.delete(`/v2.0/address-groups/${ag.id}`, MEMBER_A)).status, 204);
  });

  test('visibility: own groups only; bulk create; filters and sorting', async () => {
    const mine = await addressGroup({ name: 'visible' });
    const theirs = await addressGroup({ name: 'invisible' }, MEMBER_B);
    const listed = (await api.get('/v2.0/address-groups', MEMBER_A)).body.address_groups.map((g: any) => g.id);
    assert.ok(listed.includes(mine.id) && !listed.includes(theirs.id));
    expectError(await api.get(`/v2.0/address-groups/${theirs.id}`, MEMBER_A), 404, 'AddressGroupNotFound');
    assert.ok((await api.get('/v2.0/address-groups', ADMIN)).body.address_groups.some((g: any) => g.id === theirs.id));
    const bulk = await api.post('/v2.0/address-groups', { address_groups: [{ name: 'z1', addresses: ['10.1.0.0/16'] }, { name: 'z2' }] }, MEMBER_A);
    assert.equal(bulk.status, 201);
    assert.deepEqual(bulk.body.address_groups.map((g: any) => g.addresses), [['10.1.0.0/16'], []]);
    const sorted = (await api.get('/v2.0/address-groups?name=z1&name=z2&sort_key=name&sort_dir=desc', MEMBER_A)).body.address_groups.map((g: any) => g.name);
    assert.deepEqual(sorted, ['z2', 'z1']);
  });
});
