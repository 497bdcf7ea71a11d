import assert from 'node:assert/strict';
import { before, test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const READER_A: As = { project: 'project-a', roles: 'reader' };
const SERVICE: As = { project: 'service', roles: 'service' };
const MISSING = '6b0b1d44-3f3b-4a57-9f4e-0b1b4a2a0c99';

forEachApi('trunks', ({ api }) => {
  let net: any;
  before(async () => {
    net = await api.network({ name: 'trunks' }, MEMBER_A);
  });

  const port = (as: As = MEMBER_A, attributes: Record<string, unknown> = {}) => api.port(net.id, attributes, as);
  const trunk = async (attributes: Record<string, unknown> = {}, as: As = MEMBER_A) => api.create('trunks', 'trunk', { port_id: (await port(as)).id, ...attributes }, as);
  const action = (id: string, verb: string, subPorts: unknown, as: As = MEMBER_A) => api.put(`/v2.0/trunks/${id}/${verb}`, { sub_ports: subPorts }, as);
  const vlan = (portId: string, id: number) => ({ port_id: portId, segmentation_type: 'vlan', segmentation_id: id });

  test('create, show, update, list and delete; DOWN until a data plane says otherwise', async () => {
    const sub = await port();
    const created = await trunk({ sub_ports: [vlan(sub.id, 2)] });
    assert.deepEqual([created.status, created.admin_state_up, created.name, created.description, created.project_id], ['DOWN', true, '', '', 'project-a']);
    assert.deepEqual(created.sub_ports, [vlan(sub.id, 2)]);
    assert.deepEqual(created.tags, []);
    const shown = await api.get(`/v2.0/trunks/${created.id}`, MEMBER_A);
    assert.deepEqual(shown.body.trunk, created, 'show answers what create did');
    assert.equal((await api.get(`/v2.0/ports/${sub.id}`, MEMBER_A)).body.port.device_owner, 'trunk:subport');
    const updated = await api.put(`/v2.0/trunks/${created.id}`, { trunk: { name: 'foo', admin_state_up: false } }, MEMBER_A);
    assert.equal(updated.status, 200);
    assert.deepEqual([updated.body.trunk.name, updated.body.trunk.admin_state_up], ['foo', false]);
    assert.ok(updated.body.trunk.revision_number > created.revision_number);
    expectError(await api.put(`/v2.0/trunks/${created.id}`, { trunk: { port_id: sub.id } }, MEMBER_A), 400, 'HTTPBadRequest');
    expectError(await api.delete(`/v2.0/trunks/${created.id}`, MEMBER_A), 409, 'TrunkDisabled', `Trunk ${created.id} is currently disabled.`);
    await api.put(`/v2.0/trunks/${created.id}`, { trunk: { admin_state_up: true } }, MEMBER_A);
    assert.deepEqual((await api.get(`/v2.0/trunks?name=foo&fields=id`, MEMBER_A)).body.trunks, [{ id: created.id }]);
    assert.equal((await api.delete(`/v2.0/trunks/${created.id}`, MEMBER_A)).status, 204);
    expectError(await api.get(`/v2.0/trunks/${created.id}`, MEMBER_A), 404, 'TrunkNotFound', `Trunk ${created.id} could not be found.`);
    const freed = (await api.get(`/v2.0/ports/${sub.id}`, MEMBER_A)).body.port;
    assert.equal(freed.device_owner, '', 'a subport leaves the trunk with it');
    assert.equal((await api.delete(`/v2.0/ports/${sub.id}`, MEMBER_A)).status, 204);
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: (await port()).id, sub_ports: null } }, MEMBER_A), 400, 'HTTPBadRequest',
      "Invalid input for sub_ports. Reason: Invalid data format for subports: 'None' is not a list.");
    assert.deepEqual((await trunk({ sub_ports: [] })).sub_ports, []);
    assert.deepEqual((await trunk()).sub_ports, []);
  });

  test('add_subports, remove_subports, get_subports; trunk_details on the parent', async () => {
    const t = await trunk();
    const [s1, s2] = [await port(), await port()];
    const added = await action(t.id, 'add_subports', [vlan(s1.id, 2), vlan(s2.id, 4)]);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.equal(added.body.id, t.id, 'the answer is the trunk itself, without an envelope');
    assert.deepEqual(added.body.sub_ports, [vlan(s1.id, 2), vlan(s2.id, 4)]);
    assert.equal(added.body.status, 'DOWN');
    assert.ok(added.body.revision_number > t.revision_number);
    assert.deepEqual((await api.get(`/v2.0/trunks/${t.id}/get_subports`, READER_A)).body, { sub_ports: [vlan(s1.id, 2), vlan(s2.id, 4)] });
    const parent = (await api.get(`/v2.0/ports/${t.port_id}`, MEMBER_A)).body.port;
    assert.deepEqual(parent.trunk_details, { trunk_id: t.id, sub_ports: [{ ...vlan(s1.id, 2), mac_address: s1.mac_address }, { ...vlan(s2.id, 4), mac_address: s2.mac_address }] });
    const listed = (await api.get(`/v2.0/ports?id=${t.port_id}&id=${s1.id}`, MEMBER_A)).body.ports;
    assert.equal(listed.find((p: any) => p.id === t.port_id).trunk_details.trunk_id, t.id);
    assert.equal('trunk_details' in listed.find((p: any) => p.id === s1.id), false, 'ports that are no parent have no trunk_details');
    expectError(await action(t.id, 'add_subports', [vlan((await port()).id, 2)]), 409, 'DuplicateSubPort',
      `segmentation_type vlan and segmentation_id 2 already in use on trunk ${t.id}.`);
    const removed = await action(t.id, 'remove_subports', [vlan(s2.id, 4)]);
    assert.deepEqual(removed.body.sub_ports, [vlan(s1.id, 2)]);
    expectError(await action(t.id, 'remove_subports', [vlan(s2.id, 4)]), 404, 'SubPortNotFound', `SubPort ${s2.id} on trunk ${t.id} could not be found.`);
    expectError(await action(t.id, 'remove_subports', vlan(s1.id, 2)), 400, 'InvalidInput');
    expectError(await action(t.id, 'add_subports', vlan(s2.id, 5)), 400, 'InvalidInput');
    expectError(await action(MISSING, 'add_subports', [vlan(s2.id, 5)]), 404, 'TrunkNotFound');
    expectError(await action(t.id, 'add_subports', [vlan(MISSING, 5)]), 404, 'PortNotFound');
  });

  test("Neutron's subport rules: parent, other trunks, devices, segmentation details and range", async () => {
    const t = await trunk();
    const other = await trunk();
    const sub = await port();
    await action(other.id, 'add_subports', [vlan(sub.id, 7)]);
    expectError(await action(t.id, 'add_subports', [vlan(t.port_id, 2)]), 409, 'ParentPortInUse',
      `Port ${t.port_id} is currently in use and is not eligible for use as a parent port.`);
    expectError(await action(t.id, 'add_subports', [vlan(other.port_id, 2)]), 409, 'ParentPortInUse');
    expectError(await action(t.id, 'add_subports', [vlan(sub.id, 3)]), 409, 'TrunkPortInUse', `Port ${sub.id} is in use by another trunk.`);
    const vm = await port(MEMBER_A, { device_id: 'vm-1' });
    expectError(await action(t.id, 'add_subports', [vlan(vm.id, 3)]), 409, 'PortInUse',
      `Unable to complete operation on port ${vm.id} for network ${net.id}. Port already has an attached device vm-1.`);
    const free = await port();
    for (const [bad, message] of [
      [{ port_id: free.id, segmentation_type: 'vlan' }, undefined],
      [{ port_id: free.id, segmentation_id: 3 }, undefined],
      [{ segmentation_type: 'vlan', segmentation_id: 3 }, 'Invalid input for operation: A valid port UUID must be specified.'],
      [{ port_id: free.id }, `Invalid input for operation: Invalid subport details '{'port_id': '${free.id}'}': missing segmentation information. Must specify both segmentation_id and segmentation_type.`],
      [vlan(free.id, 0), "Invalid input for operation: Segmentation ID '0' is not in range."],
      [vlan(free.id, 4095), "Invalid input for operation: Segmentation ID '4095' is not in range."],
      [{ port_id: free.id, segmentation_type: 'vxlan', segmentation_id: 3 }, "Invalid input for operation: Unknown segmentation_type 'vxlan'."],
      [{ port_id: free.id, segmentation_type: 'vlan', segmentation_id: 'x' }, "Invalid input for operation: Invalid subport details: segmentation_id 'x' is not an integer."],
    ] as const) expectError(await action(t.id, 'add_subports', [bad]), 400, 'InvalidInput', message);
    expectError(await action(t.id, 'add_subports', [vlan(free.id, 2), vlan((await port()).id, 2)]), 400, 'InvalidInput');
    // create: the same rules, and a parent that is taken or unknown.
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: t.port_id } }, MEMBER_A), 409, 'ParentPortInUse');
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: sub.id } }, MEMBER_A), 409, 'TrunkPortInUse');
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: MISSING } }, MEMBER_A), 404, 'PortNotFound');
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: (await port()).id, sub_ports: [vlan(MISSING, 2)] } }, MEMBER_A), 404, 'PortNotFound');
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: (await port()).id, sub_ports: [vlan(free.id, 2), vlan((await port()).id, 2)] } }, MEMBER_A), 400, 'HTTPBadRequest');
    // Nothing half-written: the refused creates left no trunk on these ports.
    assert.equal((await api.get('/v2.0/trunks', MEMBER_A)).body.trunks.length >= 2, true);
    assert.equal((await api.get(`/v2.0/ports/${free.id}`, MEMBER_A)).body.port.device_owner, '');
  });

  test('MTU: a subport network may not carry more than the parent network; inherit takes the network segmentation', async () => {
    const small = await api.network({ 'provider:network_type': 'vxlan' }, ADMIN);
    const vlanNet = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1' }, ADMIN);
    const parent = await api.port(small.id, {}, ADMIN);
    const large = await api.port(vlanNet.id, {}, ADMIN);
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: parent.id, sub_ports: [vlan(large.id, 2)] } }, ADMIN), 409, 'SubPortMtuGreaterThanTrunkPortMtu',
      `MTU 1500 of subport ${large.id} cannot be greater than MTU 1450 of trunk ${parent.id}.`);
    const bigParent = await api.port(vlanNet.id, {}, ADMIN);
    const smallPort = await api.port(small.id, {}, ADMIN);
    const t = await api.create('trunks', 'trunk', { port_id: bigParent.id, sub_ports: [vlan(smallPort.id, 2)] }, ADMIN);
    const vlanNet2 = await api.network({ 'provider:network_type': 'vlan', 'provider:physical_network': 'physnet1' }, ADMIN);
    const inheriting = await api.port(vlanNet2.id, {}, ADMIN);
    const added = await action(t.id, 'add_subports', [{ port_id: inheriting.id, segmentation_type: 'inherit' }], ADMIN);
    assert.equal(added.status, 200, JSON.stringify(added.body));
    assert.deepEqual(added.body.sub_ports.find((s: any) => s.port_id === inheriting.id), vlan(inheriting.id, vlanNet2['provider:segmentation_id']));
    const geneve = await api.port((await api.network({}, ADMIN)).id, {}, ADMIN);
    expectError(await action(t.id, 'add_subports', [{ port_id: geneve.id, segmentation_type: 'inherit' }], ADMIN), 400, 'InvalidInput', "Invalid input for operation: Unknown segmentation_type 'geneve'.");
  });

  test('subports are bound as members while in a trunk and released when removed or when the trunk goes (ML2/OVN)', async () => {
    const binding = async (id: string) => {
      const p = (await api.get(`/v2.0/ports/${id}`, ADMIN)).body.port;
      return { owner: p.device_owner, profile: p['binding:profile'], vifType: p['binding:vif_type'], status: p.status, revision: p.revision_number as number };
    };
    const released = (revision: number) => ({ owner: '', profile: { mine: 'kept' }, vifType: 'unbound', status: 'DOWN', revision });
    const sub = await port();
    // Nova's keys in binding:profile (set by a service) are not the trunk's to touch.
    assert.equal((await api.put(`/v2.0/ports/${sub.id}`, { port: { 'binding:profile': { mine: 'kept' } } }, SERVICE)).status, 200);
    const t = await trunk();
    const before = await binding(sub.id);
    await action(t.id, 'add_subports', [vlan(sub.id, 7)]);
    const joined = await binding(sub.id);
    assert.deepEqual({ ...joined, revision: 0 }, { owner: 'trunk:subport', profile: { mine: 'kept', parent_name: t.port_id, tag: 7 }, vifType: 'ovs', status: 'DOWN', revision: 0 });
    assert.ok(joined.revision > before.revision, 'joining bumps the subport');
    // The parent comes up (an agent saw it bound): its subports and its trunk come up with it, and go down with it.
    const report = (status: string) => api.put(`/v2.0/muon/ports/${t.port_id}/status`, { port_status: { host: 'h1', status } }, SERVICE);
    assert.equal((await report('ACTIVE')).status, 200);
    assert.equal((await binding(sub.id)).status, 'ACTIVE');
    assert.equal((await api.get(`/v2.0/trunks/${t.id}`, MEMBER_A)).body.trunk.status, 'ACTIVE');
    const late = await port();
    const added = await action(t.id, 'add_subports', [vlan(late.id, 8)]);
    assert.equal(added.body.status, 'ACTIVE', 'the trunk of an ACTIVE parent stays ACTIVE');
    assert.equal((await binding(late.id)).status, 'ACTIVE', "a subport joins with its parent's status");
    await report('DOWN');
    assert.deepEqual([(await binding(sub.id)).status, (await binding(late.id)).status], ['DOWN', 'DOWN']);
    assert.equal((await api.get(`/v2.0/trunks/${t.id}`, MEMBER_A)).body.trunk.status, 'DOWN');
    // Removed: device_owner, parent_name, tag and the binding go; the user's profile keys stay.
    const beforeRemoval = await binding(sub.id);
    await action(t.id, 'remove_subports', [vlan(sub.id, 7)]);
    const removed = await binding(sub.id);
    assert.deepEqual({ ...removed, revision: 0 }, released(0));
    assert.ok(removed.revision > beforeRemoval.revision, 'leaving bumps the subport');
    // The trunk deleted: the same for the subports it still had.
    await action(t.id, 'add_subports', [vlan(sub.id, 7)]);
    const beforeDelete = await binding(sub.id);
    assert.equal(beforeDelete.owner, 'trunk:subport');
    assert.equal((await api.delete(`/v2.0/trunks/${t.id}`, MEMBER_A)).status, 204);
    const freed = await binding(sub.id);
    assert.deepEqual({ ...freed, revision: 0 }, released(0));
    assert.ok(freed.revision > beforeDelete.revision, 'a deleted trunk bumps its subports');
    assert.deepEqual({ ...(await binding(late.id)), revision: 0 }, { ...released(0), profile: {} });
  });

  test('ports of a trunk cannot be deleted; a disabled trunk refuses subport changes', async () => {
    const sub = await port();
    const t = await trunk({ sub_ports: [vlan(sub.id, 9)] });
    expectError(await api.delete(`/v2.0/ports/${t.port_id}`, MEMBER_A), 409, 'PortInUseAsTrunkParent', `Port ${t.port_id} is currently a parent port for trunk ${t.id}.`);
    expectError(await api.delete(`/v2.0/ports/${sub.id}`, MEMBER_A), 409, 'PortInUseAsSubPort', `Port ${sub.id} is currently a subport for trunk ${t.id}.`);
    await api.put(`/v2.0/trunks/${t.id}`, { trunk: { admin_state_up: false } }, MEMBER_A);
    expectError(await action(t.id, 'add_subports', [vlan((await port()).id, 3)]), 409, 'TrunkDisabled');
    expectError(await action(t.id, 'remove_subports', [vlan(sub.id, 9)]), 409, 'TrunkDisabled');
    expectError(await action(t.id, 'remove_subports', { nonsense: true }), 409, 'TrunkDisabled');
  });

  test('policy: readers read, members write, other projects see nothing', async () => {
    const t = await trunk();
    assert.equal((await api.get(`/v2.0/trunks/${t.id}`, READER_A)).status, 200);
    expectError(await api.put(`/v2.0/trunks/${t.id}`, { trunk: { name: 'x' } }, READER_A), 403, 'PolicyNotAuthorized');
    expectError(await action(t.id, 'add_subports', [vlan((await port()).id, 3)], READER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: (await port()).id } }, READER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.get(`/v2.0/trunks/${t.id}`, MEMBER_B), 404, 'TrunkNotFound');
    expectError(await api.get(`/v2.0/trunks/${t.id}/get_subports`, MEMBER_B), 404, 'TrunkNotFound');
    expectError(await action(t.id, 'add_subports', [], MEMBER_B), 404, 'TrunkNotFound');
    expectError(await api.delete(`/v2.0/trunks/${t.id}`, MEMBER_B), 404, 'TrunkNotFound');
    assert.equal((await api.get('/v2.0/trunks', MEMBER_B)).body.trunks.some((x: any) => x.id === t.id), false);
    // Another project's port is not there for a member: neither as parent nor as subport.
    const foreign = await api.port((await api.network({ shared: true }, ADMIN)).id, {}, MEMBER_B);
    expectError(await api.post('/v2.0/trunks', { trunk: { port_id: foreign.id } }, MEMBER_A), 404, 'PortNotFound');
    expectError(await action(t.id, 'add_subports', [vlan(foreign.id, 3)]), 404, 'PortNotFound');
    const aliases = (await api.get('/v2.0/extensions', MEMBER_A)).body.extensions.map((e: any) => e.alias);
    assert.ok(aliases.includes('trunk') && aliases.includes('trunk-details'));
  });
});
