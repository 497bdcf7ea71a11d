import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { PortView, SecurityGroupRuleView } from '../driver.ts';
import { desiredDropGroup, desiredPortGroup, portGroupName, portGroupsOf, ruleAcl } from './security-group-model.ts';

const SG = '5e0c8a3e-1111-4222-8333-444455556666';
const PG = 'pg_5e0c8a3e_1111_4222_8333_444455556666';
const rule = (over: Partial<SecurityGroupRuleView>): SecurityGroupRuleView => ({
  id: 'r1', security_group_id: SG, direction: 'ingress', ethertype: 'IPv4', protocol: null, port_range_min: null, port_range_max: null,
  remote_ip_prefix: null, remote_group_id: null, revision_number: 0, ...over,
});
const match = (over: Partial<SecurityGroupRuleView>) => ruleAcl(PG, rule(over), 'allow-related').match;

test('port group names replace - with _', () => {
  assert.equal(portGroupName(SG), PG);
});

test('direction: ingress is to-lport on outport, egress from-lport on inport; priority 1002, rule id in external_ids', () => {
  assert.deepEqual(ruleAcl(PG, rule({}), 'allow-related'), { priority: 1002, direction: 'to-lport', match: `outport == @${PG} && ip4`, action: 'allow-related', external_ids: { 'neutron:security_group_rule_id': 'r1' } });
  assert.equal(ruleAcl(PG, rule({ direction: 'egress', ethertype: 'IPv6' }), 'allow-stateless').match, `inport == @${PG} && ip6`);
});

test('ports: one port, a range, open ends; protocol numbers become names for tcp/udp/sctp', () => {
  assert.equal(match({ protocol: 'tcp', port_range_min: 22, port_range_max: 22 }), `outport == @${PG} && ip4 && tcp && tcp.dst == 22`);
  assert.equal(match({ protocol: '17', port_range_min: 1000, port_range_max: 2000 }), `outport == @${PG} && ip4 && udp && udp.dst >= 1000 && udp.dst <= 2000`);
  assert.equal(match({ protocol: 'sctp' }), `outport == @${PG} && ip4 && sctp`);
});

test('ICMP type and code; ICMPv6 under IPv6; other protocols by number', () => {
  assert.equal(match({ protocol: 'icmp', port_range_min: 8, port_range_max: 0 }), `outport == @${PG} && ip4 && icmp4 && icmp4.type == 8 && icmp4.code == 0`);
  assert.equal(match({ ethertype: 'IPv6', protocol: 'ipv6-icmp', port_range_min: 128 }), `outport == @${PG} && ip6 && icmp6 && icmp6.type == 128`);
  assert.equal(match({ protocol: 'gre' }), `outport == @${PG} && ip4 && ip.proto == 47`);
  assert.equal(match({ protocol: '112' }), `outport == @${PG} && ip4 && ip.proto == 112`);
});

test('remote prefix (normalized) and remote group: source for ingress, destination for egress', () => {
  assert.equal(match({ remote_ip_prefix: '10.0.0.5/8', normalized_cidr: '10.0.0.0/8' }), `outport == @${PG} && ip4 && ip4.src == 10.0.0.0/8`);
  assert.equal(match({ direction: 'egress', remote_ip_prefix: '192.0.2.0/24' }), `inport == @${PG} && ip4 && ip4.dst == 192.0.2.0/24`);
  assert.equal(match({ ethertype: 'IPv6', remote_group_id: SG }), `outport == @${PG} && ip6 && ip6.src == $${PG}_ip6`);
  assert.equal(match({ remote_address_group_id: 'a-b' }), `outport == @${PG} && ip4 && ip4.src == $ag_a_b_ip4`, 'an address group is never dropped from the match');
});

test('a group: its external_ids, one ACL per rule, stateless groups allow-stateless; the drop group drops IP both ways but lets DHCP requests out', () => {
  const spec = desiredPortGroup({ id: SG, name: 'web', project_id: 'p', stateful: false, revision_number: 1 }, [rule({}), rule({ id: 'r2', direction: 'egress' })]);
  assert.deepEqual(spec.external_ids, { 'neutron:security_group_id': SG });
  assert.deepEqual(spec.acls.map((a) => a.action), ['allow-stateless', 'allow-stateless']);
  assert.deepEqual(desiredDropGroup().acls.map((a) => [a.direction, a.priority, a.match, a.action]), [
    ['from-lport', 1000, 'inport == @neutron_pg_drop && ip', 'drop'], ['to-lport', 1000, 'outport == @neutron_pg_drop && ip', 'drop'],
    ['from-lport', 1002, 'inport == @neutron_pg_drop && ip4 && udp && udp.src == 68 && udp.dst == 67', 'allow'],
    ['from-lport', 1002, 'inport == @neutron_pg_drop && ip6 && udp && udp.src == 546 && udp.dst == 547', 'allow'],
  ]);
});

test('membership: secured ports are in the drop group and their groups; no port security or network ports: none', () => {
  const port: PortView = {
    id: 'p1', name: '', network_id: 'n', project_id: 'p', mac_address: 'fa:16:3e:00:00:01', fixed_ips: [], device_id: '', device_owner: 'compute:nova',
    admin_state_up: true, revision_number: 1, security_groups: [SG], port_security_enabled: true,
  };
  assert.deepEqual(portGroupsOf(port), ['neutron_pg_drop', PG]);
  assert.deepEqual(portGroupsOf({ ...port, port_security_enabled: false, security_groups: [] }), []);
  assert.deepEqual(portGroupsOf({ ...port, device_owner: 'network:router_interface' }), []);
});
