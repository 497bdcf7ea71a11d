import type { IpAddress } from './ip-address.ts';
import type { Cidr } from './cidr.ts';
import { normalizeMacAddress } from './mac-address.ts';

/**
 * The SLAAC address of a port (RFC 4291 appendix A, "modified EUI-64"): the
 * interface identifier is the MAC with "ff:fe" inserted in the middle and
 * the universal/local bit (0x02 of the first octet) flipped, placed in the
 * low 64 bits of the /64 prefix. Neutron computes the fixed IP of ports on
 * slaac / dhcpv6-stateless subnets this way, so ours must match bit for bit.
 *
 * Pure.
 *
 * @param mac any form {@link normalizeMacAddress} accepts.
 * @throws Error when `prefix` is not an IPv6 /64 or `mac` is not a MAC address.
 * @example eui64Address(fd77::/64, 'fa:16:3e:e8:2d:dd') // fd77::f816:3eff:fee8:2ddd
 */
export function eui64Address(prefix: Cidr, mac: string): IpAddress {
  if (prefix.version !== 6 || prefix.prefixLength !== 64) {
    throw new Error(`EUI-64 needs an IPv6 /64 prefix, got IPv${prefix.version} /${prefix.prefixLength}`);
  }
  const normalized = normalizeMacAddress(mac);
  if (normalized === undefined) throw new Error(`"${mac}" is not a MAC address`);
  const octets = normalized.split(':').map((hex) => parseInt(hex, 16));
  octets[0] ^= 0x02;
  const identifier = [...octets.slice(0, 3), 0xff, 0xfe, ...octets.slice(3)]
    .reduce((acc, octet) => (acc << 8n) | BigInt(octet), 0n);
  return { version: 6, value: prefix.network | identifier };
}
