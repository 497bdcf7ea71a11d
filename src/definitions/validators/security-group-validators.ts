import { formatNetaddrNetwork, parseNetaddrNetwork } from './netaddr.ts';
import { pyRepr, pyStr } from './python-text.ts';
import { pyInt } from './python-values.ts';
import { ConversionError, type Converter } from './types.ts';

/**
 * IP protocol names security group rules accept, with their numbers
 * (neutron-lib's IP_PROTOCOL_MAP, in its order: the order matters where two
 * names share a number, see {@link IP_PROTOCOL_NUM_TO_NAME}).
 */
export const IP_PROTOCOL_MAP: ReadonlyMap<string, number> = new Map([
  ['ah', 51], ['dccp', 33], ['egp', 8], ['esp', 50], ['gre', 47], ['hopopt', 0], ['icmp', 1], ['igmp', 2], ['ip', 0],
  ['ipip', 4], ['ipv6-encap', 41], ['ipv6-frag', 44], ['ipv6-icmp', 58], ['icmpv6', 58], ['ipv6-nonxt', 59],
  ['ipv6-opts', 60], ['ipv6-route', 43], ['ospf', 89], ['pgm', 113], ['rsvp', 46], ['sctp', 132], ['tcp', 6],
  ['udp', 17], ['udplite', 136], ['vrrp', 112],
]);

/** Number (as text) → name; where names share a number the later one wins (0 → ip, 58 → icmpv6), as in neutron-lib. */
export const IP_PROTOCOL_NUM_TO_NAME: ReadonlyMap<string, string> = new Map([...IP_PROTOCOL_MAP].map(([name, num]) => [String(num), name]));

/** The two ethertypes, spelled as Neutron stores them. */
export const SG_ETHERTYPES: readonly string[] = ['IPv4', 'IPv6'];

/** Python's repr of Neutron's sg_supported_protocols tuple, for its error message. */
const SUPPORTED_PROTOCOLS_TEXT = `(None, 'any', ${[...IP_PROTOCOL_MAP.keys()].map((n) => `'${n}'`).join(', ')})`;

/**
 * A converter failure whose Neutron exception is not InvalidInput itself but a
 * subclass with its own wire type (`SecurityGroupRuleInvalidProtocol` …).
 * The message is Neutron's.
 */
export class TypedConversionError extends ConversionError {
  constructor(readonly neutronType: string, message: string) { super(message); }
}

/**
 * Neutron's `convert_protocol` for security group rules: null or "any" mean
 * any protocol (null); a number 0–255 (or its text) becomes its decimal
 * text; a name from {@link IP_PROTOCOL_MAP} (any case) its lower-case form.
 * Anything else: SecurityGroupRuleInvalidProtocol. Unlike Neutron, booleans
 * and fractions are refused here (Neutron stores "True" and fails later with 500).
 *
 * @example toSgProtocol('TCP') // "tcp"; toSgProtocol(17) // "17"
 */
export const toSgProtocol: Converter = (value) => {
  if (value === null || value === 'any') return null;
  const invalid = () => new TypedConversionError('SecurityGroupRuleInvalidProtocol',
    `Security group rule protocol ${pyStr(value)} not supported. Only protocol values ${SUPPORTED_PROTOCOLS_TEXT} and integer representations [0 to 255] are supported.`);
  if (typeof value === 'boolean' || (typeof value === 'number' && !Number.isInteger(value))) throw invalid();
  const number = typeof value === 'number' || typeof value === 'string' ? pyInt(value) : undefined;
  if (number !== undefined) {
    if (number < 0n || number > 255n) throw invalid();
    return String(number);
  }
  if (typeof value === 'string' && IP_PROTOCOL_MAP.has(value.toLowerCase())) return value.toLowerCase();
  throw invalid();
};

/**
 * Neutron's `convert_ethertype_to_case_insensitive`: "ipv4"/"IPV6" … become
 * "IPv4"/"IPv6"; anything else is SecurityGroupRuleInvalidEtherType.
 */
export const toSgEthertype: Converter = (value) => {
  if (typeof value === 'string') {
    const match = SG_ETHERTYPES.find((e) => e.toLowerCase() === value.toLowerCase());
    if (match) return match;
  }
  throw new TypedConversionError('SecurityGroupRuleInvalidEtherType',
    `Security group rule for ethertype '${pyStr(value)}' not supported. Allowed values are ${pyRepr(SG_ETHERTYPES)}.`);
};

/**
 * Neutron's `convert_validate_port_value`: null stays null; anything Python's
 * int() reads as 0–65535 becomes that number; else SecurityGroupInvalidPortValue.
 * Booleans are refused (Neutron would take True as port 1).
 */
export const toSgPortValue: Converter = (value) => {
  if (value === null) return null;
  const number = typeof value === 'boolean' ? undefined : pyInt(value);
  if (number === undefined || number < 0n || number > 65535n) {
    throw new TypedConversionError('SecurityGroupInvalidPortValue', `Invalid value for port ${pyStr(value)}`);
  }
  return Number(number);
};

/**
 * Neutron's `convert_ip_prefix_to_cidr`: an empty value is null; anything
 * netaddr reads as a network becomes str(IPNetwork) — host bits kept, a bare
 * address gets /32 or /128 ("10.0.0.1" → "10.0.0.1/32"); else InvalidCIDR.
 */
export const toSgIpPrefix: Converter = (value) => {
  if (value === null || value === '' || value === 0 || value === false || isEmptyContainer(value)) return null;
  const network = typeof value === 'string' ? parseNetaddrNetwork(value) : undefined;
  if (network === undefined) throw new TypedConversionError('InvalidCIDR', `Invalid CIDR ${pyStr(value)} given as IP prefix.`);
  return formatNetaddrNetwork(network);
};

/** Python's falsy containers: [] and {}. */
function isEmptyContainer(value: unknown): boolean {
  return typeof value === 'object' && value !== null && Object.keys(value).length === 0;
}
