import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ADMIN, MEMBER_A, MEMBER_B, expectError, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const READER_A: As = { project: 'project-a', roles: 'reader' };
const PORTS_K: As = { project: 'project-k', roles: 'member' };
const PORTS_L: As = { project: 'project-l', roles: 'member' };
const rulesPath = '/v2.0/security-group-rules';

forEachApi('security groups', ({ api }) => {
  const group = (attributes: Record<string, unknown> = {}, as: As = MEMBER_A) =>
    api.create('security-groups', 'security_group', { name: 'g', ...attributes }, as);
  const postRule = (attributes: Record<string, unknown>, as: As = MEMBER_A) => api.post(rulesPath, { security_group_rule: { direction: 'ingress', ...attributes } }, as);
  const rule = async (attributes: Record<string, unknown>, as: As = MEMBER_A) => {
    const response = await postRule(attributes, as);
    assert.equal(response.status, 201, JSON.stringify(response.body));
    return response.body.security_group_rule;
  };
  const defaultOf = async (as: As) => (await api.get('/v2.0/security-groups?name=default', as)).body.security_groups[0];

  test('a project\'s first list makes its default group: egress anywhere, ingress from itself, revision 1; once', async () => {
    const listed = (await api.get('/v2.0/security-groups', MEMBER_A)).body.security_groups;
    assert.equal(listed.length, 1);
    const sg = listed[0];
    assert.equal(sg.name, 'default');
    assert.equal(sg.description, 'Default security group');
    assert.equal(sg.stateful, true);
    assert.equal(sg.shared, false);
    assert.equal(sg.revision_number, 1);
    const rules = sg.security_group_rules.map((r: any) => `${r.direction} ${r.ethertype} ${r.remote_group_id === sg.id ? 'self' : r.remote_group_id}`).sort();
    assert.deepEqual(rules, ['egress IPv4 null', 'egress IPv6 null', 'ingress IPv4 self', 'ingress IPv6 self']);
    for (const r of sg.security_group_rules) {
      assert.equal(r.description, null, 'rules from the templates have no description, as in Neutron');
      assert.equal(r.project_id, 'project-a');
      assert.equal('security_group:project_id' in r, false);
    }
    assert.equal((await api.get('/v2.0/security-groups', MEMBER_A)).body.security_groups.length, 1, 'made once');
    const ruleList = (await api.get(rulesPath, MEMBER_A)).body.security_group_rules;
    assert.deepEqual(ruleList.map((r: any) => r.id).sort(), sg.security_group_rules.map((r: any) => r.id).sort());
    assert.ok(ruleList.every((r: any) => r.belongs_to_default_sg === true) && sg.security_group_rules.every((r: any) => r.belongs_to_default_sg === true));
    const other = await group({ name: 'not-default' });
    assert.ok(other.security_group_rules.every((r: any) => r.belongs_to_default_sg === false));
    const inDefault = (await api.get(`${rulesPath}?belongs_to_default_sg=true`, MEMBER_A)).body.security_group_rules;
    assert.deepEqual(inDefault.map((r: any) => r.id).sort(), ruleList.map((r: any) => r.id).sort());
    const elsewhere = (await api.get(`${rulesPath}?belongs_to_default_sg=False`, MEMBER_A)).body.security_group_rules;
    assert.deepEqual(elsewhere.map((r: any) => r.security_group_id), [other.id, other.id]);
    const either = (await api.get(`${rulesPath}?belongs_to_default_sg=true&belongs_to_default_sg=false`, MEMBER_A)).body.security_group_rules;
    assert.deepEqual(either.map((r: any) => r.id).sort(), [...ruleList, ...elsewhere].map((r: any) => r.id).sort(), 'both values: every rule the caller sees');
    expectError(await api.get(`${rulesPath}?belongs_to_default_sg=maybe`, MEMBER_A), 400, 'InvalidInput');
    assert.equal((await api.delete(`/v2.0/security-groups/${other.id}`, MEMBER_A)).status, 204);
  });

  test('whose default group: the filtered project\'s for admins, never another project\'s for members', async () => {
    const forC = (await api.get('/v2.0/security-groups?project_id=project-c', ADMIN)).body.security_groups;
    assert.deepEqual(forC.map((g: any) => [g.name, g.project_id]), [['default', 'project-c']]);
    assert.deepEqual((await api.get(`/v2.0/security-groups?project_id=${'p'.repeat(300)}`, ADMIN)).body.security_groups, [], 'no group for an impossible project');
    expectError(await api.get('/v2.0/security-groups?project_id=project-n&bogus=1', ADMIN), 400, 'HTTPBadRequest');
    expectError(await api.get('/v2.0/security-group-rules?project_id=project-n&limit=x', ADMIN), 400, 'HTTPBadRequest');
    const made = await api.database.db.selectFrom('default_security_groups').selectAll().where('project_id', '=', 'project-n').execute();
    assert.deepEqual(made, [], 'a refused list makes no default group');
    const byB = await api.get('/v2.0/security-groups?tenant_id=project-d', MEMBER_B);
    assert.deepEqual(byB.body.security_groups, []);
    assert.equal((await api.get('/v2.0/security-groups?project_id=project-d', ADMIN)).body.security_groups.length, 1, 'made now, by the admin');
    const network = await api.network({}, { project: 'project-e', roles: 'member' });
    assert.ok(network.id);
    assert.equal((await api.get('/v2.0/security-groups?project_id=project-e', ADMIN)).body.security_groups.filter((g: any) => g.name === 'default').length, 1,
      'a first network makes the default group');
  });

  test('the default group: no renaming (409), no second "default" (409), deleted only by admins, made again on need', async () => {
    const sg = await defaultOf(MEMBER_A);
    expectError(await api.put(`/v2.0/security-groups/${sg.id}`, { security_group: { name: 'renamed' } }, MEMBER_A), 409, 'SecurityGroupCannotUpdateDefault');
    expectError(await api.put(`/v2.0/security-groups/${sg.id}`, { security_group: { name: 'renamed' } }, ADMIN), 409, 'SecurityGroupCannotUpdateDefault');
    assert.equal((await api.put(`/v2.0/security-groups/${sg.id}`, { security_group: { description: 'ok' } }, MEMBER_A)).status, 200);
    expectError(await api.post('/v2.0/security-groups', { security_group: { name: 'DeFault' } }, MEMBER_A), 409, 'SecurityGroupDefaultAlreadyExists',
      'Default security group already exists.');
    const other = await group({ name: 'other' });
    expectError(await api.put(`/v2.0/security-groups/${other.id}`, { security_group: { name: 'default' } }, MEMBER_A), 409, 'SecurityGroupDefaultAlreadyExists');
    expectError(await api.delete(`/v2.0/security-groups/${sg.id}`, MEMBER_A), 409, 'SecurityGroupCannotRemoveDefault',
      'Insufficient rights for removing default security group.');

    const projectF: As = { project: 'project-f', roles: 'member' };
    const net = await api.network({}, projectF);
    const port = await api.port(net.id, { security_groups: [] }, projectF);
    const first = await defaultOf(projectF);
    assert.equal((await api.delete(`/v2.0/security-groups/${first.id}`, ADMIN)).status, 204);
    assert.equal((await api.get(`${rulesPath}?security_group_id=${first.id}`, ADMIN)).body.security_group_rules.length, 0, 'its rules went with it');
    assert.equal((await api.put(`/v2.0/ports/${port.id}`, { port: { name: 'update' } }, projectF)).status, 200);
    const again = (await api.get('/v2.0/security-groups?project_id=project-f&name=default', ADMIN)).body.security_groups;
    assert.equal(again.length, 1, 'a port update makes it again');
    assert.notEqual(again[0].id, first.id);
  });

  test('a new group starts with the two egress rules at revision 1; name, description and stateful change', async () => {
    const sg = await group({ name: 'web', description: 'web servers' });
    assert.equal(sg.revision_number, 1);
    assert.deepEqual(sg.security_group_rules.map((r: any) => `${r.direction} ${r.ethertype}`).sort(), ['egress IPv4', 'egress IPv6']);
    assert.equal(sg.stateful, true);
    const updated = await api.put(`/v2.0/security-groups/${sg.id}`, { security_group: { name: 'web2', description: 'd', stateful: false } }, MEMBER_A);
    assert.equal(updated.status, 200);
    assert.deepEqual([updated.body.security_group.name, updated.body.security_group.stateful, updated.body.security_group.revision_number], ['web2', false, 2]);
    const stateless = await group({ stateful: 'false' });
    assert.equal(stateless.stateful, false);
    assert.deepEqual((await api.get(`/v2.0/security-groups?stateful=false&id=${stateless.id}`, MEMBER_A)).body.security_groups.map((g: any) => g.id), [stateless.id]);
    assert.equal((await api.post('/v2.0/security-groups', { security_group: { name: 'x'.repeat(256) } }, MEMBER_A)).status, 400);
    assert.equal((await api.post('/v2.0/security-groups', { security_group: { name: true } }, MEMBER_A)).status, 400);
    const bulk = await api.post('/v2.0/security-groups', { security_groups: [{ name: 'b1' }, { name: 'b2' }] }, MEMBER_A);
    assert.equal(bulk.status, 201);
    assert.deepEqual(bulk.body.security_groups.map((g: any) => g.name), ['b1', 'b2']);
    for (const g of [sg, stateless, ...bulk.body.security_groups]) assert.equal((await api.delete(`/v2.0/security-groups/${g.id}`, MEMBER_A)).status, 204);
  });

  test('rule protocols: names in any case, numbers as text, any = none; IPv6 ICMP names made canonical', async () => {
    const sg = await group();
    assert.equal((await rule({ security_group_id: sg.id, protocol: 'TCP' })).protocol, 'tcp');
    assert.equal((await rule({ security_group_id: sg.id, protocol: 17 })).protocol, '17');
    assert.equal((await rule({ security_group_id: sg.id, protocol: 'any', ethertype: 'ipv6' })).protocol, null);
    const icmp6 = await rule({ security_group_id: sg.id, protocol: 'icmp', ethertype: 'IPv6' });
    assert.deepEqual([icmp6.protocol, icmp6.ethertype], ['ipv6-icmp', 'IPv6']);
    assert.equal((await rule({ security_group_id: sg.id, protocol: '1', ethertype: 'IPv6', direction: 'egress' })).protocol, '58');
    expectError(await postRule({ security_group_id: sg.id, protocol: 'bad_protocol_name' }), 400, 'InvalidInput', /Security group rule protocol bad_protocol_name not supported/);
    expectError(await postRule({ security_group_id: sg.id, protocol: 256 }), 400, 'InvalidInput');
    expectError(await postRule({ security_group_id: sg.id, protocol: 'ipv6-frag' }), 400, 'SecurityGroupEthertypeConflictWithProtocol',
      'Invalid ethertype IPv4 for protocol ipv6-frag.');
    expectError(await postRule({ security_group_id: sg.id, protocol: '58' }), 400, 'SecurityGroupEthertypeConflictWithProtocol');
    expectError(await postRule({ security_group_id: sg.id, ethertype: 'bad_ethertype' }), 400, 'InvalidInput', /ethertype 'bad_ethertype' not supported/);
    expectError(await postRule({ security_group_id: sg.id, direction: 'sideways' }), 400, 'HTTPBadRequest');
    expectError(await api.post(rulesPath, { security_group_rule: { security_group_id: sg.id } }, MEMBER_A), 400, 'HTTPBadRequest', /'direction' not specified/);
  });

  test('rule ports: TCP-like ranges, ICMP type and code, no ports without a protocol; the full range is no range', async () => {
    const sg = await group();
    const cases: Array<[unknown, unknown, string | null, RegExp]> = [
      [-16, 80, 'tcp', /Invalid value for port -16/], [80, 79, 'tcp', /port_range_min must be <= port_range_max/],
      [80, 65536, 'tcp', /Invalid value for port 65536/], [null, 6, 'tcp', /port_range_min must be <= port_range_max/],
      [0, 5, 'udp', /Invalid value for port 0/],
      [1, 256, 'icmp', /Invalid value for ICMP code/], [-1, 25, 'icmp', /Invalid value/], [null, 6, 'icmp', /ICMP type \(port-range-min\) is missing/],
      [300, 1, 'icmp', /Invalid value for ICMP type/], [5, 5, 'gre', /Ports cannot be specified for protocol 47/], [5, 5, null, /Must also specify protocol/],
    ];
    for (const [min, max, protocol, message] of cases) {
      const response = await postRule({ security_group_id: sg.id, protocol, port_range_min: min, port_range_max: max });
      assert.equal(response.status, 400, `${min}:${max}/${protocol} ${JSON.stringify(response.body)}`);
      assert.match(response.body.NeutronError.message, message);
    }
    const full = await rule({ security_group_id: sg.id, protocol: 'tcp', port_range_min: 1, port_range_max: 65535 });
    assert.deepEqual([full.port_range_min, full.port_range_max], [null, null]);
    const typeOnly = await rule({ security_group_id: sg.id, protocol: 'icmp', port_range_min: 11 });
    assert.deepEqual([typeOnly.port_range_min, typeOnly.port_range_max], [11, null]);
    const text = await rule({ security_group_id: sg.id, protocol: 'udp', port_range_min: '53', port_range_max: '53' });
    assert.deepEqual([text.port_range_min, text.port_range_max], [53, 53]);
  });

  test('remote_ip_prefix keeps host bits (normalized_cidr drops them), must match the ethertype; one remote only', async () => {
    const sg = await group();
    const r = await rule({ security_group_id: sg.id, protocol: 'tcp', remote_ip_prefix: '10.1.2.3/24' });
    assert.deepEqual([r.remote_ip_prefix, r.normalized_cidr], ['10.1.2.3/24', '10.1.2.0/24']);
    const host = await rule({ security_group_id: sg.id, protocol: 'udp', remote_ip_prefix: '2001:DB8::1', ethertype: 'IPv6' });
    assert.deepEqual([host.remote_ip_prefix, host.normalized_cidr], ['2001:db8::1/128', '2001:db8::1/128']);
    assert.deepEqual((await api.get(`${rulesPath}?normalized_cidr=10.1.2.0/24`, MEMBER_A)).body.security_group_rules.map((x: any) => x.id), [r.id]);
    expectError(await postRule({ security_group_id: sg.id, remote_ip_prefix: 'fd00::/64' }), 400, 'SecurityGroupRuleParameterConflict',
      'Conflicting value ethertype IPv4 for CIDR fd00::/64');
    for (const bad of ['192.168.1./24', '192.168.1.1/33', 'bad_prefix', '256']) {
      expectError(await postRule({ security_group_id: sg.id, protocol: 'tcp', remote_ip_prefix: bad }), 400, 'InvalidInput', /Invalid CIDR/);
    }
    const other = await group();
    expectError(await postRule({ security_group_id: sg.id, remote_ip_prefix: '10.0.0.0/8', remote_group_id: other.id }), 400, 'SecurityGroupMultipleRemoteEntites');
    const remote = await rule({ security_group_id: sg.id, protocol: 'udp', port_range_min: 50, port_range_max: 55, remote_group_id: other.id });
    assert.equal(remote.remote_group_id, other.id);
    for (const missing of ['bad_group_id', '9b6b6cc5-1c6e-4a4b-9b64-55e0a7f4ad6c']) {
      expectError(await postRule({ security_group_id: sg.id, protocol: 'tcp', remote_group_id: missing }), 404, 'SecurityGroupNotFound', `Security group ${missing} does not exist`);
    }
  });

  test('duplicates: 409 naming the existing rule (tcp = 6, 0.0.0.0/0 = anywhere); within one POST: DuplicateSecurityGroupRuleInPost, nothing kept', async () => {
    const sg = await group();
    const first = await rule({ security_group_id: sg.id, protocol: 'tcp', port_range_min: 66, port_range_max: 67 });
    expectError(await postRule({ security_group_id: sg.id, protocol: '6', port_range_min: 66, port_range_max: 67, remote_ip_prefix: '0.0.0.0/0' }),
      409, 'SecurityGroupRuleExists', `Security group rule already exists. Rule id is ${first.id}.`);
    const egress = sg.security_group_rules.find((r: any) => r.direction === 'egress' && r.ethertype === 'IPv4');
    expectError(await postRule({ security_group_id: sg.id, direction: 'egress' }), 409, 'SecurityGroupRuleExists', new RegExp(egress.id));
    const before = (await api.get(`${rulesPath}?security_group_id=${sg.id}`, MEMBER_A)).body.security_group_rules.length;
    const dup = { security_group_id: sg.id, direction: 'ingress', protocol: 'udp', port_range_min: 9, port_range_max: 9 };
    expectError(await api.post(rulesPath, { security_group_rules: [dup, { security_group_rule: dup }] }, MEMBER_A), 409, 'DuplicateSecurityGroupRuleInPost');
    assert.equal((await api.get(`${rulesPath}?security_group_id=${sg.id}`, MEMBER_A)).body.security_group_rules.length, before, 'all or nothing');
    const bulk = await api.post(rulesPath, { security_group_rules: [dup, { ...dup, port_range_min: 10, port_range_max: 10 }] }, MEMBER_A);
    assert.equal(bulk.status, 201);
    assert.equal(bulk.body.security_group_rules.length, 2);
    const elsewhere = await group();
    expectError(await api.post(rulesPath, { security_group_rules: [{ ...dup, protocol: 'sctp' }, { ...dup, security_group_id: elsewhere.id }] }, MEMBER_A),
      400, 'SecurityGroupNotSingleGroupRules');
  });

  test('rules change their group: revision bumps on add and delete; deleting a group deletes its rules and rules naming it', async () => {
    const sg = await group();
    const target = await group();
    const r = await rule({ security_group_id: sg.id, protocol: 'tcp', remote_group_id: target.id });
    const shown = (await api.get(`/v2.0/security-groups/${sg.id}`, MEMBER_A)).body.security_group;
    assert.equal(shown.revision_number, 2);
    assert.ok(shown.security_group_rules.some((x: any) => x.id === r.id));
    assert.equal((await api.delete(`${rulesPath}/${r.id}`, MEMBER_A)).status, 204);
    expectError(await api.get(`${rulesPath}/${r.id}`, MEMBER_A), 404, 'SecurityGroupRuleNotFound');
    assert.equal((await api.get(`/v2.0/security-groups/${sg.id}`, MEMBER_A)).body.security_group.revision_number, 3);

    const again = await rule({ security_group_id: sg.id, protocol: 'tcp', remote_group_id: target.id });
    const own = await rule({ security_group_id: target.id, protocol: 'tcp' });
    assert.equal((await api.delete(`/v2.0/security-groups/${target.id}`, MEMBER_A)).status, 204);
    expectError(await api.get(`${rulesPath}/${own.id}`, MEMBER_A), 404, 'SecurityGroupRuleNotFound');
    // The rule naming the deleted group as its remote goes too.
    expectError(await api.get(`${rulesPath}/${again.id}`, MEMBER_A), 404, 'SecurityGroupRuleNotFound');
    assert.equal((await api.get(`/v2.0/security-groups/${sg.id}`, MEMBER_A)).body.security_group.revision_number, 5);
    expectError(await api.delete(`/v2.0/security-groups/${target.id}`, MEMBER_A), 404, 'SecurityGroupNotFound');
    assert.equal((await api.put(`${rulesPath}/${own.id}`, { security_group_rule: { description: 'x' } }, MEMBER_A)).status, 404, 'rules have no update');
  });

  test('who sees and changes rules: the group\'s owner (also an admin\'s rule in it), nobody else; readers only read', async () => {
    const sg = await group();
    const adminRule = await rule({ security_group_id: sg.id, protocol: 'vrrp', tenant_id: 'admin-project' }, ADMIN);
    assert.equal(adminRule.project_id, 'admin-project');
    const adminGroup = await group({}, ADMIN);
    const hidden = await rule({ security_group_id: adminGroup.id, protocol: 'vrrp' }, ADMIN);
    const seen = (await api.get(rulesPath, MEMBER_A)).body.security_group_rules.map((r: any) => r.id);
    assert.ok(seen.includes(adminRule.id), 'a rule in my group, whoever made it');
    assert.ok(!seen.includes(hidden.id));
    assert.equal((await api.get(`${rulesPath}/${adminRule.id}`, MEMBER_A)).status, 200);
    expectError(await api.get(`${rulesPath}/${hidden.id}`, MEMBER_A), 404, 'SecurityGroupRuleNotFound');
    expectError(await api.get(`/v2.0/security-groups/${adminGroup.id}`, MEMBER_A), 404, 'SecurityGroupNotFound');
    expectError(await postRule({ security_group_id: adminGroup.id, protocol: 'tcp' }), 404, 'SecurityGroupNotFound');
    expectError(await postRule({ security_group_id: sg.id, protocol: 'tcp' }, MEMBER_B), 404, 'SecurityGroupNotFound');
    // A member's rule belongs to its own project: naming another is refused while the body is read (neutron-lib).
    expectError(await postRule({ security_group_id: sg.id, protocol: 'tcp', tenant_id: 'project-b' }), 400, 'HTTPBadRequest');
    expectError(await postRule({ security_group_id: sg.id, protocol: 'tcp', remote_group_id: adminGroup.id }), 404, 'SecurityGroupNotFound');
    expectError(await postRule({ security_group_id: sg.id, protocol: 'tcp' }, READER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.delete(`${rulesPath}/${adminRule.id}`, READER_A), 403, 'PolicyNotAuthorized');
    expectError(await api.delete(`${rulesPath}/${adminRule.id}`, MEMBER_B), 404, 'SecurityGroupRuleNotFound');
    expectError(await api.delete(`/v2.0/security-groups/${sg.id}`, MEMBER_B), 404, 'SecurityGroupNotFound');
    assert.equal((await api.get(`/v2.0/security-groups/${sg.id}`, READER_A)).status, 200);
    expectError(await api.put(`/v2.0/security-groups/${sg.id}`, { security_group: { name: 'x' } }, READER_A), 403, 'PolicyNotAuthorized');
    expectError(await postRule({ security_group_id: '9b6b6cc5-1c6e-4a4b-9b64-55e0a7f4ad6d', protocol: 'tcp' }), 404, 'SecurityGroupNotFound');
    assert.equal((await api.delete(`${rulesPath}/${adminRule.id}`, MEMBER_A)).status, 204, 'the group\'s member deletes the admin\'s rule');
  });

  test('ports: the default group unless given, port security is off, or the port is network:*', async () => {
    const net = await api.network({}, PORTS_K);
    const defaultGroup = await defaultOf(PORTS_K);
    assert.deepEqual((await api.port(net.id, {}, PORTS_K)).security_groups, [defaultGroup.id]);
    assert.deepEqual((await api.port(net.id, { security_groups: [] }, PORTS_K)).security_groups, []);
    assert.deepEqual((await api.port(net.id, { security_groups: null }, PORTS_K)).security_groups, []);
    assert.deepEqual((await api.port(net.id, { port_security_enabled: false }, PORTS_K)).security_groups, []);
    assert.deepEqual((await api.port(net.id, { device_owner: 'network:dhcp' }, PORTS_K)).security_groups, []);
    const web = await group({}, PORTS_K);
    const two = await api.port(net.id, { security_groups: [web.id, defaultGroup.id] }, PORTS_K);
    assert.deepEqual([...two.security_groups].sort(), [web.id, defaultGroup.id].sort());
    assert.deepEqual((await api.get(`/v2.0/ports/${two.id}`, PORTS_K)).body.port.security_groups.sort(), [web.id, defaultGroup.id].sort());
    assert.deepEqual((await api.get(`/v2.0/ports?security_groups=${web.id}`, PORTS_K)).body.ports.map((p: any) => p.id), [two.id]);
    expectError(await api.delete(`/v2.0/security-groups/${web.id}`, PORTS_K), 409, 'SecurityGroupInUse', `Security Group ${web.id} in use.`);
    expectError(await api.put(`/v2.0/security-groups/${web.id}`, { security_group: { stateful: false } }, PORTS_K), 409, 'SecurityGroupInUse');
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id, port_security_enabled: false, security_groups: [web.id] } }, PORTS_K),
      400, 'PortSecurityAndIPRequiredForSecurityGroups');
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id, security_groups: [web.id, web.id] } }, PORTS_K), 400, 'HTTPBadRequest');
    const alien = await group({}, PORTS_L);
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id, security_groups: [alien.id] } }, PORTS_K), 404, 'SecurityGroupNotFound');
    const stateless = await group({ stateful: false }, PORTS_K);
    expectError(await api.post('/v2.0/ports', { port: { network_id: net.id, security_groups: [web.id, stateless.id] } }, PORTS_K), 409, 'SecurityGroupConflict');
    const bulk = await api.post('/v2.0/ports', { ports: [{ network_id: net.id }, { network_id: net.id, security_groups: [web.id] }] }, PORTS_K);
    assert.equal(bulk.status, 201);
    assert.deepEqual(bulk.body.ports.map((p: any) => p.security_groups), [[defaultGroup.id], [web.id]]);
    const forB = await api.port(net.id, { tenant_id: 'project-g' }, ADMIN);
    const defaultG = (await api.get('/v2.0/security-groups?project_id=project-g&name=default', ADMIN)).body.security_groups[0];
    assert.deepEqual(forB.security_groups, [defaultG.id], 'an admin\'s port for another project gets that project\'s default group');
  });

  test('port updates: groups replaced; unknown ones 404 and nothing changes; port security off needs no groups (409 / 400)', async () => {
    const net = await api.network({}, PORTS_K);
    const port = await api.port(net.id, {}, PORTS_K);
    const web = await group({}, PORTS_K);
    const put = (attributes: Record<string, unknown>) => api.put(`/v2.0/ports/${port.id}`, { port: attributes }, PORTS_K);
    expectError(await put({ security_groups: ['9b6b6cc5-1c6e-4a4b-9b64-55e0a7f4ad6e'] }), 404, 'SecurityGroupNotFound');
    assert.deepEqual((await api.get(`/v2.0/ports/${port.id}`, PORTS_K)).body.port.security_groups, port.security_groups);
    expectError(await put({ port_security_enabled: false }), 409, 'PortSecurityPortHasSecurityGroup');
    expectError(await put({ port_security_enabled: false, security_groups: [web.id] }), 400, 'PortSecurityAndIPRequiredForSecurityGroups');
    const off = await put({ port_security_enabled: false, security_groups: [] });
    assert.equal(off.status, 200);
    assert.deepEqual([off.body.port.port_security_enabled, off.body.port.security_groups], [false, []]);
    expectError(await put({ security_groups: [web.id] }), 400, 'PortSecurityAndIPRequiredForSecurityGroups');
    const on = await put({ port_security_enabled: true, security_groups: [web.id] });
    assert.deepEqual([on.body.port.port_security_enabled, on.body.port.security_groups], [true, [web.id]]);
    assert.ok(on.body.port.revision_number > port.revision_number);
    assert.deepEqual((await put({ security_groups: null })).body.port.security_groups, []);
  });

  test('quotas: 10 groups and 100 rules by default; a group needs room for its template rules', async () => {
    const defaults = (await api.get('/v2.0/quotas/project-h', ADMIN)).body.quota;
    assert.deepEqual([defaults.security_group, defaults.security_group_rule], [10, 100]);
    const projectH: As = { project: 'project-h', roles: 'member' };
    assert.equal((await api.put('/v2.0/quotas/project-h', { quota: { security_group: 2 } }, ADMIN)).status, 200);
    await group({}, projectH);
    expectError(await api.post('/v2.0/security-groups', { security_group: { name: 'third' } }, projectH), 409, 'OverQuota',
      "Quota exceeded for resources: ['security_group'].");
    const details = (await api.get('/v2.0/quotas/project-h/details', ADMIN)).body.quota;
    assert.deepEqual([details.security_group.used, details.security_group_rule.used], [2, 6]);
    assert.equal((await api.put('/v2.0/quotas/project-i', { quota: { security_group_rule: 0 } }, ADMIN)).status, 200);
    expectError(await api.get('/v2.0/security-groups', { project: 'project-i', roles: 'member' }), 409, 'OverQuota',
      "Quota exceeded for resources: ['security_group_rule'].");
    assert.equal((await api.put('/v2.0/quotas/project-i', { quota: { security_group_rule: 4 } }, ADMIN)).status, 200);
    assert.equal((await api.get('/v2.0/security-groups', { project: 'project-i', roles: 'member' })).body.security_groups.length, 1);
    expectError(await api.post('/v2.0/security-groups', { security_group: { name: 'no room' } }, { project: 'project-i', roles: 'member' }), 409, 'OverQuota');
  });

  test('rule templates (default-security-group-rules): readers list them, admins add and remove them, new groups copy them', async () => {
    const templates = '/v2.0/default-security-group-rules';
    const seeded = (await api.get(templates, READER_A)).body.default_security_group_rules;
    assert.deepEqual(seeded.map((t: any) => `${t.direction} ${t.ethertype} ${t.remote_group_id} ${t.used_in_default_sg} ${t.used_in_non_default_sg}`).sort(),
      ['egress IPv4 null true true', 'egress IPv6 null true true', 'ingress IPv4 PARENT true false', 'ingress IPv6 PARENT true false']);
    assert.equal('tenant_id' in seeded[0], false);
    const ssh = { direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, used_in_default_sg: true };
    expectError(await api.post(templates, { default_security_group_rule: ssh }, MEMBER_A), 403, 'PolicyNotAuthorized');
    const created = await api.post(templates, { default_security_group_rule: ssh }, ADMIN);
    assert.equal(created.status, 201, JSON.stringify(created.body));
    assert.equal(created.body.default_security_group_rule.used_in_non_default_sg, true);
    expectError(await api.post(templates, { default_security_group_rule: { ...ssh, protocol: '6', used_in_default_sg: false } }, ADMIN), 409,
      'DefaultSecurityGroupRuleExists', `Default Security group rule already exists. Rule id is ${created.body.default_security_group_rule.id}.`);
    const self = await api.post(templates, { default_security_group_rule: { direction: 'ingress', protocol: 'icmp', remote_group_id: 'PARENT' } }, ADMIN);
    assert.equal(self.status, 201);
    expectError(await api.post(templates, { default_security_group_rule: { direction: 'ingress', remote_group_id: 'PARENT', remote_ip_prefix: '10.0.0.0/8' } }, ADMIN),
      400, 'SecurityGroupMultipleRemoteEntites');

    const projectM: As = { project: 'project-m', roles: 'member' };
    const fresh = await group({}, projectM);
    const rules = (g: any) => g.security_group_rules.map((r: any) => `${r.direction} ${r.protocol} ${r.remote_group_id === g.id ? 'self' : r.remote_group_id}`).sort();
    assert.deepEqual(rules(fresh), ['egress null null', 'egress null null', 'ingress icmp self', 'ingress tcp null']);
    assert.deepEqual(rules(await defaultOf(projectM)), ['egress null null', 'egress null null', 'ingress null self', 'ingress null self', 'ingress tcp null']);

    expectError(await api.delete(`${templates}/${created.body.default_security_group_rule.id}`, MEMBER_A), 403, 'PolicyNotAuthorized');
    for (const t of [created, self]) assert.equal((await api.delete(`${templates}/${t.body.default_security_group_rule.id}`, ADMIN)).status, 204);
    expectError(await api.get(`${templates}/${self.body.default_security_group_rule.id}`, ADMIN), 404, 'DefaultSecurityGroupRuleNotFound');
    assert.deepEqual(rules(await group({}, projectM)), ['egress null null', 'egress null null']);
  });

  test('lists: filters, sorting and pagination over groups and rules', async () => {
    const projectJ: As = { project: 'project-j', roles: 'member' };
    for (const n of ['c', 'a', 'b']) await group({ name: n }, projectJ);
    const names = (await api.get('/v2.0/security-groups?sort_key=name&sort_dir=asc&fields=name', projectJ)).body.security_groups.map((g: any) => g.name);
    assert.deepEqual(names, ['a', 'b', 'c', 'default']);
    const page = await api.get('/v2.0/security-groups?limit=2&sort_key=name&sort_dir=desc', projectJ);
    assert.deepEqual(page.body.security_groups.map((g: any) => g.name), ['default', 'c']);
    assert.ok(page.body.security_groups_links.some((l: any) => l.rel === 'next'));
    const egress = (await api.get(`${rulesPath}?direction=egress&ethertype=IPv6`, projectJ)).body.security_group_rules;
    assert.equal(egress.length, 4, 'one per group');
    expectError(await api.get(`${rulesPath}?port_range_min=x`, projectJ), 400, 'InvalidInput');
    expectError(await api.get('/v2.0/security-groups?bogus=1', projectJ), 400, 'HTTPBadRequest');
  });
});
