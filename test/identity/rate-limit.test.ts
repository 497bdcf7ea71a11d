import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginLimiter } from '../../src/identity/login-limiter.ts';
import { forEachApi } from '../helpers/for-each-database.ts';
import { ADMIN_PASSWORD, IdentityApi, projectScope } from './identity-harness.ts';

const LIMITS = { freeFailures: 3, baseDelayMs: 1_000, maxDelayMs: 60_000, forgetAfterMs: 600_000, maxKeys: 1000 };

forEachApi('identity brute-force limit', { start: (db) => IdentityApi.start(db, { limiter: LIMITS }) }, ({ api }) => {
  test('failed passwords slow down (user, address); the right password waits too, then works; other addresses are not held', async () => {
    const attacker = '203.0.113.9';
    for (let i = 0; i < 3; i++) assert.equal((await api.login('admin', `guess-${i}`, projectScope('admin'), attacker)).status, 401);
    const held = await api.login('admin', ADMIN_PASSWORD, projectScope('admin'), attacker);
    assert.equal(held.status, 401, 'held back: even the right password is refused for now');
    assert.deepEqual(held.body.error.message, 'The request you have made requires authentication.', 'and nothing says why');
    assert.equal((await api.login('admin', ADMIN_PASSWORD, projectScope('admin'), '198.51.100.7')).status, 201, 'the admin elsewhere is not locked out');
    api.clock.advance(1_000);
    assert.equal((await api.login('admin', 'guess-again', projectScope('admin'), attacker)).status, 401);
    api.clock.advance(1_999);
    assert.equal((await api.login('admin', ADMIN_PASSWORD, projectScope('admin'), attacker)).status, 401, 'the delay doubled');
    api.clock.advance(1);
    assert.equal((await api.login('admin', ADMIN_PASSWORD, projectScope('admin'), attacker)).status, 201, 'released when the delay is over');
  });

  test('the delay is capped: never locked out for longer than the maximum', async () => {
    const source = '203.0.113.10';
    for (let i = 0; i < 20; i++) {
      await api.login('admin', 'x', projectScope('admin'), source);
      api.clock.advance(60_000);
    }
    assert.equal((await api.login('admin', ADMIN_PASSWORD, projectScope('admin'), source)).status, 201);
  });

  test('unknown users are limited the same way (no hint that they do not exist)', async () => {
    const source = '203.0.113.11';
    for (let i = 0; i < 4; i++) assert.equal((await api.login('nobody', 'x', undefined, source)).status, 401);
    const limiter = api.identity.limiter;
    assert.ok(limiter.waitFor(LoginLimiter.key('name:nobody@Default', source)) > 0);
  });

  test('password change attempts count too', async () => {
    const admin = await api.adminToken();
    const user = await api.create(admin, 'users', 'user', { name: 'pc', password: 'right' });
    const attempt = (original: string) => api.request('POST', `/identity/v3/users/${user.id}/password`, { body: { user: { original_password: original, password: 'next' } }, ip: '203.0.113.12' });
    for (let i = 0; i < 3; i++) assert.equal((await attempt('wrong')).status, 401);
    assert.equal((await attempt('right')).status, 401);
    api.clock.advance(1_000);
    assert.equal((await attempt('right')).status, 204);
  });
});
