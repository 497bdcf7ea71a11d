import type { PortView, SecurityGroupRuleView, SecurityGroupView } from '../driver.ts';
import { addressSetName } from './address-set-model.ts';
import { hasSwitchPort, portSecurityOf } from './ovn-model.ts';

/*
 * Security groups as OVN port groups and ACLs, named and matched as ML2/OVN
 * builds them (pure):
 * - a port group `pg_<group id with _ for ->` per security group, external_ids
 *   `neutron:security_group_id`, holding the switch ports of the group's
 *   ports, with one ACL per rule (priority 1002, allow-related — or
 *   allow-stateless for a stateless group —, to-lport for ingress and
 *   from-lport for egress, external_ids `neutron:security_group_rule_id`);
 * - the port group `neutron_pg_drop` holding every port with port security,
 *   whose two ACLs (priority 1000) drop all IP traffic the rules do not allow,
 *   except a port's own DHCP requests (see `DHCP_CLIENT_MATCHES`); priority
 *   1001 between the two is for the logged drops of one group (log-model.ts);
 * - a remote-group rule matches the addresses of the remote group's ports
 *   through the address sets OVN keeps for every port group
 *   (`$pg_<id>_ip4` / `$pg_<id>_ip6`), as ML2/OVN does since port groups.
 * Ports without port security, and the network's own ports, are in no group.
 */

export const DROP_PORT_GROUP = 'neutron_pg_drop';
export const ACL_PRIORITY_ALLOW = 1002;
/** A logged group's own drop ACLs (network logs, log-model.ts): above the silent drop of every port, below the rules. */
export const ACL_PRIORITY_LOG_DROP = 1001;
export const ACL_PRIORITY_DROP = 1000;
export const SG_ID_KEY = 'neutron:security_group_id';
export const SG_RULE_ID_KEY = 'neutron:security_group_rule_id';

/** The port group of a security group. */
export function portGroupName(securityGroupId: string): string {
  return `pg_${securityGroupId.replaceAll('-', '_')}`;
}

/** An ACL as muon writes it (the columns muon sets; others stay at OVN's defaults). */
export interface AclSpec {
  readonly priority: number;
  readonly direction: 'from-lport' | 'to-lport';
  readonly match: string;
  readonly action: 'allow' | 'allow-related' | 'allow-stateless' | 'drop';
  readonly external_ids: Record<string, string>;
  /** Set when a network log records the ACL's packets (log-model.ts); absent: not logged. */
  readonly logging?: AclLogging;
}

/** The columns of a logged ACL, as ML2/OVN's log driver sets them. */
export interface AclLogging {
  /** `neutron-<log id>`: the log the packets are recorded for. */
  readonly name: string;
  readonly severity: 'info';
  readonly meter: string;
  /** Non-zero: ovn-controller tells the ACL's related packets (replies) apart by it (`log-related`). */
  readonly label: number;
}

/** A port group muon wants (its members are switch port names, i.e. port ids). */
export interface PortGroupSpec {
  readonly name: string;
  readonly external_ids: Record<string, string>;
  readonly acls: readonly AclSpec[];
}

/** Whether a port's switch port belongs in port groups: it has port security and is nobody's network port. */
export function isSecured(port: PortView): boolean {
  return hasSwitchPort(port) && portSecurityOf(port).length > 0;
}

/** The port groups a port's switch port belongs to (none when it is not secured). */
export function portGroupsOf(port: PortView): string[] {
  if (!isSecured(port)) return [];
  return [DROP_PORT_GROUP, ...(port.security_groups ?? []).map(portGroupName)];
}

export function desiredPortGroup(group: SecurityGroupView, rules: readonly SecurityGroupRuleView[]): PortGroupSpec {
  const name = portGroupName(group.id);
  const action = group.stateful === false ? 'allow-stateless' : 'allow-related';
  return { name, external_ids: { [SG_ID_KEY]: group.id }, acls: rules.map((rule) => ruleAcl(name, rule, action)) };
}

/*
 * DHCP requests leave a port whatever its egress rules say. OVN's pipeline
 * runs the ACL stage before its DHCP responder, so without these a group with
 * no egress rule (or only narrow ones) starves its ports of leases — checked
 * with ovn-trace: the request ends at `inport == @neutron_pg_drop && ip`.
 * Neutron's reference firewall (iptables) always lets a client's DHCP out
 * (udp 68→67, DHCPv6 546→547), and ML2/OVN's per-port ACLs did the same
 * (`add_acl_dhcp`); the replies are admitted by northd itself (its priority
 * 34000 flow from the DHCP server's address), so no to-lport ACL is needed.
 */
export const DHCP_CLIENT_MATCHES = [
  `inport == @${DROP_PORT_GROUP} && ip4 && udp && udp.src == 68 && udp.dst == 67`,
  `inport == @${DROP_PORT_GROUP} && ip6 && udp && udp.src == 546 && udp.dst == 547`,
] as const;

/** The drop group: no traffic unless a rule allows it, but a port's DHCP requests. */
export function desiredDropGroup(): PortGroupSpec {
  const acl = (direction: AclSpec['direction'], portField: string): AclSpec => ({
    priority: ACL_PRIORITY_DROP, direction, match: `${portField} == @${DROP_PORT_GROUP} && ip`, action: 'drop', external_ids: {},
  });
  const dhcp = DHCP_CLIENT_MATCHES.map((match): AclSpec => ({ priority: ACL_PRIORITY_ALLOW, direction: 'from-lport', match, action: 'allow', external_ids: {} }));
  return { name: DROP_PORT_GROUP, external_ids: {}, acls: [acl('from-lport', 'inport'), acl('to-lport', 'outport'), ...dhcp] };
}

/** The ACL of one rule in port group `portGroup`. */
export function ruleAcl(portGroup: string, rule: SecurityGroupRuleView, action: AclSpec['action']): AclSpec {
  const ingress = rule.direction === 'ingress';
  const ip = rule.ethertype === 'IPv6' ? 'ip6' : 'ip4';
  const remoteField = `${ip}.${ingress ? 'src' : 'dst'}`;
  let match = `${ingress ? 'outport' : 'inport'} == @${portGroup} && ${ip}`;
  const prefix = rule.normalized_cidr ?? rule.remote_ip_prefix;
  if (prefix) match += ` && ${remoteField} == ${prefix}`;
  if (rule.remote_group_id) match += ` && ${remoteField} == $${portGroupName(rule.remote_group_id)}_${ip}`;
  // Address groups: their address sets (address-set-model.ts). Should a set be missing, OVN rejects the
  // match and the rule allows nothing (closed), rather than everything as a match without it would.
  if (rule.remote_address_group_id) match += ` && ${remoteField} == $${addressSetName(rule.remote_address_group_id, ip === 'ip6' ? 6 : 4)}`;
  match += protocolMatch(rule, ip === 'ip6' ? 'icmp6' : 'icmp4');
  return { priority: ACL_PRIORITY_ALLOW, direction: ingress ? 'to-lport' : 'from-lport', match, action, external_ids: { [SG_RULE_ID_KEY]: rule.id } };
}

/** IANA numbers of the protocol names Neutron accepts (neutron-lib's IP_PROTOCOL_MAP). */
const PROTOCOL_NUMBERS: Readonly<Record<string, number>> = {
  ah: 51, dccp: 33, egp: 8, esp: 50, gre: 47, hopopt: 0, icmp: 1, igmp: 2, ipip: 4, 'ipv6-encap': 41, 'ipv6-frag': 44,
  'ipv6-icmp': 58, icmpv6: 58, 'ipv6-nonxt': 59, 'ipv6-opts': 60, 'ipv6-route': 43, ospf: 89, pgm: 113, rsvp: 46, sctp: 132,
  tcp: 6, udp: 17, udplite: 136, vrrp: 112,
};
const TRANSPORT: Readonly<Record<number, string>> = { 6: 'tcp', 17: 'udp', 132: 'sctp' };
const ICMP = new Set([1, 58]);

function protocolMatch(rule: SecurityGroupRuleView, icmp: string): string {
  if (rule.protocol === null || rule.protocol === undefined || rule.protocol === '') return '';
  const number = /^\d+$/.test(rule.protocol) ? Number(rule.protocol) : PROTOCOL_NUMBERS[rule.protocol.toLowerCase()];
  // The API refuses unknown protocols; one that got through anyway matches nothing rather than everything.
  if (number === undefined) return ' && ip.proto == 256';
  const [min, max] = [rule.port_range_min, rule.port_range_max];
  const transport = TRANSPORT[number];
  if (transport !== undefined) {
    if (min !== null && min === max) return ` && ${transport} && ${transport}.dst == ${min}`;
    return ` && ${transport}${min !== null ? ` && ${transport}.dst >= ${min}` : ''}${max !== null ? ` && ${transport}.dst <= ${max}` : ''}`;
  }
  if (ICMP.has(number)) return ` && ${icmp}${min !== null ? ` && ${icmp}.type == ${min}` : ''}${max !== null ? ` && ${icmp}.code == ${max}` : ''}`;
  return ` && ip.proto == ${number}`;
}
