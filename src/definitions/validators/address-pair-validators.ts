import { dict } from './dict-validators.ts';
import { ipAddress, ipNotMulticast, subnetCidr, subnetNotMulticast } from './ip-validators.ts';
import { macAddress, macNotMulticast } from './mac-validators.ts';
import { pyStr } from './python-text.ts';
import { hasKey, pyKey } from './python-values.ts';
import type { Validator } from './types.ts';

/** Neutron's default `max_allowed_address_pair`. */
export const DEFAULT_MAX_ALLOWED_ADDRESS_PAIRS = 10;

const PAIR_KEYS = new Set(['ip_address', 'mac_address']);

function checkPair(pair: Record<string, unknown>): string | undefined {
  const mac = hasKey(pair, 'mac_address') ? pair.mac_address : null;
  const ip = pair.ip_address;
  const unknown = Object.keys(pair).filter((key) => !PAIR_KEYS.has(key));
  if (unknown.length > 0) return `Unrecognized attribute(s) '${unknown.join(', ')}'`;
  const isCidr = typeof ip === 'string' && ip.includes('/');
  const message = isCidr ? subnetCidr(ip) ?? subnetNotMulticast(ip) : ipAddress(ip) ?? ipNotMulticast(ip);
  if (message !== undefined) return message;
  return mac === null ? undefined : macNotMulticast(mac);
}

/**
 * neutron-lib `allowed_address_pairs` with a configurable
 * `max_allowed_address_pair`. Checks, in Neutron's order and with its
 * messages: a list (`Allowed address pairs must be a list.`); at most `max`
 * pairs (`The number of allowed address pair exceeds the maximum <max>.`);
 * per pair an object, a valid `mac_address` if given, `ip_address` present
 * (`AllowedAddressPair must contain ip_address`), no repeated (mac, ip)
 * (`Request contains duplicate address pair: mac_address <m> ip_address
 * <ip>.`), no other keys (`Unrecognized attribute(s) '<k>'`), the IP a valid
 * address or CIDR, and neither IP/CIDR nor MAC multicast.
 *
 * Neutron raises most of these as their own exception types
 * (HTTPBadRequest, AllowedAddressPairExhausted, AllowedAddressPairsMissingIP,
 * DuplicateAddressPairInRequest) rather than through "Invalid input for".
 */
export function allowedAddressPairsMax(max: number): Validator {
  return (value) => {
    if (!Array.isArray(value)) return 'Allowed address pairs must be a list.';
    if (value.length > max) return `The number of allowed address pair exceeds the maximum ${max}.`;
    const seen = new Set<string>();
    for (const pair of value) {
      const notDict = dict(pair);
      if (notDict !== undefined) return notDict;
      const record = pair as Record<string, unknown>;
      if (hasKey(record, 'mac_address')) {
        const badMac = macAddress(record.mac_address);
        if (badMac !== undefined) return badMac;
      }
      if (!hasKey(record, 'ip_address')) return 'AllowedAddressPair must contain ip_address';
      const mac = hasKey(record, 'mac_address') ? record.mac_address : null;
      const key = `${pyKey(mac)}|${pyKey(record.ip_address)}`;
      if (seen.has(key)) {
        return `Request contains duplicate address pair: mac_address ${pyStr(mac)} ip_address ${pyStr(record.ip_address)}.`;
      }
      seen.add(key);
      const message = checkPair(record);
      if (message !== undefined) return message;
    }
    return undefined;
  };
}

/** {@link allowedAddressPairsMax} with Neutron's default limit of 10 pairs. */
export const allowedAddressPairs: Validator = allowedAddressPairsMax(DEFAULT_MAX_ALLOWED_ADDRESS_PAIRS);
