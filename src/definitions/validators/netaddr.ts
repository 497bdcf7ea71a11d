// How netaddr (>= 1.0, which Neutron uses) reads address and network text,
// on top of the strict parsers in src/ipam. Only the wire-format quirks live
// here: netaddr's ZEROFILL repair of IPv4 octets, and IPNetwork's prefix
// forms ("/24", "/ 24", "/+24", "/255.255.255.0", "/0.0.0.255", none at all).

import { formatIpAddress, parseIpAddress, type IpAddress } from '../../ipam/ip-address.ts';
import { pyInt } from './python-values.ts';

/** A network as netaddr's IPNetwork keeps it: the address as given (host bits kept) and the prefix. */
export interface NetaddrNetwork {
  readonly ip: IpAddress;
  readonly prefixLength: number;
}

const WIDTH = { 4: 32, 6: 128 } as const;

/**
 * netaddr.IPAddress(text, flags=ZEROFILL) for IPv4: each dotted part goes
 * through int(), so "010.0.0.1" reads as 10.0.0.1. Returns the canonical
 * text when that repair yields a valid address, else `undefined`.
 */
export function zeroFilledIpv4(text: string): string | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  const octets: bigint[] = [];
  for (const part of parts) {
    const octet = pyInt(part);
    if (octet === undefined || octet < 0n || octet > 255n || /\s/.test(part)) return undefined;
    octets.push(octet);
  }
  return octets.join('.');
}

function parseMask(text: string, version: 4 | 6): number | undefined {
  const mask = parseIpAddress(text);
  if (mask === undefined || mask.version !== version) return undefined;
  const width = BigInt(WIDTH[version]);
  const all = (1n << width) - 1n;
  const isContiguous = (value: bigint): boolean => (value & (value - 1n)) === 0n;
  const inverted = (mask.value ^ all) + 1n; // netmask: ones then zeros
  if (isContiguous(inverted)) return WIDTH[version] - bitLength(inverted - 1n);
  const host = mask.value + 1n; // hostmask: zeros then ones
  if (isContiguous(host)) return WIDTH[version] - bitLength(mask.value);
  return undefined;
}

function bitLength(value: bigint): number {
  return value === 0n ? 0 : value.toString(2).length;
}

function parsePrefix(text: string | undefined, version: 4 | 6): number | undefined {
  if (text === undefined) return WIDTH[version];
  const number = pyInt(text);
  if (number !== undefined) return number >= 0n && number <= BigInt(WIDTH[version]) ? Number(number) : undefined;
  return parseMask(text, version);
}

/**
 * netaddr.IPNetwork(text): "<address>[/<prefix>]" where the prefix is
 * anything int() reads, or a netmask/hostmask of the same family; without a
 * prefix the network is a host route (/32, /128). The address itself must be
 * a strict literal (netaddr uses inet_pton). Never throws.
 *
 * @example parseNetaddrNetwork('10.0.0.1/255.255.255.0') // { ip: 10.0.0.1, prefixLength: 24 }
 */
export function parseNetaddrNetwork(text: string): NetaddrNetwork | undefined {
  const slash = text.indexOf('/');
  const addressText = slash < 0 ? text : text.slice(0, slash);
  const prefixText = slash < 0 ? undefined : text.slice(slash + 1);
  const ip = parseIpAddress(addressText);
  if (ip === undefined) return undefined;
  const prefixLength = parsePrefix(prefixText, ip.version);
  return prefixLength === undefined ? undefined : { ip, prefixLength };
}

/**
 * str(IPAddress) as Neutron prints it: src/ipam's canonical form, except
 * that IPv4-compatible IPv6 addresses (::/96 above ::ffff) keep a dotted
 * tail, "::1.2.3.4", as glibc's inet_ntop (which netaddr calls) writes them.
 */
export function formatNetaddrIp(ip: IpAddress): string {
  if (ip.version === 6 && ip.value > 0xffffn && ip.value <= 0xffffffffn) {
    return `::${formatIpAddress({ version: 4, value: ip.value })}`;
  }
  return formatIpAddress(ip);
}

/** str(IPNetwork): the address as {@link formatNetaddrIp} prints it, "/", the prefix length. */
export function formatNetaddrNetwork(network: NetaddrNetwork): string {
  return `${formatNetaddrIp(network.ip)}/${network.prefixLength}`;
}

/** The network address of `network` (host bits cleared) as a value. */
export function networkValue(network: NetaddrNetwork): bigint {
  const hostBits = BigInt(WIDTH[network.ip.version] - network.prefixLength);
  return (network.ip.value >> hostBits) << hostBits;
}
