import { cidrContainsAddress, cidrFirst, cidrLast, formatCidr, type Cidr } from '../../ipam/cidr.ts';
import { formatIpAddress, parseIpAddress } from '../../ipam/ip-address.ts';
import type { Range } from '../../ipam/interval-set.ts';
import {
  GatewayConflictWithAllocationPools, InvalidAllocationPool, InvalidInput, OutOfBoundsAllocationPool, OverlappingAllocationPools,
} from '../errors.ts';

/**
 * Pure subnet rules (semantics.md §8, neutron-api.md §2): allocation pools,
 * gateway placement, IPv6 mode combinations, DHCP-able prefixes.
 */

export type Pool = { start: string; end: string };

/** Validates explicit pools against the CIDR and each other; returns them as value ranges. */
export function validatePools(cidr: Cidr, pools: readonly Pool[]): Range[] {
  const ranges: Array<Range & { text: string }> = [];
  // Neutron lets pools cover every address but the IPv4 network/broadcast ones.
  const edge = cidr.version === 4 && cidr.prefixLength < 31 ? 1n : 0n;
  const lowest = cidrFirst(cidr) + edge;
  const highest = cidrLast(cidr) - edge;
  for (const pool of pools) {
    const start = parseIpAddress(pool.start);
    const end = parseIpAddress(pool.end);
    const text = `${pool.start}-${pool.end}`;
    if (!start || !end || start.version !== cidr.version || end.version !== cidr.version || start.value > end.value) {
      throw new InvalidAllocationPool(text);
    }
    if (start.value < lowest || end.value > highest) throw new OutOfBoundsAllocationPool(text, formatCidr(cidr));
    ranges.push({ first: start.value, last: end.value, text });
  }
  const sorted = [...ranges].sort((a, b) => (a.first < b.first ? -1 : a.first > b.first ? 1 : 0));
  for (let i = 1; i < sorted.length; i++) {
    if (sorted[i]!.first <= sorted[i - 1]!.last) throw new OverlappingAllocationPools(sorted[i - 1]!.text, sorted[i]!.text, formatCidr(cidr));
  }
  return sorted.map(({ first, last }) => ({ first, last }));
}

/** 409 when the gateway sits inside a pool (explicit pools only: default pools skip it). */
export function checkGatewayOutsidePools(gateway: string | null, ranges: readonly Range[], pools: readonly Pool[]): void {
  if (gateway === null) return;
  const ip = parseIpAddress(gateway);
  if (!ip) return;
  ranges.forEach((range, i) => {
    if (ip.value >= range.first && ip.value <= range.last) {
      const pool = pools[i] ?? { start: '', end: '' };
      throw new GatewayConflictWithAllocationPools(gateway, `${pool.start}-${pool.end}`);
    }
  });
}

/** The IPv4 network and broadcast addresses are never valid gateways. */
export function checkGateway(cidr: Cidr, gateway: string | null): void {
  if (gateway === null) return;
  const ip = parseIpAddress(gateway);
  if (!ip || ip.version !== cidr.version) throw new InvalidInput(`gateway_ip '${gateway}' does not match the ip_version '${cidr.version}'`);
  if (cidr.version === 4 && cidr.prefixLength < 31 && cidrContainsAddress(cidr, ip)
    && (ip.value === cidrFirst(cidr) || ip.value === cidrLast(cidr))) {
    throw new InvalidInput(`Gateway is not valid on subnet`);
  }
}

/** IPv6 address/RA mode combinations Neutron accepts. */
export function checkIpv6Modes(ipVersion: number, cidr: Cidr, enableDhcp: boolean, raMode: string | null, addressMode: string | null): void {
  if (raMode === null && addressMode === null) return;
  if (ipVersion === 4) throw new InvalidInput('ipv6_ra_mode or ipv6_address_mode cannot be set when ip_version is 4');
  if (!enableDhcp) throw new InvalidInput('ipv6_ra_mode or ipv6_address_mode cannot be set when enable_dhcp is set to False');
  if (raMode !== null && addressMode !== null && raMode !== addressMode) {
    throw new InvalidInput(`ipv6_ra_mode set to '${raMode}' with ipv6_address_mode set to '${addressMode}' is not valid. If both attributes are set, they must be the same value`);
  }
  const mode = addressMode ?? raMode;
  if ((mode === 'slaac' || mode === 'dhcpv6-stateless') && cidr.prefixLength !== 64) {
    throw new InvalidInput(`Invalid CIDR ${formatCidr(cidr)} for IPv6 address mode. OpenStack uses the EUI-64 address format, which requires the prefix to be /64`);
  }
}

/** CIDRs Neutron refuses outright, and those too small for DHCP. */
export function checkCidr(cidr: Cidr, enableDhcp: boolean): void {
  if (cidr.prefixLength === 0) throw new InvalidInput('0 is not allowed as CIDR prefix length');
  if (cidr.version === 6 && cidr.network === 0n) throw new InvalidInput(`${formatCidr(cidr)} is not a valid IPv6 subnet`);
  if (!enableDhcp) return;
  const tooSmall = cidr.version === 4 ? cidr.prefixLength > 30 : cidr.prefixLength > 126;
  const first = formatIpAddress({ version: cidr.version, value: cidrFirst(cidr) });
  const special = cidr.version === 4 ? /^(0|127|22[4-9]|23\d)\./.test(first) : /^(ff|::1$)/.test(first);
  if (tooSmall || special) throw new InvalidInput(`Invalid CIDR ${formatCidr(cidr)} for DHCP subnet`);
}

/** Ranges back to Neutron's [{start, end}] with canonical addresses. */
export function rangesToPools(version: 4 | 6, ranges: readonly Range[]): Pool[] {
  return ranges.map((r) => ({ start: formatIpAddress({ version, value: r.first }), end: formatIpAddress({ version, value: r.last }) }));
}
