import { ipAddress, routeCidr } from './ip-validators.ts';
import { pyRepr, pySetRepr, pyStr } from './python-text.ts';
import { hasKey, isDict, pyKey } from './python-values.ts';
import type { Validator } from './types.ts';
import { uuid } from './uuid-validators.ts';

/**
 * neutron-lib `_verify_dict_keys(expected, value)` with strict=True: a dict
 * whose keys are exactly `expected`.
 */
export function verifyExactKeys(expected: readonly string[], value: unknown): string | undefined {
  if (!isDict(value)) {
    return `Invalid input. '${pyStr(value)}' must be a dictionary with keys: ${pyRepr(expected)}`;
  }
  const provided = Object.keys(value);
  if (provided.length === expected.length && expected.every((key) => hasKey(value, key))) return undefined;
  return `Validation of dictionary's keys failed. Expected keys: ${pySetRepr(expected)} Provided keys: ${pySetRepr(provided)}`;
}

/**
 * neutron-lib `ip_pools`: a list (`Invalid data format for IP pool: '<v>'`)
 * of `{start, end}` objects with exactly those keys, both valid
 * {@link ipAddress}es. Range checks (start <= end, inside the CIDR) belong
 * to the subnet service.
 *
 * @example ipPools([{ start: '10.0.0.2' }]) // "Validation of dictionary's keys failed. Expected keys: {'start', 'end'} Provided keys: {'start'}"
 */
export const ipPools: Validator = (value) => {
  if (!Array.isArray(value)) return `Invalid data format for IP pool: '${pyStr(value)}'`;
  for (const pool of value) {
    const message = verifyExactKeys(['start', 'end'], pool);
    if (message !== undefined) return message;
    const { start, end } = pool as Record<string, unknown>;
    const bad = ipAddress(start) ?? ipAddress(end);
    if (bad !== undefined) return bad;
  }
  return undefined;
};

/** What Python's `for x in value` walks: list items, string characters, dict keys; `undefined` if not iterable. */
function pyIterate(value: unknown): unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (typeof value === 'string') return Array.from(value);
  if (isDict(value)) return Object.keys(value);
  return undefined;
}

/**
 * neutron-lib `nameservers`: an iterable of unique valid IP addresses.
 * Messages: `Invalid data format for nameserver: '<v>'`, `'<host>' is not a
 * valid nameserver. <ipAddress message>`, `Duplicate nameserver '<host>'`.
 * (Like Neutron, a string is walked character by character.)
 *
 * @example nameservers(['8.8.8.8', '8.8.8.8']) // "Duplicate nameserver '8.8.8.8'"
 */
export const nameservers: Validator = (value) => {
  const hosts = pyIterate(value);
  if (hosts === undefined) return `Invalid data format for nameserver: '${pyStr(value)}'`;
  const seen = new Set<string>();
  for (const host of hosts) {
    const message = ipAddress(host);
    if (message !== undefined) return `'${pyStr(host)}' is not a valid nameserver. ${message}`;
    const key = pyKey(host);
    if (seen.has(key)) return `Duplicate nameserver '${pyStr(host)}'`;
    seen.add(key);
  }
  return undefined;
};

/**
 * neutron-lib `hostroutes`: a list (`Invalid data format for hostroute:
 * '<v>'`) of unique `{destination, nexthop}` objects with exactly those
 * keys; destination a {@link routeCidr}, nexthop an {@link ipAddress}.
 * Duplicates: `Duplicate hostroute '<route>'`.
 */
export const hostRoutes: Validator = (value) => {
  if (!Array.isArray(value)) return `Invalid data format for hostroute: '${pyStr(value)}'`;
  const seen = new Set<string>();
  for (const route of value) {
    const message = verifyExactKeys(['destination', 'nexthop'], route);
    if (message !== undefined) return message;
    const { destination, nexthop } = route as Record<string, unknown>;
    const bad = routeCidr(destination) ?? ipAddress(nexthop);
    if (bad !== undefined) return bad;
    const key = pyKey(route);
    if (seen.has(key)) return `Duplicate hostroute '${pyStr(route)}'`;
    seen.add(key);
  }
  return undefined;
};

/**
 * neutron-lib `fixed_ips`: a list of objects (`Invalid data format for fixed
 * IP: '<v>'`) whose `ip_address`, when present, is a valid IP not repeated
 * in the list (`Duplicate IP address '<ip>'`) and whose `subnet_id`, when
 * present, is a UUID. Other keys are ignored, as in Neutron; an entry with
 * neither key is the port service's error ("IP allocation requires
 * subnet_id or ip_address").
 *
 * @example fixedIps([{ ip_address: '10.0.0.5' }, { ip_address: '10.0.0.5' }]) // "Duplicate IP address '10.0.0.5'"
 */
export const fixedIps: Validator = (value) => {
  if (!Array.isArray(value)) return `Invalid data format for fixed IP: '${pyStr(value)}'`;
  const ips = new Set<string>();
  for (const fixedIp of value) {
    if (!isDict(fixedIp)) return `Invalid data format for fixed IP: '${pyStr(fixedIp)}'`;
    if (hasKey(fixedIp, 'ip_address')) {
      const ip = fixedIp.ip_address;
      const key = pyKey(ip);
      const message = ips.has(key) ? `Duplicate IP address '${pyStr(ip)}'` : ipAddress(ip);
      if (message !== undefined) return message;
      ips.add(key);
    }
    if (hasKey(fixedIp, 'subnet_id')) {
      const message = uuid(fixedIp.subnet_id);
      if (message !== undefined) return message;
    }
  }
  return undefined;
};
