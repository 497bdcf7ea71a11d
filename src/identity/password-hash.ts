import { randomBytes, scrypt, timingSafeEqual, type ScryptOptions } from 'node:crypto';

/**
 * Password hashing with scrypt. The stored string carries everything needed
 * to verify it later, so parameters can be raised without a migration:
 *
 *   scrypt$<N>$<r>$<p>$<salt base64url>$<hash base64url>
 *
 * Verification recomputes the hash with the stored parameters and compares
 * in constant time. Both functions may take tens of milliseconds (they run on
 * libuv's thread pool, not the event loop).
 *
 * @example
 *   const stored = await hashPassword('s3cret');
 *   await verifyPassword('s3cret', stored); // true
 */
export interface ScryptParams { readonly N: number; readonly r: number; readonly p: number }

/** OWASP's recommended minimum for scrypt (2^17 would be stronger but costs 128 MiB). */
export const DEFAULT_SCRYPT: ScryptParams = { N: 2 ** 15, r: 8, p: 1 };
const KEY_LENGTH = 32;
const PREFIX = 'scrypt';

export async function hashPassword(password: string, params: ScryptParams = DEFAULT_SCRYPT): Promise<string> {
  const salt = randomBytes(16);
  const hash = await derive(password, salt, params);
  return [PREFIX, params.N, params.r, params.p, salt.toString('base64url'), hash.toString('base64url')].join('$');
}

/** True when `password` matches `stored`; false for a wrong password or a malformed stored string. Never throws. */
export async function verifyPassword(password: string, stored: string | null | undefined): Promise<boolean> {
  const parsed = parse(stored);
  if (parsed === undefined) {
    // Spend the same time as a real check, so that "no such user" and
    // "wrong password" cannot be told apart by timing.
    await derive(password, DUMMY_SALT, DEFAULT_SCRYPT);
    return false;
  }
  try {
    const hash = await derive(password, parsed.salt, parsed.params);
    return hash.length === parsed.hash.length && timingSafeEqual(hash, parsed.hash);
  } catch {
    return false;
  }
}

const DUMMY_SALT = randomBytes(16);

function parse(stored: string | null | undefined): { params: ScryptParams; salt: Buffer; hash: Buffer } | undefined {
  if (typeof stored !== 'string') return undefined;
  const parts = stored.split('$');
  if (parts.length !== 6 || parts[0] !== PREFIX) return undefined;
  const [N, r, p] = parts.slice(1, 4).map(Number) as [number, number, number];
  // Bounds keep a tampered row from making verification allocate gigabytes.
  if (![N, r, p].every(Number.isInteger) || N < 2 || N > 2 ** 20 || (N & (N - 1)) !== 0 || r < 1 || r > 32 || p < 1 || p > 16) return undefined;
  return { params: { N, r, p }, salt: Buffer.from(parts[4]!, 'base64url'), hash: Buffer.from(parts[5]!, 'base64url') };
}

function derive(password: string, salt: Buffer, params: ScryptParams): Promise<Buffer> {
  const options: ScryptOptions = { N: params.N, r: params.r, p: params.p, maxmem: 256 * params.N * params.r + 1024 * 1024 };
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_LENGTH, options, (error, key) => (error ? reject(error) : resolve(key)));
  });
}
