import { randomBytes as cryptoRandomBytes } from 'node:crypto';

const BARE = /^[0-9a-fA-F]{12}$/;
const OCTET = /^[0-9a-fA-F]{1,2}$/;
const CISCO_GROUP = /^[0-9a-fA-F]{1,4}$/;

/** The six octets of a MAC in any accepted text form, or `undefined`. */
function parseOctets(text: string): number[] | undefined {
  if (BARE.test(text)) return Array.from({ length: 6 }, (_, i) => parseInt(text.slice(2 * i, 2 * i + 2), 16));
  const dotted = text.split('.');
  if (dotted.length === 3) {
    if (!dotted.every((group) => CISCO_GROUP.test(group))) return undefined;
    return dotted.flatMap((group) => {
      const word = parseInt(group, 16);
      return [word >> 8, word & 0xff];
    });
  }
  // One separator throughout: "aa:bb-cc:…" is not a MAC.
  for (const separator of [':', '-']) {
    const parts = text.split(separator);
    if (parts.length === 6 && parts.every((part) => OCTET.test(part))) return parts.map((part) => parseInt(part, 16));
  }
  return undefined;
}

function formatOctets(octets: readonly number[]): string {
  return octets.map((octet) => octet.toString(16).padStart(2, '0')).join(':');
}

/**
 * Normalises a MAC address in the forms netaddr accepts that matter in
 * practice: "aa:bb:cc:dd:ee:ff", "aa-bb-cc-dd-ee-ff", "aabb.ccdd.eeff",
 * "aabbccddeeff", any case (single-digit octets such as "a:b:c:d:e:f" are
 * zero-padded, as netaddr does). No whitespace is allowed.
 *
 * Pure; never throws.
 *
 * @returns lower-case colon form, or `undefined` when `text` is not a MAC.
 * @example normalizeMacAddress('FA16.3EE8.2DDD') // "fa:16:3e:e8:2d:dd"
 */
export function normalizeMacAddress(text: string): string | undefined {
  const octets = parseOctets(text);
  return octets === undefined ? undefined : formatOctets(octets);
}

/**
 * Whether `mac` is a MAC a port may carry: valid text (any form
 * {@link normalizeMacAddress} accepts) and neither 00:00:00:00:00:00 nor
 * ff:ff:ff:ff:ff:ff — exactly the two Neutron's validator rejects (multicast
 * addresses are allowed, as in Neutron).
 */
export function isUsableMacAddress(mac: string): boolean {
  const normalized = normalizeMacAddress(mac);
  return normalized !== undefined && normalized !== '00:00:00:00:00:00' && normalized !== 'ff:ff:ff:ff:ff:ff';
}

/**
 * A random MAC derived from the configured `base_mac` (e.g. "fa:16:3e:00:00:00"):
 * the first three octets are always kept; the fourth is kept when non-zero,
 * and then the fifth too when non-zero; the remaining octets come from
 * `randomBytes`. The sixth octet is therefore always random.
 *
 * Not unique by itself: the caller checks the network for a collision and
 * retries, as Neutron does.
 *
 * @param randomBytes source of random octets, injectable for tests; defaults to node:crypto.
 * @throws Error when `base` is not a MAC or `randomBytes` returns too few bytes.
 * @example generateMacAddress('fa:16:3e:00:00:00') // e.g. "fa:16:3e:4c:09:b1"
 */
export function generateMacAddress(
  base: string,
  randomBytes: (n: number) => Uint8Array = cryptoRandomBytes,
): string {
  const octets = parseOctets(base);
  if (octets === undefined) throw new Error(`base MAC "${base}" is not a MAC address`);
  let kept = 3;
  if (octets[3] !== 0) kept = octets[4] !== 0 ? 5 : 4;
  const random = randomBytes(6 - kept);
  if (random.length < 6 - kept) throw new Error(`randomBytes returned ${random.length} bytes, need ${6 - kept}`);
  return formatOctets([...octets.slice(0, kept), ...random.subarray(0, 6 - kept)]);
}
