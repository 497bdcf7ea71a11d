// Python semantics that Neutron's validators rely on implicitly: what int()
// accepts, what str.strip() removes, what len() counts, what == considers
// equal and what str.splitlines() splits on. Everything here is total.

import { pyStr } from './python-text.ts';

/** Characters Python's str.isspace() accepts (what strip() and int() remove). */
const PY_SPACE = '\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000';
const SPACE_CHAR = new RegExp(`^[${PY_SPACE}]$`);
/** Python's `re` `\s` for str patterns: the same set. */
export const PY_WHITESPACE = new RegExp(`[${PY_SPACE}]`);
/** Where Python's str.splitlines() breaks a line. */
export const PY_LINE_BREAK = /[\n\r\v\f\x1c-\x1e\x85\u2028\u2029]/;

/** Python 3.11+ refuses int() of strings with more digits than this. */
const MAX_INT_DIGITS = 4300;
const INT_TEXT = /^([+-]?)([0-9]+(?:_[0-9]+)*)$/;

/**
 * Python's str.strip(chars): removes leading and trailing characters for
 * which `strip` holds. Index loops, not a /…+$/ regex, which would take
 * quadratic time on a long run of such characters.
 */
export function stripWhere(text: string, strip: (char: string) => boolean): string {
  let start = 0;
  let end = text.length;
  while (start < end && strip(text[start])) start++;
  while (end > start && strip(text[end - 1])) end--;
  return text.slice(start, end);
}

/** Python's str.strip() with no argument. */
export function pyStrip(text: string): string {
  return stripWhere(text, (char) => SPACE_CHAR.test(char));
}

/** Python's len() of a str: code points, not UTF-16 units. */
export function pyLen(text: string): number {
  let length = text.length;
  for (let i = 0; i < text.length - 1; i++) {
    const unit = text.charCodeAt(i);
    if (unit >= 0xd800 && unit <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) { length--; i++; }
    }
  }
  return length;
}

/** A JSON object: a non-null, non-array object (Python dict). */
export function isDict(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Own-key membership, safe on null-prototype objects (Python's `key in dict`). */
export function hasKey(dict: Record<string, unknown>, key: string): boolean {
  return Object.prototype.hasOwnProperty.call(dict, key);
}

/**
 * Python's `int(value)` for JSON values: booleans are 0/1, floats truncate,
 * strings may carry surrounding whitespace, a sign and digit-separating
 * underscores. Returns `undefined` where Python raises (None, lists, dicts,
 * "1.5", "abc", inf, strings of more than 4300 digits). Non-ASCII digits are
 * not accepted (Python accepts them; nobody sends them).
 */
export function pyInt(value: unknown): bigint | undefined {
  switch (typeof value) {
    case 'boolean': return value ? 1n : 0n;
    case 'bigint': return value;
    case 'number': return Number.isFinite(value) ? BigInt(Math.trunc(value)) : undefined;
    case 'string': {
      const match = INT_TEXT.exec(pyStrip(value));
      if (match === null) return undefined;
      const digits = match[2].replaceAll('_', '');
      if (digits.length > MAX_INT_DIGITS) return undefined;
      return BigInt(`${match[1]}${digits}`);
    }
    default: return undefined;
  }
}

/** A bigint as a number when it is safe, else kept as bigint (Python ints are unbounded). */
export function toJsInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;
}

/** Nesting beyond which {@link pyKey} stops descending (a request body can nest 100,000 deep). */
const MAX_KEY_DEPTH = 64;
let opaqueKeys = 0;

/**
 * A string key such that two JSON values get the same key exactly when Python
 * considers them equal (`True == 1 == 1.0`, dicts regardless of key order).
 * Lets duplicate detection run in linear time. Values nested deeper than 64
 * levels get a fresh key each time (never reported as duplicates) rather
 * than overflowing the stack.
 */
export function pyKey(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return 'N';
  switch (typeof value) {
    case 'string': return `s${JSON.stringify(value)}`;
    case 'boolean': return value ? 'n1' : 'n0';
    case 'number': return Number.isInteger(value) ? `n${BigInt(value)}` : `n${value}`;
    case 'bigint': return `n${value}`;
    case 'object': break;
    default: return `?${typeof value}`;
  }
  if (depth >= MAX_KEY_DEPTH) return `#${opaqueKeys++}`;
  if (Array.isArray(value)) return `[${value.map((item: unknown) => pyKey(item, depth + 1)).join(',')}]`;
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record).sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${pyKey(record[key], depth + 1)}`).join(',')}}`;
}

/**
 * The items that occur more than once, each listed once, in the order their
 * second occurrence appears (neutron-lib's `_collect_duplicates`).
 */
export function collectDuplicates(items: readonly unknown[]): unknown[] {
  const seen = new Set<string>();
  const reported = new Set<string>();
  const duplicates: unknown[] = [];
  for (const item of items) {
    const key = pyKey(item);
    if (!seen.has(key)) { seen.add(key); continue; }
    if (!reported.has(key)) { reported.add(key); duplicates.push(item); }
  }
  return duplicates;
}

/**
 * neutron-lib's list check shared by the `list_of_*` validators: a list, no
 * duplicates (`Duplicate items in the list: 'a, b'`), then each item through
 * `item` until one fails.
 */
export function checkListOfItems(data: unknown, item: (value: unknown) => string | undefined): string | undefined {
  if (!Array.isArray(data)) return `'${pyStr(data)}' is not a list`;
  const duplicates = collectDuplicates(data);
  if (duplicates.length > 0) return `Duplicate items in the list: '${duplicates.map(pyStr).join(', ')}'`;
  for (const value of data) {
    const message = item(value);
    if (message !== undefined) return message;
  }
  return undefined;
}
