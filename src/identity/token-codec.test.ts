import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TokenCodec, type TokenClaims } from './token-codec.ts';

const claims: TokenClaims = {
  userId: 'u1',
  methods: ['password'],
  scope: { kind: 'project', projectId: 'p1' },
  roleIds: ['r1', 'r2'],
  auditIds: ['a1'],
  issuedAt: 1_700_000_000_000,
  expiresAt: 1_700_003_600_000,
};

test('sign then verify gives the claims back, until expiry', async () => {
  const codec = new TokenCodec(TokenCodec.newSecret());
  const token = await codec.sign(claims);
  assert.deepEqual(await codec.verify(token, claims.issuedAt + 1000), claims);
  assert.equal(await codec.verify(token, claims.expiresAt), undefined, 'expired at exp');
  const system = await codec.sign({ ...claims, scope: { kind: 'system' }, appCredentialId: 'ac' });
  assert.deepEqual((await codec.verify(system, claims.issuedAt))?.scope, { kind: 'system' });
  assert.equal((await codec.verify(system, claims.issuedAt))?.appCredentialId, 'ac');
});

test('another key, a tampered payload, alg none and garbage are refused', async () => {
  const codec = new TokenCodec(TokenCodec.newSecret());
  const token = await codec.sign(claims);
  assert.equal(await new TokenCodec(TokenCodec.newSecret()).verify(token, claims.issuedAt), undefined);
  const [header, payload, signature] = token.split('.');
  const forged = JSON.parse(Buffer.from(payload!, 'base64url').toString());
  forged.sub = 'admin';
  const tampered = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
  assert.equal(await codec.verify(tampered, claims.issuedAt), undefined);
  const none = `${Buffer.from('{"alg":"none","typ":"muon-token"}').toString('base64url')}.${payload}.`;
  assert.equal(await codec.verify(none, claims.issuedAt), undefined);
  for (const junk of ['', 'x', 'a.b.c', 'x'.repeat(10_000)]) assert.equal(await codec.verify(junk, claims.issuedAt), undefined);
});

test('a short secret is a programming error', () => {
  assert.throws(() => new TokenCodec('c2hvcnQ'));
});
