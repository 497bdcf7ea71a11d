import { IP_PROTOCOL_MAP, IP_PROTOCOL_NUM_TO_NAME } from '../../definitions/validators/index.ts';
import { formatNetaddrNetwork, networkValue, parseNetaddrNetwork } from '../../definitions/validators/netaddr.ts';
import {
  SecurityGroupEthertypeConflictWithProtocol, SecurityGroupInvalidIcmpValue, SecurityGroupInvalidPortRange, SecurityGroupInvalidPortValue,
  SecurityGroupInvalidProtocolForPort, SecurityGroupMissingIcmpType, SecurityGroupMultipleRemoteEntites, SecurityGroupProtocolRequiredWithPorts,
  SecurityGroupRuleParameterConflict,
} from '../errors.ts';

/**
 * The attributes of a security group rule (or of a rule template) that
 * decide what it matches, after the API converters ran: protocol as a
 * lower-case name or decimal text, ports as numbers, remote_ip_prefix as
 * str(IPNetwork). Null = not set.
 */
export interface RuleMatch {
  direction: string;
  ethertype: string;
  protocol: string | null;
  port_range_min: number | null;
  port_range_max: number | null;
  remote_ip_prefix: string | null;
  remote_group_id: string | null;
  remote_address_group_id: string | null;
}

/** The match of a rule record, request values or row (null for absent values). Pure. */
export function ruleMatchOf(values: Readonly<Record<string, unknown>>): RuleMatch {
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  const number = (v: unknown) => (v === null || v === undefined ? null : Number(v));
  return {
    direction: String(values.direction), ethertype: String(values.ethertype), protocol: text(values.protocol),
    port_range_min: number(values.port_range_min), port_range_max: number(values.port_range_max),
    remote_ip_prefix: text(values.remote_ip_prefix), remote_group_id: text(values.remote_group_id),
    remote_address_group_id: text(values.remote_address_group_id),
  };
}

/** Protocols with ports (DCCP, SCTP, TCP, UDP, UDPLITE), by number. */
const PORT_PROTOCOLS = new Set([33, 132, 6, 17, 136]);
const ICMP = 1;
const IPV6_ICMP = 58;
/** Protocols that exist only over IPv6: refused in IPv4 rules. */
const IPV6_ONLY_PROTOCOLS = new Set(['ipv6-encap', 'ipv6-frag', 'ipv6-icmp', 'icmpv6', 'ipv6-nonxt', 'ipv6-opts', 'ipv6-route', '41', '44', '58', '59', '60', '43']);

/**
 * Neutron's checks and rewrites of a rule's match, in Neutron's order, on
 * `rule` in place: legacy IPv6 ICMP names become ipv6-icmp (and protocol 1
 * becomes 58) in IPv6 rules; the full range 1–65535 becomes no range; port
 * ranges must suit the protocol (TCP-like: 1–65535 and min ≤ max; ICMP:
 * type and code 0–255, no code without a type; others: none);
 * remote_ip_prefix must be of the rule's ethertype; IPv6-only protocols
 * need IPv6; at most one of remote_ip_prefix, remote_group_id and
 * remote_address_group_id. Pure; throws the Neutron error.
 *
 * @example normaliseRule({ ethertype: 'IPv6', protocol: 'icmp', … }) // protocol becomes 'ipv6-icmp'
 */
export function normaliseRule(rule: RuleMatch): void {
  if (rule.ethertype === 'IPv6') {
    if (rule.protocol === 'icmp' || rule.protocol === 'icmpv6') rule.protocol = 'ipv6-icmp';
    else if (rule.protocol === String(ICMP)) rule.protocol = String(IPV6_ICMP);
  }
  if (rule.port_range_min === 1 && rule.port_range_max === 65535) {
    rule.port_range_min = null;
    rule.port_range_max = null;
  }
  checkPortRange(rule);
  checkRemoteIpPrefix(rule);
  if (rule.ethertype === 'IPv4' && rule.protocol !== null && IPV6_ONLY_PROTOCOLS.has(rule.protocol)) {
    throw new SecurityGroupEthertypeConflictWithProtocol(rule.ethertype, rule.protocol);
  }
  const remotes = [rule.remote_ip_prefix, rule.remote_group_id, rule.remote_address_group_id].filter((r) => r !== null && r !== '');
  if (remotes.length > 1) throw new SecurityGroupMultipleRemoteEntites();
}

/** The protocol's number (null = any protocol). */
export function protocolNumber(protocol: string | null): number | null {
  if (protocol === null) return null;
  const name = protocol === 'icmpv6' ? 'ipv6-icmp' : protocol;
  return IP_PROTOCOL_MAP.get(name) ?? Number(protocol);
}

function checkPortRange(rule: RuleMatch): void {
  const { port_range_min: min, port_range_max: max } = rule;
  if (min === null && max === null) return;
  if (rule.protocol === null) throw new SecurityGroupProtocolRequiredWithPorts();
  const number = protocolNumber(rule.protocol)!;
  if (PORT_PROTOCOLS.has(number)) {
    if (min === 0 || max === 0) throw new SecurityGroupInvalidPortValue('0');
    if (min === null || max === null || min > max) throw new SecurityGroupInvalidPortRange();
  } else if (number === ICMP || number === IPV6_ICMP) {
    if (min !== null && (min < 0 || min > 255)) throw new SecurityGroupInvalidIcmpValue('type', 'port_range_min', min);
    if (max !== null && (max < 0 || max > 255)) throw new SecurityGroupInvalidIcmpValue('code', 'port_range_max', max);
    if (min === null && max !== null) throw new SecurityGroupMissingIcmpType(max);
  } else {
    throw new SecurityGroupInvalidProtocolForPort(String(number));
  }
}

function checkRemoteIpPrefix(rule: RuleMatch): void {
  if (rule.remote_ip_prefix === null) return;
  const network = parseNetaddrNetwork(rule.remote_ip_prefix);
  if (network === undefined) return; // the converter let only networks through
  rule.remote_ip_prefix = formatNetaddrNetwork(network);
  if (rule.ethertype !== `IPv${network.ip.version}`) throw new SecurityGroupRuleParameterConflict(rule.ethertype, rule.remote_ip_prefix);
}

/** remote_ip_prefix with its host bits cleared (the normalized_cidr attribute); null without a prefix. */
export function normalizedCidr(remoteIpPrefix: string | null): string | null {
  if (remoteIpPrefix === null) return null;
  const network = parseNetaddrNetwork(remoteIpPrefix);
  if (network === undefined) return null;
  return formatNetaddrNetwork({ ip: { version: network.ip.version, value: networkValue(network) }, prefixLength: network.prefixLength });
}

/**
 * What makes two rules of a group duplicates (Neutron's _rule_to_key):
 * direction, ethertype, ports, remotes, and the protocol as a name/number
 * pair (so "tcp" and "6" are the same rule); remote_ip_prefix 0.0.0.0/0,
 * ::/0 and none are the same. Pure.
 */
export function ruleKey(rule: RuleMatch & { security_group_id: string }): string {
  const none = '+';
  const text = (value: unknown) => (value === null || value === undefined ? none : String(value));
  const prefix = rule.remote_ip_prefix === null || rule.remote_ip_prefix === '0.0.0.0/0' || rule.remote_ip_prefix === '::/0' ? none : rule.remote_ip_prefix;
  return [
    rule.direction, rule.ethertype, text(rule.port_range_max), text(rule.port_range_min), protocolKey(rule.protocol, rule.ethertype),
    text(rule.remote_group_id), text(rule.remote_address_group_id), prefix, rule.security_group_id,
  ].join('_');
}

/** Neutron's _get_ip_proto_name_and_num: [name, number] for names and known numbers, [x, x] otherwise. */
function protocolKey(protocol: string | null, ethertype: string): string {
  if (protocol === null) return '+';
  let p = protocol;
  if (ethertype === 'IPv6') {
    if (p === 'icmp' || p === 'icmpv6') p = 'ipv6-icmp';
    else if (p === String(ICMP)) p = String(IPV6_ICMP);
  }
  if (IP_PROTOCOL_MAP.has(p)) return `${p}/${IP_PROTOCOL_MAP.get(p)}`;
  const name = IP_PROTOCOL_NUM_TO_NAME.get(p);
  return name === undefined ? `${p}/${p}` : `${name}/${p}`;
}
