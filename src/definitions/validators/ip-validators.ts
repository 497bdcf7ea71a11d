import { parseIpAddress } from '../../ipam/ip-address.ts';
import { formatNetaddrIp, formatNetaddrNetwork, networkValue, parseNetaddrNetwork, zeroFilledIpv4 } from './netaddr.ts';
import { pyStr } from './python-text.ts';
import { checkListOfItems, PY_WHITESPACE } from './python-values.ts';
import type { Validator } from './types.ts';

/**
 * neutron-lib `ip_address`: an IPv6 literal, or an IPv4 dotted quad of
 * exactly four parts in canonical form. Octets with leading zeros get
 * Neutron's hint: `'010.0.0.1' is not an accepted IP address, '10.0.0.1' is
 * recommended`; anything else `'<v>' is not a valid IP address`.
 *
 * @example ipAddress('10.0.0.256') // "'10.0.0.256' is not a valid IP address"
 */
export const ipAddress: Validator = (value) => {
  const invalid = `'${pyStr(value)}' is not a valid IP address`;
  if (typeof value !== 'string' || PY_WHITESPACE.test(value)) return invalid;
  if (value.includes(':')) return parseIpAddress(value)?.version === 6 ? undefined : invalid;
  if (value.split('.').length !== 4) return invalid;
  const repaired = zeroFilledIpv4(value);
  if (repaired === undefined) return invalid;
  if (repaired !== value) return `'${value}' is not an accepted IP address, '${repaired}' is recommended`;
  return undefined;
};

/** {@link ipAddress}, or null. */
export const ipAddressOrNone: Validator = (value) => (value === null ? undefined : ipAddress(value));

/**
 * neutron-lib `subnet`: "<address>/<prefix>" that netaddr reads as a network;
 * IPv4 must be spelled canonically ("10.0.0.0/24", not "10/24" or
 * "10.0.0.0/255.255.255.0"). Host bits are allowed, as in Neutron: the
 * subnet service masks "10.0.0.1/24" to 10.0.0.0/24. Failure message
 * `'<v>' is not a valid IP subnet`.
 *
 * @example subnetCidr('10.0.0.0') // "'10.0.0.0' is not a valid IP subnet"
 */
export const subnetCidr: Validator = (value) => {
  const invalid = `'${pyStr(value)}' is not a valid IP subnet`;
  if (typeof value !== 'string' || PY_WHITESPACE.test(value) || !value.includes('/')) return invalid;
  const network = parseNetaddrNetwork(value);
  if (network === undefined) return invalid;
  if (network.ip.version === 4 && formatNetaddrNetwork(network) !== value) return invalid;
  return undefined;
};

/** {@link subnetCidr}, or null (neutron-lib `subnet_or_none`). */
export const subnetCidrOrNone: Validator = (value) => (value === null ? undefined : subnetCidr(value));

/** neutron-lib `subnet_list`: a list of unique {@link subnetCidr} values. */
export const subnetList: Validator = (value) => checkListOfItems(value, subnetCidr);

/** {@link subnetList}, or null (neutron-lib `list_of_subnets_or_none`). */
export const subnetListOrNone: Validator = (value) => (value === null ? undefined : subnetList(value));

/**
 * neutron-lib `route_cidr` (host route destinations): a network without host
 * bits (`'<v>' is not a valid CIDR`) that is not loopback — 127.0.0.0/8 and
 * its subnets, ::1/128 (`'<v>' is not a routable CIDR`).
 *
 * @example routeCidr('192.168.1.1/8') // "'192.168.1.1/8' is not a valid CIDR"
 */
export const routeCidr: Validator = (value) => {
  const invalid = `'${pyStr(value)}' is not a valid CIDR`;
  if (typeof value !== 'string' || PY_WHITESPACE.test(value) || !value.includes('/')) return invalid;
  const network = parseNetaddrNetwork(value);
  if (network === undefined || networkValue(network) !== network.ip.value) return invalid;
  const { version, value: address } = network.ip;
  const loopback = version === 4 ? network.prefixLength >= 8 && address >> 24n === 127n : address === 1n && network.prefixLength === 128;
  return loopback ? `'${value}' is not a routable CIDR` : undefined;
};

/**
 * neutron-lib `ip_or_subnet_or_none`: null, an {@link ipAddress} or a
 * {@link subnetCidr}.
 */
export const ipOrSubnetOrNone: Validator = (value) => {
  if (value === null || ipAddress(value) === undefined || subnetCidr(value) === undefined) return undefined;
  return `'${pyStr(value)}' is neither a valid IP address, nor is it a valid IP subnet`;
};

/**
 * Rejects multicast addresses (224.0.0.0/4, ff00::/8): `IP <ip> is a multicast
 * address, which is not supported.` Expects a valid {@link ipAddress};
 * anything else passes.
 */
export const ipNotMulticast: Validator = (value) => {
  const ip = typeof value === 'string' ? parseIpAddress(value) : undefined;
  if (ip === undefined) return undefined;
  const multicast = ip.version === 4 ? ip.value >> 28n === 0xen : ip.value >> 120n === 0xffn;
  return multicast ? `IP ${value as string} is a multicast address, which is not supported.` : undefined;
};

/**
 * Rejects networks overlapping the multicast range (0.0.0.0/0 is exempt, ::/0
 * is not, as in neutron-lib): `Subnet <net> overlaps with multicast range
 * 224.0.0.0/4, which is not supported.` Expects a valid {@link subnetCidr}.
 */
export const subnetNotMulticast: Validator = (value) => {
  const network = typeof value === 'string' ? parseNetaddrNetwork(value) : undefined;
  if (network === undefined) return undefined;
  const { version, value: address } = network.ip;
  if (version === 4 && network.prefixLength === 0) return undefined;
  const [rangeBits, rangeTop, range] = version === 4 ? [4, 0xen, '224.0.0.0/4'] : [8, 0xffn, 'ff00::/8'];
  const width = version === 4 ? 32 : 128;
  const common = Math.min(network.prefixLength, rangeBits);
  const top = address >> BigInt(width - common);
  const rangeTopBits = rangeTop >> BigInt(rangeBits - common);
  if (top !== rangeTopBits) return undefined;
  return `Subnet ${formatNetaddrNetwork(network)} overlaps with multicast range ${range}, which is not supported.`;
};

/** Canonical text of a valid address literal, as Neutron prints it (IPv6 compressed), or `undefined`. */
export function canonicalIp(value: string): string | undefined {
  const ip = parseIpAddress(value);
  return ip === undefined ? undefined : formatNetaddrIp(ip);
}
