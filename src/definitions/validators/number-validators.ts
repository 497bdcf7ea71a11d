import { pyStr } from './python-text.ts';
import { pyInt, pyKey, pyStrip } from './python-values.ts';
import type { Validator } from './types.ts';

const TRUE_STRINGS = ['1', 't', 'true', 'on', 'y', 'yes'];
const FALSE_STRINGS = ['0', 'f', 'false', 'off', 'n', 'no'];

/**
 * oslo's `bool_from_string(value, strict=True)`: booleans as they are;
 * anything else by its Python str(), stripped and lower-cased, among
 * 1/t/true/on/y/yes and 0/f/false/off/n/no. `undefined` when unrecognised.
 */
export function parseBoolean(value: unknown): boolean | undefined {
  if (typeof value === 'boolean') return value;
  const text = pyStrip(pyStr(value)).toLowerCase();
  if (TRUE_STRINGS.includes(text)) return true;
  if (FALSE_STRINGS.includes(text)) return false;
  return undefined;
}

/** neutron-lib `boolean`: `'<v>' is not a valid boolean value` unless {@link parseBoolean} reads it. */
export const boolean: Validator = (value) =>
  parseBoolean(value) === undefined ? `'${pyStr(value)}' is not a valid boolean value` : undefined;

/**
 * neutron-lib `integer`: an integral number or integer text, not a boolean.
 * Messages: `'<v>' is not an integer`, `'<v>' is not an integer:boolean`.
 */
export const integer: Validator = (value) => {
  const parsed = pyInt(value);
  if (parsed === undefined || (typeof value === 'number' && !Number.isInteger(value))) {
    return `'${pyStr(value)}' is not an integer`;
  }
  return typeof value === 'boolean' ? `'${pyStr(value)}' is not an integer:boolean` : undefined;
};

/**
 * How Python prints int(value): an integral JSON number below 1e21 keeps the
 * digits the client most likely sent; larger ones were floats to Python too.
 */
function intText(parsed: bigint, value: unknown): string {
  return typeof value === 'number' && Math.abs(value) < 1e21 ? String(Math.trunc(value)) : parsed.toString();
}

/**
 * neutron-lib `non_negative`: int(value) >= 0 (Python int(), so "7" and 7.9
 * pass). Messages: `'<v>' is not an integer`, `'<int>' should be non-negative`.
 *
 * @example nonNegative(-1) // "'-1' should be non-negative"
 */
export const nonNegative: Validator = (value) => {
  const parsed = pyInt(value);
  if (parsed === undefined) return `'${pyStr(value)}' is not an integer`;
  return parsed < 0n ? `'${intText(parsed, value)}' should be non-negative` : undefined;
};

/** {@link nonNegative}, or null. */
export const nonNegativeOrNone: Validator = (value) => (value === null ? undefined : nonNegative(value));

/**
 * neutron-lib `range`: int(value) within [min, max], inclusive; a null bound
 * is unlimited. Messages: `'<v>' is not an integer`, `'<int>' is too small -
 * must be at least '<min>'`, `'<int>' is too large - must be no larger than '<max>'`.
 *
 * @example range(68, 65535)(70000) // "'70000' is too large - must be no larger than '65535'"
 */
export function range(min: number | null, max: number | null): Validator {
  return (value) => {
    const parsed = pyInt(value);
    if (parsed === undefined) return `'${pyStr(value)}' is not an integer`;
    if (min !== null && parsed < BigInt(min)) return `'${intText(parsed, value)}' is too small - must be at least '${min}'`;
    if (max !== null && parsed > BigInt(max)) return `'${intText(parsed, value)}' is too large - must be no larger than '${max}'`;
    return undefined;
  };
}

/** {@link range}, or null (neutron-lib `range_or_none`). */
export function rangeOrNone(min: number | null, max: number | null): Validator {
  const check = range(min, max);
  return (value) => (value === null ? undefined : check(value));
}

/**
 * neutron-lib `values`: the value equals (Python ==, so 1 == true) one of
 * `allowed`; else `<v> is not in <display>`. Neutron's API passes no display
 * text, so the message reads literally `foo is not in valid_values`.
 *
 * @example values([4, 6])(5) // "5 is not in valid_values"
 */
export function values(allowed: readonly unknown[], display = 'valid_values'): Validator {
  const keys = new Set(allowed.map((item) => pyKey(item)));
  return (value) => (keys.has(pyKey(value)) ? undefined : `${pyStr(value)} is not in ${display}`);
}

/** {@link values}, or null. (Neutron itself sends null through `values`, which rejects it.) */
export function valuesOrNone(allowed: readonly unknown[], display?: string): Validator {
  const check = values(allowed, display);
  return (value) => (value === null ? undefined : check(value));
}
