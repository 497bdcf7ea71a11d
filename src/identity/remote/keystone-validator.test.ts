import assert from 'node:assert/strict';
import { test } from 'node:test';
import { KeystoneUnavailable, KeystoneValidator, parseToken } from './keystone-validator.ts';

const T0 = Date.UTC(2030, 0, 1);

/** A fake Keystone: one service token at a time, user tokens from a table. */
function fakeKeystone(users: Record<string, unknown>) {
  const calls: string[] = [];
  let serviceToken = 'svc-1';
  const fetchImpl = (async (url: string, init: RequestInit) => {
    const headers = init.headers as Record<string, string>;
    calls.push(`${init.method} ${new URL(url).pathname}`);
    if (init.method === 'POST') {
      return new Response(JSON.stringify({ token: { user: { id: 'neutron' }, expires_at: new Date(T0 + 3600_000).toISOString() } }), { status: 201, headers: { 'x-subject-token': serviceToken } });
    }
    if (headers['x-auth-token'] !== serviceToken) return new Response('{}', { status: 401 });
    const body = users[headers['x-subject-token']!];
    return body ? new Response(JSON.stringify(body), { status: 200 }) : new Response('{}', { status: 404 });
  }) as unknown as typeof fetch;
  return { fetchImpl, calls, rotate: () => { serviceToken = 'svc-2'; } };
}

const userToken = (expiresAt: number) => ({ token: { user: { id: 'u1' }, project: { id: 'p1' }, roles: [{ id: 'r', name: 'member' }, { id: 'r2', name: 'reader' }], expires_at: new Date(expiresAt).toISOString() } });

test('validates through a service token, caches for cacheSeconds but never past expiry, renews the service token on 401', async () => {
  let now = T0;
  const keystone = fakeKeystone({ good: userToken(T0 + 120_000) });
  const validator = new KeystoneValidator({ url: 'http://ks:5000', username: 'neutron', password: 'x', projectName: 'service', userDomainName: 'Default', projectDomainName: 'Default', cacheSeconds: 300, clock: () => now, fetch: keystone.fetchImpl });
  const info = await validator.validate('good');
  assert.deepEqual(info, { userId: 'u1', projectId: 'p1', roles: ['member', 'reader'], systemScope: false, expiresAt: T0 + 120_000 });
  assert.deepEqual(keystone.calls, ['POST /v3/auth/tokens', 'GET /v3/auth/tokens'], '/v3 is added to the URL');
  await validator.validate('good');
  assert.equal(validator.requests, 1, 'cached');
  now += 120_000;
  keystone.rotate();
  assert.deepEqual(await validator.validate('good'), info, 'asked again at the token\'s expiry; 401 → new service token → retried');
  assert.equal(validator.requests, 3);
  assert.equal(keystone.calls.filter((c) => c.startsWith('POST')).length, 2);
  assert.equal(await validator.validate('bad'), undefined);
  assert.equal(await validator.validate('bad'), undefined);
  assert.equal(validator.requests, 4, 'invalid answers are cached briefly');
});

test('an unreachable or failing Keystone is KeystoneUnavailable, not an invalid token', async () => {
  const down = new KeystoneValidator({ url: 'http://ks/v3', username: 'n', password: 'x', projectName: 's', userDomainName: 'D', projectDomainName: 'D', cacheSeconds: 300,
    fetch: (async () => { throw new Error('ECONNREFUSED'); }) as unknown as typeof fetch });
  await assert.rejects(down.validate('t'), KeystoneUnavailable);
  const broken = new KeystoneValidator({ url: 'http://ks/v3', username: 'n', password: 'x', projectName: 's', userDomainName: 'D', projectDomainName: 'D', cacheSeconds: 300,
    fetch: (async () => new Response('{}', { status: 500 })) as unknown as typeof fetch });
  await assert.rejects(broken.validate('t'), KeystoneUnavailable);
});

test('parseToken reads project, domain and system scopes and refuses malformed bodies', () => {
  assert.equal(parseToken({ token: { user: { id: 'u' }, system: { all: true }, roles: [{ name: 'admin' }], expires_at: '2030-01-01T00:00:00.000000Z' } })?.systemScope, true);
  assert.equal(parseToken({ token: { user: { id: 'u' }, domain: { id: 'd' }, expires_at: '2030-01-01T00:00:00Z' } })?.domainId, 'd');
  for (const junk of [undefined, null, {}, { token: 5 }, { token: { user: {} } }, { token: { user: { id: 'u' }, expires_at: 'never' } }]) assert.equal(parseToken(junk), undefined);
});
