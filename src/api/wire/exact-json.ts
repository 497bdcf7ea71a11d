import { randomUUID } from 'node:crypto';

/**
 * JSON with bigints written as exact integer literals. JSON itself has no
 * size limit on numbers and Neutron's clients (Python) read them exactly;
 * `JSON.stringify` refuses bigints and a `Number` would round anything past
 * 2^53 (an IPv6 /64's 18446744073709551614 addresses).
 */
export function exactJson(value: unknown): string {
  const text = JSON.stringify(value, (_key, v: unknown) => (typeof v === 'bigint' ? `${MARKER}${v}` : v));
  return text.replace(MARKED, '$1');
}

/** A per-process nonce, so that no string a client stored can pass for a marked bigint. */
const NONCE = randomUUID();
const MARKER = `\u0000bigint:${NONCE}:`;
const MARKED = new RegExp(`"\\\\u0000bigint:${NONCE}:(-?\\d+)"`, 'g');
