import { randomUUID } from 'node:crypto';

/** A Keystone-style id: 32 lowercase hex digits (uuid4 without dashes). */
export function newId(): string {
  return randomUUID().replace(/-/g, '');
}
