import { canonicalIp } from './ip-validators.ts';
import { canonicalMac } from './mac-validators.ts';
import { formatNetaddrNetwork, parseNetaddrNetwork } from './netaddr.ts';
import { parseBoolean } from './number-validators.ts';
import { pyStr } from './python-text.ts';
import { isDict, pyInt, pyStrip, toJsInteger } from './python-values.ts';
import { ConversionError, type Converter } from './types.ts';

/**
 * neutron-lib `convert_to_boolean`: true/false, or anything whose Python
 * str() is one of 1/t/true/on/y/yes, 0/f/false/off/n/no (any case,
 * surrounding spaces ignored); else throws
 * `'<v>' cannot be converted to boolean`.
 *
 * @example toBoolean('True') // true
 */
export const toBoolean: Converter = (value) => {
  const parsed = parseBoolean(value);
  if (parsed === undefined) throw new ConversionError(`'${pyStr(value)}' cannot be converted to boolean`);
  return parsed;
};

/** {@link toBoolean}; null stays null. */
export const toBooleanOrNone: Converter = (value) => (value === null ? null : toBoolean(value));

/**
 * neutron-lib `convert_to_int`: Python int() — integer text with optional
 * sign/spaces/underscores, booleans as 0/1, floats truncated; else throws
 * `'<v>' is not an integer`. Returns a number, or a bigint beyond 2^53 so
 * that range validators can still report the exact value.
 *
 * @example toInt(' 42 ') // 42
 */
export const toInt: Converter = (value) => {
  const parsed = pyInt(value);
  if (parsed === undefined) throw new ConversionError(`'${pyStr(value)}' is not an integer`);
  return toJsInteger(parsed);
};

/** {@link toInt}; null stays null (neutron-lib `convert_to_int_if_not_none`). */
export const toIntOrNone: Converter = (value) => (value === null ? null : toInt(value));

/**
 * neutron-lib `convert_ip_to_canonical_format`: a valid IPv6 literal becomes
 * its compressed lower-case form; everything else (IPv4, invalid text,
 * non-strings) is returned unchanged for the validator to judge.
 *
 * @example toCanonicalIp('FD00:0:0::1') // "fd00::1"
 */
export const toCanonicalIp: Converter = (value) => {
  if (typeof value !== 'string' || !value.includes(':')) return value;
  return canonicalIp(value) ?? value;
};

/**
 * neutron-lib `convert_cidr_to_canonical_format`: anything netaddr reads as
 * a network becomes "<canonical address>/<prefix length>" (host bits kept,
 * "10.0.0.0" → "10.0.0.0/32", "10.0.0.0/255.255.255.0" → "10.0.0.0/24");
 * else throws `<v> is not in a CIDR format` (note: no quotes), as Neutron
 * answers for "10.0.0.0/33".
 *
 * @example toCanonicalCidr('2001:DB8::/64') // "2001:db8::/64"
 */
export const toCanonicalCidr: Converter = (value) => {
  const network = typeof value === 'string' ? parseNetaddrNetwork(value) : undefined;
  if (network === undefined) throw new ConversionError(`${pyStr(value)} is not in a CIDR format`);
  return formatNetaddrNetwork(network);
};

/**
 * neutron-lib `convert_to_sanitized_mac_address`: a MAC in any netaddr text
 * form becomes "aa:bb:cc:dd:ee:ff"; anything else is returned unchanged for
 * the validator to judge.
 *
 * @example toSanitizedMac('FA-16-3E-00-00-01') // "fa:16:3e:00:00:01"
 */
export const toSanitizedMac: Converter = (value) => (typeof value === 'string' ? canonicalMac(value) ?? value : value);

/**
 * neutron-lib `convert_string_to_case_insensitive`: lower-cases a string;
 * anything else throws `Input value <v> must be string type`.
 *
 * @example toLowerCase('VM1') // "vm1"
 */
export const toLowerCase: Converter = (value) => {
  if (typeof value !== 'string') throw new ConversionError(`Input value ${pyStr(value)} must be string type`);
  return value.toLowerCase();
};

/** neutron-lib `convert_none_to_empty_list`: null → [], else unchanged. */
export const noneToEmptyList: Converter = (value) => (value === null ? [] : value);

/**
 * `dns_nameservers`: neutron-lib's `convert_none_to_empty_list`, then what
 * Neutron stores when it walks the value with `for server in value`: a dict's
 * keys, a string's characters (which the validator then refuses unless the
 * string is empty). So the stored value is always a list; anything not
 * iterable is left for the validator to refuse.
 *
 * @example toNameserverList({}) // []
 */
export const toNameserverList: Converter = (value) => {
  if (value === null) return [];
  if (isDict(value)) return Object.keys(value);
  if (typeof value === 'string') return Array.from(value);
  return value;
};

/** neutron-lib `convert_none_to_empty_dict`: null → {}, else unchanged. */
export const noneToEmptyDict: Converter = (value) => (value === null ? {} : value);

/** neutron-lib `convert_none_to_empty_string`: null → '', else unchanged. */
export const noneToEmptyString: Converter = (value) => (value === null ? '' : value);

/** neutron-lib `convert_to_list`: null → [], a list as is, a dict → its keys, anything else → [value]. */
export const toList: Converter = (value) => {
  if (value === null) return [];
  if (Array.isArray(value)) return [...value];
  if (isDict(value)) return Object.keys(value);
  return [value];
};

/**
 * neutron-lib `convert_allocation_pools_to_canonical_format`: null → [];
 * each pool's values through {@link toCanonicalIp}. A value that is not a
 * list of objects throws `Invalid data format for allocation pools` (as in
 * Python, '' and {} iterate as empty and give []).
 */
export const toCanonicalAllocationPools: Converter = (value) => {
  if (value === null || value === '' || (isDict(value) && Object.keys(value).length === 0)) return [];
  if (!Array.isArray(value) || !value.every(isDict)) throw new ConversionError('Invalid data format for allocation pools');
  return value.map((pool: Record<string, unknown>) =>
    Object.fromEntries(Object.keys(pool).map((key) => [key, toCanonicalIp(pool[key])])));
};

/**
 * neutron-lib `convert_kvp_list_to_dict` (query values such as
 * `fixed_ips=ip_address=10.0.0.5`): "key=value" strings → { key: [values] },
 * keys and values trimmed, repeated values merged; `['True']` (a bare flag)
 * → {}. A malformed entry throws `'<v>' is not of the form <key>=[value]`.
 */
export const toKvpDict: Converter = (value) => {
  const list = Array.isArray(value) ? value : [value];
  if (list.length === 1 && list[0] === 'True') return {};
  const result = new Map<string, string[]>();
  for (const entry of list) {
    const text = typeof entry === 'string' ? entry : '';
    const separator = text.indexOf('=');
    const key = separator < 0 ? '' : pyStrip(text.slice(0, separator));
    if (key === '') throw new ConversionError(`'${pyStr(entry)}' is not of the form <key>=[value]`);
    const values = result.get(key) ?? [];
    const item = pyStrip(text.slice(separator + 1));
    if (!values.includes(item)) values.push(item);
    result.set(key, values);
  }
  return Object.fromEntries(result);
};
