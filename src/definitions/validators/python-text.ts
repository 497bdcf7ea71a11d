// Neutron builds its messages with Python's `%` operator, so a value shows up
// as Python's str() of the decoded JSON: None, True, ['a', 'b'], {'k': 1}.
// These helpers reproduce that text for JSON-shaped values so our messages
// match Neutron's byte for byte. JavaScript cannot tell 1 from 1.0, so every
// integral number prints as a Python int.

const MAX_DEPTH = 64;

/** Python's str.isprintable() is false for categories C* and Z* except the ASCII space. */
const NON_PRINTABLE = /[\p{C}\p{Z}]/u;

function hex(codePoint: number, width: number): string {
  return codePoint.toString(16).padStart(width, '0');
}

function escapeChar(char: string, quote: string): string {
  switch (char) {
    case '\\': return '\\\\';
    case '\t': return '\\t';
    case '\n': return '\\n';
    case '\r': return '\\r';
    case quote: return `\\${quote}`;
    default: break;
  }
  if (char === ' ' || !NON_PRINTABLE.test(char)) return char;
  const codePoint = char.codePointAt(0) ?? 0;
  if (codePoint < 0x100) return `\\x${hex(codePoint, 2)}`;
  if (codePoint < 0x10000) return `\\u${hex(codePoint, 4)}`;
  return `\\U${hex(codePoint, 8)}`;
}

function reprString(text: string): string {
  const quote = text.includes("'") && !text.includes('"') ? '"' : "'";
  let body = '';
  for (const char of text) body += escapeChar(char, quote);
  return `${quote}${body}${quote}`;
}

/** Python's repr() of a float, e.g. 1.5, 1e-05, 1e+16, inf. */
function floatRepr(value: number): string {
  if (Number.isNaN(value)) return 'nan';
  if (!Number.isFinite(value)) return value > 0 ? 'inf' : '-inf';
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  const digits = mantissa.replace('-', '').replace('.', '');
  const sign = value < 0 ? '-' : '';
  if (exponent >= -4 && exponent < 16) {
    if (exponent < 0) return `${sign}0.${'0'.repeat(-exponent - 1)}${digits}`;
    const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, '0');
    return `${sign}${whole}.${digits.slice(exponent + 1) || '0'}`;
  }
  const fraction = digits.length > 1 ? `.${digits.slice(1)}` : '';
  const exponentSign = exponent < 0 ? '-' : '+';
  return `${sign}${digits[0]}${fraction}e${exponentSign}${String(Math.abs(exponent)).padStart(2, '0')}`;
}

/**
 * Integral values below 1e21 print as Python ints (JavaScript's String()
 * gives the same digits), others as Python floats. A client's "1.0" thus
 * prints "1", and "1e20" prints "100000000000000000000": JSON.parse cannot
 * tell us which one was sent.
 */
function numberText(value: number): string {
  return Number.isInteger(value) && Math.abs(value) < 1e21 ? String(value) : floatRepr(value);
}

function format(value: unknown, depth: number, asRepr: boolean): string {
  if (value === null || value === undefined) return 'None';
  switch (typeof value) {
    case 'string': return asRepr ? reprString(value) : value;
    case 'boolean': return value ? 'True' : 'False';
    case 'number': return numberText(value);
    case 'bigint': return value.toString();
    case 'object': break;
    default: return `<${typeof value}>`;
  }
  if (depth >= MAX_DEPTH) return '...';
  if (Array.isArray(value)) {
    return `[${value.map((item: unknown) => format(item, depth + 1, true)).join(', ')}]`;
  }
  const record = value as Record<string, unknown>;
  const entries = Object.keys(record).map((key) => `${reprString(key)}: ${format(record[key], depth + 1, true)}`);
  return `{${entries.join(', ')}}`;
}

/**
 * Python's `str()` of a JSON value, as `'%s' % value` prints it: strings as
 * they are, `None`, `True`/`False`, `['a', 1]`, `{'k': 'v'}` (nested strings
 * in repr form). Total: never throws.
 *
 * @example pyStr({ start: '10.0.0.2' }) // "{'start': '10.0.0.2'}"
 */
export function pyStr(value: unknown): string {
  return format(value, 0, false);
}

/**
 * Python's `repr()` of a JSON value: like {@link pyStr} but strings are quoted
 * and escaped (`'a\nb'`, `"it's"`, `'\x00'`). Total: never throws.
 *
 * @example pyRepr("it's") // "\"it's\""
 */
export function pyRepr(value: unknown): string {
  return format(value, 0, true);
}

/**
 * Python's repr() of a set of strings in the given order (`{'a', 'b'}`, or
 * `set()` when empty). Python's own order is hash-random; ours is stable.
 */
export function pySetRepr(items: readonly string[]): string {
  return items.length === 0 ? 'set()' : `{${items.map(reprString).join(', ')}}`;
}
