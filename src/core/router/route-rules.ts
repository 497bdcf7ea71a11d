import { pyStr } from '../../definitions/validators/index.ts';
import { cidrContainsAddress, cidrsOverlap, formatCidr, parseCidr, type Cidr } from '../../ipam/cidr.ts';
import { parseIpAddress } from '../../ipam/ip-address.ts';
import { badRequest, InvalidRoutes } from '../errors.ts';

/** A static route of a router (extraroute). */
export interface Route { destination: string; nexthop: string }

/** A subnet as the overlap rule reads it. */
export interface SubnetCidr { id: string; cidr: string }

/**
 * Neutron's nexthop rule: every route's nexthop lies in a subnet the router
 * has a port on (`cidrs`) and is not one of the router's own addresses
 * (`ownIps`). 400 InvalidRoutes naming the whole list otherwise.
 *
 * @example checkRoutes([{ destination: '0.0.0.0/0', nexthop: '10.0.0.9' }], ['10.1.0.0/24'], []) // throws InvalidRoutes
 */
export function checkRoutes(routes: readonly Route[], cidrs: readonly string[], ownIps: readonly string[]): void {
  const parsed = cidrs.map((c) => parseCidr(c, { strict: false })).filter((c): c is Cidr => c !== undefined);
  for (const route of routes) {
    const nexthop = parseIpAddress(route.nexthop);
    if (!nexthop || !parsed.some((c) => cidrContainsAddress(c, nexthop))) {
      throw new InvalidRoutes(pyStr(routes), 'the nexthop is not connected with router');
    }
    if (ownIps.includes(route.nexthop)) throw new InvalidRoutes(pyStr(routes), 'the nexthop is used by router');
  }
}

/** The routes whose nexthop lies in `cidr` (they need the router's interface on it). */
export function routesVia(routes: readonly Route[], cidr: string): Route[] {
  const subnet = parseCidr(cidr, { strict: false });
  if (!subnet) return [];
  return routes.filter((r) => { const ip = parseIpAddress(r.nexthop); return ip !== undefined && cidrContainsAddress(subnet, ip); });
}

/** add_extraroutes: `old` plus `add`, an exact duplicate (same destination and nexthop) kept once. */
export function addRoutes(old: readonly Route[], add: readonly Route[]): Route[] {
  const out: Route[] = [];
  const seen = new Set<string>();
  for (const route of [...old, ...add]) {
    const key = `${route.destination} ${route.nexthop}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ destination: route.destination, nexthop: route.nexthop });
  }
  return out;
}

/** remove_extraroutes: `old` without the routes of `remove`; removing one that is not there is no error. */
export function removeRoutes(old: readonly Route[], remove: readonly Route[]): Route[] {
  const gone = new Set(remove.map((r) => `${r.destination} ${r.nexthop}`));
  return old.filter((r) => !gone.has(`${r.destination} ${r.nexthop}`));
}

/**
 * A router must not join overlapping subnets: 400 (Neutron's
 * `_raise_on_subnets_overlap`) when a subnet of `added` overlaps one of
 * `existing`.
 */
export function checkNoOverlap(existing: readonly SubnetCidr[], added: readonly SubnetCidr[]): void {
  for (const current of existing) {
    const a = parseCidr(current.cidr, { strict: false });
    for (const subnet of added) {
      const b = parseCidr(subnet.cidr, { strict: false });
      if (a && b && a.version === b.version && cidrsOverlap(a, b)) {
        throw badRequest('router', `Cidr ${formatCidr(b)} of subnet ${subnet.id} overlaps with cidr ${formatCidr(a)} of subnet ${current.id}`);
      }
    }
  }
}
