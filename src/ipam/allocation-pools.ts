import { ADDRESS_BITS, type IpAddress } from './ip-address.ts';
import { cidrFirst, cidrLast, type Cidr } from './cidr.ts';
import { IntervalSet, type Range } from './interval-set.ts';

/**
 * Neutron's default allocation pools for a subnet (`generate_pools`): the
 * usable part of the CIDR minus the gateway address when it lies inside.
 * Usable means: IPv4 /0–/30 without the network and broadcast addresses;
 * IPv4 /31 and /32 every address (RFC 3021 point-to-point); IPv6 without the
 * network (subnet-router anycast) address, the last address included.
 *
 * Like Neutron, a single-address subnet (/32, /128) yields that address even
 * when it is also the gateway. A gateway of the other family is ignored.
 *
 * Pure. Returns value ranges in ascending order; the gateway splits a range in two.
 *
 * @example defaultAllocationPools(10.0.0.0/24, 10.0.0.1) // [10.0.0.2–10.0.0.254]
 */
export function defaultAllocationPools(cidr: Cidr, gateway: IpAddress | undefined): Range[] {
  const first = cidrFirst(cidr);
  const last = cidrLast(cidr);
  if (first === last) return [{ first, last }];
  let usable: Range;
  if (cidr.version === 6) usable = { first: first + 1n, last };
  else if (cidr.prefixLength <= 30) usable = { first: first + 1n, last: last - 1n };
  else usable = { first, last };
  const pools = IntervalSet.of([usable]);
  if (gateway !== undefined && gateway.version === cidr.version) {
    pools.remove({ first: gateway.value, last: gateway.value });
  }
  return pools.ranges();
}

/**
 * Neutron's default gateway for a subnet created without one: IPv4 the
 * network address + 1; IPv6 the network (subnet-router anycast) address
 * itself when `ipv6SubnetRouterAnycast` is set, as Neutron does for subnets
 * with an explicit CIDR, else network + 1 (as for subnet-pool allocations).
 *
 * Pure.
 *
 * @returns the gateway, or `undefined` for a /32 or /128, which has no room for one.
 * @example defaultGateway(fd77::/64, { ipv6SubnetRouterAnycast: true }) // fd77::
 */
export function defaultGateway(cidr: Cidr, options: { ipv6SubnetRouterAnycast: boolean }): IpAddress | undefined {
  if (cidr.prefixLength === ADDRESS_BITS[cidr.version]) return undefined;
  const anycast = cidr.version === 6 && options.ipv6SubnetRouterAnycast;
  return { version: cidr.version, value: anycast ? cidr.network : cidr.network + 1n };
}
