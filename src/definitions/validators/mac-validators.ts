import { isUsableMacAddress, normalizeMacAddress } from '../../ipam/mac-address.ts';
import { pyStr } from './python-text.ts';
import { PY_WHITESPACE } from './python-values.ts';
import type { Validator } from './types.ts';

// netaddr's EUI-48 text forms beyond the common ones src/ipam reads:
// Cisco groups with ':' or '-', PostgreSQL halves, 11 bare digits. Each is
// widened to 12 bare hex digits, which src/ipam then normalises.
const WIDE_FORMS: ReadonlyArray<{ pattern: RegExp; width: number }> = [
  { pattern: /^([0-9a-f]{1,4})([:-])([0-9a-f]{1,4})\2([0-9a-f]{1,4})$/i, width: 4 },
  { pattern: /^([0-9a-f]{5,6})([:-])([0-9a-f]{5,6})$/i, width: 6 },
  { pattern: /^([0-9a-f]{11})$/i, width: 12 },
];

/**
 * The lower-case "aa:bb:cc:dd:ee:ff" form of any EUI-48 text netaddr
 * accepts, or `undefined`. No whitespace allowed. Never throws.
 *
 * @example canonicalMac('FA16.3EE8.2DDD') // "fa:16:3e:e8:2d:dd"
 */
export function canonicalMac(text: string): string | undefined {
  if (PY_WHITESPACE.test(text)) return undefined;
  const direct = normalizeMacAddress(text);
  if (direct !== undefined) return direct;
  for (const { pattern, width } of WIDE_FORMS) {
    const match = pattern.exec(text);
    if (match === null) continue;
    const words = match.slice(1).filter((part) => part !== ':' && part !== '-');
    return normalizeMacAddress(words.map((word) => word.padStart(width, '0')).join(''));
  }
  return undefined;
}

/**
 * neutron-lib `mac_address`: a MAC in any netaddr EUI-48 text form except
 * 00:00:00:00:00:00 and ff:ff:ff:ff:ff:ff; else `'<v>' is not a valid MAC address`.
 *
 * @example macAddress('00:00:00:00:00:00') // "'00:00:00:00:00:00' is not a valid MAC address"
 */
export const macAddress: Validator = (value) => {
  const mac = typeof value === 'string' ? canonicalMac(value) : undefined;
  if (mac !== undefined && isUsableMacAddress(mac)) return undefined;
  return `'${pyStr(value)}' is not a valid MAC address`;
};

/** {@link macAddress}, or null. */
export const macAddressOrNone: Validator = (value) => (value === null ? undefined : macAddress(value));

/**
 * Rejects multicast MACs (low bit of the first octet set): `MAC address <v> is
 * a multicast address, which is not supported.` Expects a valid
 * {@link macAddress}; anything else passes.
 */
export const macNotMulticast: Validator = (value) => {
  const mac = typeof value === 'string' ? canonicalMac(value) : undefined;
  if (mac === undefined || (parseInt(mac.slice(0, 2), 16) & 1) === 0) return undefined;
  return `MAC address ${value as string} is a multicast address, which is not supported.`;
};
