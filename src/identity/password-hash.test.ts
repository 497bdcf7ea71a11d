import assert from 'node:assert/strict';
import { test } from 'node:test';
import { hashPassword, verifyPassword } from './password-hash.ts';

const FAST = { N: 1024, r: 8, p: 1 };

test('hash then verify; a wrong password and a malformed stored string fail', async () => {
  const stored = await hashPassword('correct horse', FAST);
  assert.match(stored, /^scrypt\$1024\$8\$1\$[\w-]+\$[\w-]+$/);
  assert.equal(await verifyPassword('correct horse', stored), true);
  assert.equal(await verifyPassword('correct hors', stored), false);
  assert.equal(await verifyPassword('correct horse', null), false);
  assert.equal(await verifyPassword('x', 'scrypt$3$8$1$aa$bb'), false, 'N must be a power of two');
  assert.equal(await verifyPassword('x', 'scrypt$1073741824$8$1$aa$bb'), false, 'absurd parameters are refused, not computed');
});

test('two hashes of one password differ (random salt), and parameters travel with the hash', async () => {
  const a = await hashPassword('pw', FAST);
  const b = await hashPassword('pw', { N: 2048, r: 8, p: 1 });
  assert.notEqual(a, b);
  assert.equal(await verifyPassword('pw', b), true);
});
