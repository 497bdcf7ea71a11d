// Extra DHCP options reach dnsmasq's options file, one option per line as
// "tag:<port>,option:<opt_name>,<opt_value>", and OVN's DHCP_Options rows.
// OSSA-2021-005 (CVE-2021-40085): a newline in a value let a tenant write
// arbitrary dnsmasq configuration. neutron-lib now refuses multi-line names
// and values; Python's splitlines() test still passes a single trailing
// "\n", so we are stricter, on purpose:
//  * opt_name: an option name or number, optionally behind dnsmasq tag
//    selectors ("tag:!ipxe,67", as Ironic sends) — letters, digits, "_",
//    ".", "-" only, so no whitespace, quote, or extra comma-separated field;
//  * opt_value: no control characters at all (NUL, CR, LF, TAB, …), no
//    Unicode line/paragraph separators or lone surrogates, and double quotes
//    dnsmasq's reader accepts (an unterminated quote makes it drop the line
//    with "missing \""; checked against dnsmasq 2.90 itself).
// Everything else follows neutron-lib's two key specs and its messages.

import { pyStr } from './python-text.ts';
import { checkListOfItems, hasKey, isDict, pyInt, pyLen, pyStrip, toJsInteger } from './python-values.ts';
import { ConversionError, type Converter, type Validator } from './types.ts';

/** neutron-lib DHCP_OPT_NAME_MAX_LEN. */
export const DHCP_OPT_NAME_MAX_LEN = 64;
/** neutron-lib DHCP_OPT_VALUE_MAX_LEN. */
export const DHCP_OPT_VALUE_MAX_LEN = 255;
/** Options whose value may be '' (to suppress the option), neutron-lib VALID_BLANK_EXTRA_DHCP_OPTS. */
export const VALID_BLANK_EXTRA_DHCP_OPTS: readonly string[] = ['router', 'classless-static-route'];

const OPT_NAME = /^(?:tag:!?[A-Za-z0-9_.-]+,)*[A-Za-z0-9_.-]+$/;
const FORBIDDEN_IN_VALUE = /[\p{Cc}\p{Cs}\p{Zl}\p{Zp}]/u;
const ITEM_KEYS = new Set(['opt_name', 'opt_value', 'ip_version']);

/** Options for {@link extraDhcpOpts}. */
export interface ExtraDhcpOptsOptions {
  /** Allow `opt_value: null`, which on update deletes that option (Neutron ignores it on create). */
  readonly allowNullValue: boolean;
}

/**
 * Whether dnsmasq's config reader accepts the quoting in `value` (else it
 * drops the line with "missing \""). It mirrors dnsmasq's scanner: inside
 * quotes a backslash escapes one of "tnebr\ and the character right after a
 * closing quote is never taken as an opening one.
 */
export function hasBalancedDnsmasqQuotes(value: string): boolean {
  let i = 0;
  while (i < value.length) {
    if (value[i] !== '"') { i++; continue; }
    i++;
    while (i < value.length && value[i] !== '"') {
      i += value[i] === '\\' && i + 1 < value.length && '"tnebr\\'.includes(value[i + 1]) ? 2 : 1;
    }
    if (i >= value.length) return false;
    i += 2;
  }
  return true;
}

/** Whether `name` is an acceptable opt_name (see the file header). */
export function isSafeOptName(name: unknown): name is string {
  return typeof name === 'string' && pyLen(name) <= DHCP_OPT_NAME_MAX_LEN && OPT_NAME.test(name);
}

/** Whether `value` is an acceptable string opt_value for option `name`. */
export function isSafeOptValue(name: string, value: string): boolean {
  if (pyLen(value) > DHCP_OPT_VALUE_MAX_LEN || FORBIDDEN_IN_VALUE.test(value) || !hasBalancedDnsmasqQuotes(value)) return false;
  return VALID_BLANK_EXTRA_DHCP_OPTS.includes(name) || pyStrip(value) !== '';
}

type ItemResult = { readonly message: string } | { readonly item: Record<string, unknown> };

function checkItem(item: unknown, options: ExtraDhcpOptsOptions): ItemResult {
  const noMatch = (shown: unknown): ItemResult => ({ message: `No valid key specs matched for: ${pyStr(shown)}` });
  if (!isDict(item) || !hasKey(item, 'opt_name') || !hasKey(item, 'opt_value')) return noMatch(item);
  if (Object.keys(item).some((key) => !ITEM_KEYS.has(key))) return noMatch(item);
  const { opt_name: name, opt_value: value } = item;
  if (!isSafeOptName(name)) return noMatch(item);
  const valueOk = value === null ? options.allowNullValue : typeof value === 'string' && isSafeOptValue(name, value);
  if (!valueOk) return noMatch(item);
  if (!hasKey(item, 'ip_version')) return { item: { ...item, ip_version: 4 } };
  const version = pyInt(item.ip_version);
  if (version === undefined) return { message: `'${pyStr(item.ip_version)}' is not an integer` };
  const converted = { ...item, ip_version: toJsInteger(version) };
  return version === 4n || version === 6n ? { item: converted } : noMatch(converted);
}

/** Validates and normalises; the message is the first problem found. */
function check(value: unknown, options: ExtraDhcpOptsOptions): { message?: string; items?: Record<string, unknown>[] } {
  if (value === null) return {};
  const listMessage = checkListOfItems(value, () => undefined);
  if (listMessage !== undefined) return { message: listMessage };
  const items: Record<string, unknown>[] = [];
  const seen = new Set<string>();
  for (const raw of value as unknown[]) {
    const result = checkItem(raw, options);
    if ('message' in result) return { message: result.message };
    const key = `${result.item.ip_version as number}|${result.item.opt_name as string}`;
    if (seen.has(key)) {
      return { message: `Duplicate extra DHCP option '${result.item.opt_name as string}' for IP version ${result.item.ip_version as number}` };
    }
    seen.add(key);
    items.push(result.item);
  }
  return { items };
}

/**
 * Port `extra_dhcp_opts` (neutron-lib `list_of_any_key_specs_or_none` with
 * EXTRA_DHCP_OPT_KEY_SPECS, hardened as described at the top of this file):
 * null, or a list of unique `{opt_name, opt_value, ip_version?}` objects.
 * Messages: `'<v>' is not a list`, `Duplicate items in the list: '<item>'`,
 * `No valid key specs matched for: <item>` for any bad item, `'<v>' is not
 * an integer` for a non-numeric ip_version, and (ours; Neutron fails on its
 * unique key later) `Duplicate extra DHCP option '<name>' for IP version <v>`
 * when two items share (opt_name, ip_version), ip_version defaulting to 4.
 * Neutron raises all of these as InvalidInput ("Invalid input for
 * operation: …"); use {@link toExtraDhcpOpts} as the converter to get that.
 *
 * @example extraDhcpOpts({ allowNullValue: false })([{ opt_name: 'mtu', opt_value: '1500\ndhcp-range=…' }]) // "No valid key specs matched for: {…}"
 */
export function extraDhcpOpts(options: ExtraDhcpOptsOptions): Validator {
  return (value) => check(value, options).message;
}

/**
 * Converter twin of {@link extraDhcpOpts}: throws ConversionError with the
 * same message (so the API answers Neutron's "Invalid input for operation:
 * …"), else returns the list with every ip_version an integer, defaulting
 * to 4. null stays null.
 *
 * @example toExtraDhcpOpts({ allowNullValue: true })([{ opt_name: 'mtu', opt_value: '1400', ip_version: '4' }]) // [{ opt_name: 'mtu', opt_value: '1400', ip_version: 4 }]
 */
export function toExtraDhcpOpts(options: ExtraDhcpOptsOptions): Converter {
  return (value) => {
    const { message, items } = check(value, options);
    if (message !== undefined) throw new ConversionError(message);
    return items ?? value;
  };
}
