import { pyStr } from './python-text.ts';
import { PY_LINE_BREAK, pyLen, pyStrip } from './python-values.ts';
import type { Validator } from './types.ts';

/**
 * Characters a name may contain: letters, marks, numbers, punctuation,
 * symbols and space separators (neutron-lib's printable set). Its regex is
 * built from the BMP only, so astral characters (emoji) are refused too.
 */
const NAME_CHARS = /^[\p{L}\p{M}\p{N}\p{P}\p{S}\p{Zs}]*$/u;
const ASTRAL = /[\u{10000}-\u{10FFFF}]/u;
const SPACE_SEPARATOR = /^\p{Zs}$/u;

/**
 * neutron-lib `string`: a string of at most `maxLen` characters (Python
 * code points). Messages: `'<v>' is not a valid string`, `'<v>' exceeds
 * maximum length of <maxLen>`.
 *
 * @example stringValidator(3)('abcd') // "'abcd' exceeds maximum length of 3"
 */
export function stringValidator(maxLen?: number): Validator {
  return (value) => {
    if (typeof value !== 'string') return `'${pyStr(value)}' is not a valid string`;
    if (maxLen !== undefined && pyLen(value) > maxLen) return `'${value}' exceeds maximum length of ${maxLen}`;
    return undefined;
  };
}

/** {@link stringValidator}, or null (neutron-lib `string_or_none`). */
export function stringOrNone(maxLen?: number): Validator {
  const check = stringValidator(maxLen);
  return (value) => (value === null ? undefined : check(value));
}

/**
 * neutron-lib `not_empty_string`: {@link stringValidator} and not blank
 * (`'<v>' Blank strings are not permitted`).
 */
export function notEmptyString(maxLen?: number): Validator {
  const check = stringValidator(maxLen);
  return (value) => {
    const message = check(value);
    if (message !== undefined) return message;
    return pyStrip(value as string) === '' ? `'${value as string}' Blank strings are not permitted` : undefined;
  };
}

/** {@link notEmptyString}, or null. */
export function notEmptyStringOrNone(maxLen?: number): Validator {
  const check = notEmptyString(maxLen);
  return (value) => (value === null ? undefined : check(value));
}

/**
 * neutron-lib `oneline_not_empty_string`: {@link notEmptyString} without any
 * line break (`Multi-line string is not allowed: '<v>'`). Stricter than
 * Python's splitlines() test, which lets a single trailing newline through.
 */
export function onelineNotEmptyString(maxLen?: number): Validator {
  const check = notEmptyString(maxLen);
  return (value) => {
    const message = check(value);
    if (message !== undefined) return message;
    return PY_LINE_BREAK.test(value as string) ? `Multi-line string is not allowed: '${value as string}'` : undefined;
  };
}

/** {@link onelineNotEmptyString}, or null. */
export function onelineNotEmptyStringOrNone(maxLen?: number): Validator {
  const check = onelineNotEmptyString(maxLen);
  return (value) => (value === null ? undefined : check(value));
}

function isValidName(text: string): boolean {
  if (text === '') return true;
  if (!NAME_CHARS.test(text) || ASTRAL.test(text)) return false;
  const first = String.fromCodePoint(text.codePointAt(0) ?? 0);
  const last = text.at(-1) ?? '';
  return !SPACE_SEPARATOR.test(first) && !SPACE_SEPARATOR.test(last);
}

/**
 * neutron-lib `name_string`: {@link stringValidator}, only printable
 * characters (no control or format characters, no line breaks), and no
 * leading or trailing space separator; else `'<v>' is not a valid string`.
 * The empty string is valid. (Python's regex `$` also lets one trailing
 * newline through; we do not.)
 *
 * @example nameString(255)(' web') // "' web' is not a valid string"
 */
export function nameString(maxLen?: number): Validator {
  const check = stringValidator(maxLen);
  return (value) => {
    const message = check(value);
    if (message !== undefined) return message;
    return isValidName(value as string) ? undefined : `'${value as string}' is not a valid string`;
  };
}

/** {@link nameString}, or null. */
export function nameStringOrNone(maxLen?: number): Validator {
  const check = nameString(maxLen);
  return (value) => (value === null ? undefined : check(value));
}

/** neutron-lib `not_empty_name_string`: {@link notEmptyString} then {@link nameString}. */
export function notEmptyNameStringOf(maxLen?: number): Validator {
  const notEmpty = notEmptyString(maxLen);
  const name = nameString(maxLen);
  return (value) => notEmpty(value) ?? name(value);
}

/** {@link notEmptyNameStringOf} without a length cap (how subnetpool `name` uses it). */
export const notEmptyNameString: Validator = notEmptyNameStringOf();
