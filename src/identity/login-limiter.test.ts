import assert from 'node:assert/strict';
import { test } from 'node:test';
import { LoginLimiter } from './login-limiter.ts';

const options = { freeFailures: 3, baseDelayMs: 1000, maxDelayMs: 8000, forgetAfterMs: 60_000, maxKeys: 2 };

test('free failures, then a doubling delay capped at the maximum, released by time', () => {
  let now = 0;
  const limiter = new LoginLimiter(() => now, options);
  const key = LoginLimiter.key('Admin', '127.0.0.1');
  for (let i = 0; i < 3; i++) { assert.equal(limiter.allowed(key), true); limiter.failed(key); }
  assert.equal(limiter.waitFor(key), 1000);
  now += 999; assert.equal(limiter.allowed(key), false);
  now += 1; assert.equal(limiter.allowed(key), true);
  limiter.failed(key); assert.equal(limiter.waitFor(key), 2000);
  for (let i = 0; i < 10; i++) limiter.failed(key);
  assert.equal(limiter.waitFor(key), 8000, 'capped: never locked out for longer than maxDelayMs');
  now += 8000; assert.equal(limiter.allowed(key), true);
});

test('success clears; keys are per account and source, case-insensitive on the account', () => {
  let now = 0;
  const limiter = new LoginLimiter(() => now, options);
  const key = LoginLimiter.key('admin', '10.0.0.1');
  for (let i = 0; i < 4; i++) limiter.failed(key);
  assert.equal(limiter.allowed(key), false);
  assert.equal(limiter.allowed(LoginLimiter.key('admin', '10.0.0.2')), true);
  assert.equal(limiter.allowed(LoginLimiter.key('ADMIN', '10.0.0.1')), false);
  now += 10_000; limiter.succeeded(key);
  assert.equal(limiter.waitFor(key), 0);
});

test('forgotten after a quiet period; bounded number of keys', () => {
  let now = 0;
  const limiter = new LoginLimiter(() => now, options);
  for (let i = 0; i < 5; i++) limiter.failed('a');
  now += 60_000;
  assert.equal(limiter.allowed('a'), true);
  for (let i = 0; i < 5; i++) limiter.failed('b');
  for (let i = 0; i < 5; i++) limiter.failed('c');
  limiter.failed('d');
  assert.equal(limiter.allowed('b'), true, 'the oldest key was dropped to respect maxKeys');
  assert.equal(limiter.allowed('c'), false);
});
