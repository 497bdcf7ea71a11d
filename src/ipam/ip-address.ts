/** Address family: 4 for IPv4, 6 for IPv6. */
export type IpVersion = 4 | 6;

/**
 * An IP address as a plain value: the family plus the address as an unsigned
 * integer (`0 <= value < 2 ** ADDRESS_BITS[version]`). Values, not strings,
 * so that range math never re-parses text.
 */
export interface IpAddress {
  readonly version: IpVersion;
  readonly value: bigint;
}

/** Address width in bits per family: `{ 4: 32, 6: 128 }`. */
export const ADDRESS_BITS: Readonly<Record<IpVersion, number>> = Object.freeze({ 4: 32, 6: 128 });

// Leading zeros are rejected because "010" is octal to inet_aton and decimal
// to others; Python's ipaddress (and so Neutron) refuses it for that reason.
const IPV4_PART = /^(?:0|[1-9][0-9]{0,2})$/;
const IPV6_GROUP = /^[0-9a-fA-F]{1,4}$/;

/**
 * Builds an address from a numeric value, checking it fits the family.
 *
 * @throws RangeError when `value` is negative or too wide for `version`.
 * @example makeIpAddress(4, 0x0a000001n) // 10.0.0.1
 */
export function makeIpAddress(version: IpVersion, value: bigint): IpAddress {
  if (value < 0n || value >> BigInt(ADDRESS_BITS[version]) !== 0n) {
    throw new RangeError(`value ${value} does not fit an IPv${version} address`);
  }
  return { version, value };
}

function parseIpv4Value(text: string): bigint | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let value = 0n;
  for (const part of parts) {
    if (!IPV4_PART.test(part)) return undefined;
    const octet = Number(part);
    if (octet > 255) return undefined;
    value = (value << 8n) | BigInt(octet);
  }
  return value;
}

/** Parses colon-separated groups; a dotted IPv4 tail counts as two groups. */
function parseGroups(text: string, allowIpv4Tail: boolean): number[] | undefined {
  if (text === '') return [];
  const parts = text.split(':');
  const groups: number[] = [];
  for (const [index, part] of parts.entries()) {
    if (allowIpv4Tail && index === parts.length - 1 && part.includes('.')) {
      const v4 = parseIpv4Value(part);
      if (v4 === undefined) return undefined;
      groups.push(Number(v4 >> 16n), Number(v4 & 0xffffn));
    } else if (IPV6_GROUP.test(part)) {
      groups.push(parseInt(part, 16));
    } else {
      return undefined;
    }
  }
  return groups;
}

function parseIpv6Value(text: string): bigint | undefined {
  const halves = text.split('::');
  let groups: number[] | undefined;
  if (halves.length === 1) {
    groups = parseGroups(text, true);
    if (groups?.length !== 8) return undefined;
  } else if (halves.length === 2) {
    const head = parseGroups(halves[0], false);
    const tail = parseGroups(halves[1], true);
    // "::" stands for at least one zero group (RFC 4291 §2.2).
    if (head === undefined || tail === undefined || head.length + tail.length > 7) return undefined;
    groups = [...head, ...new Array<number>(8 - head.length - tail.length).fill(0), ...tail];
  } else {
    return undefined;
  }
  return groups.reduce((acc, group) => (acc << 16n) | BigInt(group), 0n);
}

/**
 * Strict parse of an address literal. IPv4: exactly four dotted decimal
 * parts 0–255 without leading zeros. IPv6: any RFC 4291 text form, including
 * "::" and an embedded dotted IPv4 tail, case-insensitive. Rejects whitespace,
 * zone ids ("%eth0"), prefixes and anything else.
 *
 * Pure; never throws.
 *
 * @returns the address, or `undefined` when `text` is not a valid literal.
 * @example parseIpAddress('::ffff:1.2.3.4') // { version: 6, value: 0xffff01020304n }
 */
export function parseIpAddress(text: string): IpAddress | undefined {
  if (text.includes(':')) {
    const value = parseIpv6Value(text);
    return value === undefined ? undefined : { version: 6, value };
  }
  const value = parseIpv4Value(text);
  return value === undefined ? undefined : { version: 4, value };
}

function formatIpv4(value: bigint): string {
  return [24n, 16n, 8n, 0n].map((shift) => String((value >> shift) & 0xffn)).join('.');
}

function formatIpv6(value: bigint): string {
  // ::ffff:0:0/96 is printed with a dotted tail, as RFC 5952 §5 recommends
  // and netaddr (which Neutron uses) does.
  if (value >> 32n === 0xffffn) return `::ffff:${formatIpv4(value & 0xffffffffn)}`;
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt(112 - 16 * i)) & 0xffffn));
  let bestStart = -1;
  let bestLength = 1; // a single zero group is never compressed (RFC 5952 §4.2.2)
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) { i++; continue; }
    let end = i;
    while (end < 8 && groups[end] === 0) end++;
    // Strictly greater keeps the first run on ties (RFC 5952 §4.2.3).
    if (end - i > bestLength) { bestStart = i; bestLength = end - i; }
    i = end;
  }
  const hex = groups.map((group) => group.toString(16));
  if (bestStart < 0) return hex.join(':');
  return `${hex.slice(0, bestStart).join(':')}::${hex.slice(bestStart + bestLength).join(':')}`;
}

/**
 * Canonical text for an address: dotted quad for IPv4; RFC 5952 for IPv6
 * (lower case, no leading zeros, the longest run of two or more zero groups
 * compressed, the first on ties), IPv4-mapped addresses as "::ffff:a.b.c.d".
 *
 * @throws RangeError when `ip.value` does not fit its version.
 * @example formatIpAddress({ version: 6, value: 0xfd77n << 112n }) // "fd77::"
 */
export function formatIpAddress(ip: IpAddress): string {
  makeIpAddress(ip.version, ip.value);
  return ip.version === 4 ? formatIpv4(ip.value) : formatIpv6(ip.value);
}

/**
 * Parse then format: the canonical spelling of an address literal.
 *
 * @returns canonical text, or `undefined` when `text` is invalid.
 * @example canonicalIpAddress('FD77:0:0::1') // "fd77::1"
 */
export function canonicalIpAddress(text: string): string | undefined {
  const ip = parseIpAddress(text);
  return ip === undefined ? undefined : formatIpAddress(ip);
}

/**
 * Fixed-width (32 characters) lower-case hex of an address value, for both
 * families, so that comparing the strings orders them like the numbers. Used
 * as a database sort/range key where bigint columns are not portable.
 *
 * @throws RangeError when `value` is negative or wider than 128 bits.
 * @example valueToHex(1n) // "00000000000000000000000000000001"
 */
export function valueToHex(value: bigint): string {
  if (value < 0n || value >> 128n !== 0n) throw new RangeError(`value ${value} is not a 128-bit unsigned integer`);
  return value.toString(16).padStart(32, '0');
}

/**
 * Inverse of {@link valueToHex}. Accepts 1–32 hex digits in either case.
 *
 * @throws RangeError when `hex` is not 1–32 hex digits.
 */
export function hexToValue(hex: string): bigint {
  if (!/^[0-9a-fA-F]{1,32}$/.test(hex)) throw new RangeError(`"${hex}" is not a hex key`);
  return BigInt(`0x${hex}`);
}
