import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { coreDesiredState } from '../../src/core/driver-state.ts';
import { createOvnDriver, type OvnDriver } from '../../src/drivers/ovn/index.ts';
import { MEMBER_A } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { dumpNb } from '../helpers/nb-dump.ts';
import { assertFreshResyncEquals, eventually, eventuallyEqual, nbctl } from '../helpers/ovn-test-kit.ts';
import { ovsdbSkipReason, startOvsdbServer, type OvsdbServer } from '../helpers/ovsdb-server.ts';

const skip = ovsdbSkipReason();

interface Acl { priority: number; direction: string; match: string; action: string; external_ids: Record<string, string> }
interface Group { external_ids: Record<string, string>; ports: string[]; acls: Acl[] }

/** muon's port groups by name: external_ids, member port ids, ACLs (sorted by match). */
async function groups(remote: string): Promise<Map<string, Group>> {
  const dump = await dumpNb(remote, ['Port_Group', 'ACL', 'Logical_Switch_Port']);
  return new Map((dump.Port_Group as any[]).map((g) => [g.name as string, {
    external_ids: g.external_ids,
    ports: g.ports,
    acls: (g.acls as string[]).map((label) => {
      const { priority, direction, match, action, external_ids } = JSON.parse(label) as Acl;
      return { priority, direction, match, action, external_ids };
    }).sort((a, b) => a.match.localeCompare(b.match)),
  }]));
}

const pg = (id: string) => `pg_${id.replaceAll('-', '_')}`;
const allow = (rule: any, direction: string, match: string, action = 'allow-related'): Acl =>
  ({ priority: 1002, direction, match, action, external_ids: { 'neutron:security_group_rule_id': rule.id } });

forEachApi('OVN driver: security groups', { skip }, ({ api }) => {
  let nb: OvsdbServer;
  let driver: OvnDriver;
  const settle = async () => driver.settled(await api.services.changeFeed.horizon(ADMIN_CONTEXT));
  const group = async (attributes: Record<string, unknown>) => api.create('security-groups', 'security_group', attributes, MEMBER_A);
  const rule = async (attributes: Record<string, unknown>) => api.create('security-group-rules', 'security_group_rule', attributes, MEMBER_A);
  const rulesOf = async (groupId: string) => (await api.get(`/v2.0/security-group-rules?security_group_id=${groupId}`, MEMBER_A)).body.security_group_rules as any[];

  before(async () => {
    nb = await startOvsdbServer();
  });
  after(async () => { await driver?.stop(); await nb.destroy(); });

  test('the first full resync writes port groups, ACL matches and the drop group as ML2/OVN does', async () => {
    const net = await api.network({ name: 'sg' }, MEMBER_A);
    await api.subnet(net.id, '10.90.0.0/24', {}, MEMBER_A);
    const web = await group({ name: 'web' });
    const ssh = await rule({ security_group_id: web.id, direction: 'ingress', protocol: 'tcp', port_range_min: 22, port_range_max: 22, remote_ip_prefix: '10.1.0.0/16' });
    const high = await rule({ security_group_id: web.id, direction: 'ingress', protocol: 'udp', port_range_min: 5000, port_range_max: 5100 });
    const ping = await rule({ security_group_id: web.id, direction: 'ingress', protocol: 'icmp', port_range_min: 8, port_range_max: 0 });
    const peers = await rule({ security_group_id: web.id, direction: 'ingress', ethertype: 'IPv6', remote_group_id: web.id });
    const vrrp = await rule({ security_group_id: web.id, direction: 'egress', protocol: 'vrrp' });
    const vm = await api.port(net.id, { name: 'vm', security_groups: [web.id] }, MEMBER_A);
    const open = await api.port(net.id, { name: 'open', port_security_enabled: false, security_groups: [] }, MEMBER_A);
    const plain = await api.port(net.id, { name: 'plain' }, MEMBER_A);
    driver = createOvnDriver(nb.remote, coreDesiredState(api.services));
    await driver.start();

    const state = await groups(nb.remote);
    const egress = (await rulesOf(web.id)).filter((r) => r.direction === 'egress' && r.protocol === null);
    const p = pg(web.id);
    assert.deepEqual(state.get(p), {
      external_ids: { 'neutron:security_group_id': web.id },
      ports: [vm.id],
      acls: [
        ...egress.map((r) => allow(r, 'from-lport', `inport == @${p} && ${r.ethertype === 'IPv4' ? 'ip4' : 'ip6'}`)),
        allow(vrrp, 'from-lport', `inport == @${p} && ip4 && ip.proto == 112`),
        allow(ssh, 'to-lport', `outport == @${p} && ip4 && ip4.src == 10.1.0.0/16 && tcp && tcp.dst == 22`),
        allow(high, 'to-lport', `outport == @${p} && ip4 && udp && udp.dst >= 5000 && udp.dst <= 5100`),
        allow(ping, 'to-lport', `outport == @${p} && ip4 && icmp4 && icmp4.type == 8 && icmp4.code == 0`),
        allow(peers, 'to-lport', `outport == @${p} && ip6 && ip6.src == $${p}_ip6`),
      ].sort((a, b) => a.match.localeCompare(b.match)),
    });
    assert.deepEqual(state.get('neutron_pg_drop'), {
      external_ids: {},
      ports: [vm.id, plain.id].sort(),
      acls: [
        { priority: 1000, direction: 'from-lport', match: 'inport == @neutron_pg_drop && ip', action: 'drop', external_ids: {} },
        // DHCP requests leave whatever the egress rules (security-group-model.ts DHCP_CLIENT_MATCHES).
        { priority: 1002, direction: 'from-lport', match: 'inport == @neutron_pg_drop && ip4 && udp && udp.src == 68 && udp.dst == 67', action: 'allow', external_ids: {} },
        { priority: 1002, direction: 'from-lport', match: 'inport == @neutron_pg_drop && ip6 && udp && udp.src == 546 && udp.dst == 547', action: 'allow', external_ids: {} },
        { priority: 1000, direction: 'to-lport', match: 'outport == @neutron_pg_drop && ip', action: 'drop', external_ids: {} },
      ],
    });
    assert.deepEqual(state.get(pg(plain.security_groups[0]))?.ports, [plain.id], 'the default group');
    assert.ok(![...state.values()].some((g) => g.ports.includes(open.id)), 'a port without port security is in no group');
  });

  test('after a stream of changes the port groups and ACLs are what a full resync makes', async () => {
    const net = await api.network({ name: 'sg-stream' }, MEMBER_A);
    await api.subnet(net.id, '10.91.0.0/24', {}, MEMBER_A);
    const a = await group({ name: 'a' });
    const b = await group({ name: 'b' });
    const doomed = await group({ name: 'doomed' });
    const p1 = await api.port(net.id, { security_groups: [a.id] }, MEMBER_A);
    const p2 = await api.port(net.id, { security_groups: [a.id, b.id] }, MEMBER_A);
    await settle();
    const r1 = await rule({ security_group_id: a.id, direction: 'ingress', protocol: 'tcp', port_range_min: 80, port_range_max: 80 });
    const r2 = await rule({ security_group_id: b.id, direction: 'ingress', remote_group_id: a.id });
    const egressB = (await rulesOf(b.id)).find((r) => r.direction === 'egress' && r.ethertype === 'IPv4');
    assert.equal((await api.delete(`/v2.0/security-group-rules/${egressB.id}`, MEMBER_A)).status, 204);
    const stateless = await group({ name: 'stateless', stateful: false });
    await rule({ security_group_id: stateless.id, direction: 'ingress', protocol: 'udp' });
    assert.equal((await api.delete(`/v2.0/security-groups/${doomed.id}`, MEMBER_A)).status, 204);
    await settle();
    // From here on only ports change.
    assert.equal((await api.put(`/v2.0/ports/${p1.id}`, { port: { security_groups: [b.id] } }, MEMBER_A)).status, 200);
    assert.equal((await api.put(`/v2.0/ports/${p2.id}`, { port: { security_groups: [], port_security_enabled: false } }, MEMBER_A)).status, 200);
    const p3 = await api.port(net.id, { security_groups: [a.id] }, MEMBER_A);
    const p4 = await api.port(net.id, { security_groups: [stateless.id] }, MEMBER_A);
    await settle();
    const incremental = await dumpNb(nb.remote);

    await assertFreshResyncEquals(coreDesiredState(api.services), incremental);

    const state = await groups(nb.remote);
    assert.equal(state.get(pg(doomed.id)), undefined, 'the deleted group has no port group');
    assert.deepEqual(state.get(pg(a.id))!.ports, [p3.id]);
    assert.deepEqual(state.get(pg(b.id))!.ports, [p1.id]);
    assert.deepEqual(state.get(pg(stateless.id))!.ports, [p4.id]);
    const dumpOf = () => JSON.stringify([...state.entries()]);
    assert.ok(state.get(pg(a.id))!.acls.some((acl) => acl.external_ids['neutron:security_group_rule_id'] === r1.id && acl.match.endsWith('tcp && tcp.dst == 80')), `r1 ${r1.id}: ${dumpOf()}`);
    assert.ok(state.get(pg(b.id))!.acls.some((acl) => acl.external_ids['neutron:security_group_rule_id'] === r2.id && acl.match.includes(`ip4.src == $${pg(a.id)}_ip4`)), `r2 ${r2.id}: ${dumpOf()}`);
    assert.ok(!state.get(pg(b.id))!.acls.some((acl) => acl.external_ids['neutron:security_group_rule_id'] === egressB.id), 'the deleted rule has no ACL');
    assert.ok(state.get(pg(stateless.id))!.acls.every((acl) => acl.action === 'allow-stateless'), 'stateless');
    assert.ok(!state.get('neutron_pg_drop')!.ports.includes(p2.id), 'port security off: out of the drop group');
    assert.ok(state.get('neutron_pg_drop')!.ports.includes(p1.id), 'p1 in the drop group');
  });

  test('port groups and ACLs changed or deleted behind muon\'s back are put back', async () => {
    const net = await api.network({ name: 'sg-guarded' }, MEMBER_A);
    await api.subnet(net.id, '10.92.0.0/24', {}, MEMBER_A);
    const g = await group({ name: 'guarded' });
    await rule({ security_group_id: g.id, direction: 'ingress', protocol: 'tcp', port_range_min: 443, port_range_max: 443 });
    const port = await api.port(net.id, { security_groups: [g.id] }, MEMBER_A);
    await settle();
    const wanted = (await groups(nb.remote)).get(pg(g.id));
    const current = async () => (await groups(nb.remote)).get(pg(g.id));

    const tcp = nbctl(nb, '--bare', '--columns=_uuid', 'find', 'ACL', 'match="outport == @' + pg(g.id) + ' && ip4 && tcp && tcp.dst == 443"');
    nbctl(nb, 'set', 'ACL', tcp, 'match="outport == @' + pg(g.id) + ' && ip4"');
    await eventuallyEqual('the ACL put back', current, wanted);
    nbctl(nb, 'clear', 'Port_Group', pg(g.id), 'ports');
    await eventuallyEqual('the members put back', current, wanted);
    nbctl(nb, 'acl-add', pg(g.id), 'to-lport', '1002', 'ip4', 'allow-related');
    nbctl(nb, '--type=port-group', 'acl-add', 'neutron_pg_drop', 'to-lport', '1002', 'ip4', 'allow');
    await eventuallyEqual('the stray ACL removed', current, wanted);
    await eventually('the drop group\'s stray ACL removed', async () => (await groups(nb.remote)).get('neutron_pg_drop')!.acls.length === 4);
    nbctl(nb, 'pg-del', pg(g.id));
    await eventuallyEqual('the port group back', current, wanted);
    nbctl(nb, 'pg-del', 'neutron_pg_drop');
    await eventually('the drop group back', async () => (await groups(nb.remote)).get('neutron_pg_drop')?.ports.includes(port.id) === true);
  });
});
