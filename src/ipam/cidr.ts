import { ADDRESS_BITS, formatIpAddress, parseIpAddress, type IpAddress, type IpVersion } from './ip-address.ts';

/**
 * A network prefix as values. Invariant (kept by every constructor here):
 * the host bits of `network` are zero and `0 <= prefixLength <= ADDRESS_BITS[version]`.
 */
export interface Cidr {
  readonly version: IpVersion;
  readonly network: bigint;
  readonly prefixLength: number;
}

const PREFIX_LENGTH = /^(?:0|[1-9][0-9]{0,2})$/;

/** Mask of the host bits of a prefix: the low `bits - prefixLength` bits set. */
function hostMask(version: IpVersion, prefixLength: number): bigint {
  return (1n << BigInt(ADDRESS_BITS[version] - prefixLength)) - 1n;
}

function checkPrefixLength(version: IpVersion, prefixLength: number): void {
  if (!Number.isInteger(prefixLength) || prefixLength < 0 || prefixLength > ADDRESS_BITS[version]) {
    throw new RangeError(`prefix length ${prefixLength} is not valid for IPv${version}`);
  }
}

/**
 * Parses "a.b.c.d/n" or "<ipv6>/n". The "/n" is required; `n` is plain
 * decimal (no sign, no leading zeros) within the family's width. With
 * `strict` (the default) host bits must be zero, so "10.0.0.1/24" is
 * rejected, as Neutron rejects it for subnets; with `strict: false` they are
 * masked off instead.
 *
 * Pure; never throws.
 *
 * @returns the prefix, or `undefined` when `text` is invalid.
 * @example parseCidr('10.0.0.1/24', { strict: false }) // 10.0.0.0/24
 */
export function parseCidr(text: string, options: { strict?: boolean } = {}): Cidr | undefined {
  const parts = text.split('/');
  if (parts.length !== 2 || !PREFIX_LENGTH.test(parts[1])) return undefined;
  const ip = parseIpAddress(parts[0]);
  const prefixLength = Number(parts[1]);
  if (ip === undefined || prefixLength > ADDRESS_BITS[ip.version]) return undefined;
  const hostBits = ip.value & hostMask(ip.version, prefixLength);
  if (hostBits !== 0n && (options.strict ?? true)) return undefined;
  return { version: ip.version, network: ip.value - hostBits, prefixLength };
}

/**
 * Canonical text of a prefix, e.g. "fd77::/64", "10.0.0.0/24".
 *
 * @throws RangeError when the network value does not fit the family.
 */
export function formatCidr(c: Cidr): string {
  return `${formatIpAddress({ version: c.version, value: c.network })}/${c.prefixLength}`;
}

/** Value of the first (network) address of the prefix. */
export function cidrFirst(c: Cidr): bigint {
  return c.network;
}

/** Value of the last address of the prefix (the broadcast address for IPv4). */
export function cidrLast(c: Cidr): bigint {
  return c.network | hostMask(c.version, c.prefixLength);
}

/** Number of addresses in the prefix, e.g. 256n for a /24. */
export function cidrSize(c: Cidr): bigint {
  return 1n << BigInt(ADDRESS_BITS[c.version] - c.prefixLength);
}

/** Whether `ip` lies in `c`; always false when the families differ. */
export function cidrContainsAddress(c: Cidr, ip: IpAddress): boolean {
  return c.version === ip.version && ip.value >= cidrFirst(c) && ip.value <= cidrLast(c);
}

/** Whether `inner` lies entirely inside `outer` (a prefix contains itself); false across families. */
export function cidrContainsCidr(outer: Cidr, inner: Cidr): boolean {
  return outer.version === inner.version && inner.network >= cidrFirst(outer) && cidrLast(inner) <= cidrLast(outer);
}

/**
 * Whether the two prefixes share any address; false across families. Two
 * prefixes overlap exactly when one contains the other.
 */
export function cidrsOverlap(a: Cidr, b: Cidr): boolean {
  return a.version === b.version && a.network <= cidrLast(b) && b.network <= cidrLast(a);
}

/**
 * The prefix of length `prefixLength` containing `ip` (host bits masked off).
 *
 * @throws RangeError when `prefixLength` is not an integer in 0..ADDRESS_BITS[ip.version].
 * @example cidrFromAddress(parseIpAddress('10.1.2.3')!, 16) // 10.1.0.0/16
 */
export function cidrFromAddress(ip: IpAddress, prefixLength: number): Cidr {
  checkPrefixLength(ip.version, prefixLength);
  return { version: ip.version, network: ip.value & ~hostMask(ip.version, prefixLength), prefixLength };
}
