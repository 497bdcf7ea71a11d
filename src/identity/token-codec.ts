import { randomBytes } from 'node:crypto';
import { jwtVerify, SignJWT } from 'jose';

/** What a token is scoped to. */
export type TokenScope =
  | { readonly kind: 'unscoped' }
  | { readonly kind: 'project'; readonly projectId: string }
  | { readonly kind: 'domain'; readonly domainId: string }
  | { readonly kind: 'system' };

/** Everything a token carries. Instants are ms since the epoch. */
export interface TokenClaims {
  readonly userId: string;
  readonly methods: readonly string[];
  readonly scope: TokenScope;
  /** Effective role ids at issue time (implied roles included). */
  readonly roleIds: readonly string[];
  /** First: this token's own audit id; second (rescoped tokens): the original's. */
  readonly auditIds: readonly string[];
  readonly issuedAt: number;
  readonly expiresAt: number;
  readonly appCredentialId?: string;
}

/**
 * Signs and verifies tokens: compact JWS (HS256, jose) with one secret shared
 * by every API server through the database. Stateless: a valid signature and
 * an unexpired `exp` are all this module checks; revocation and the state of
 * users, projects and assignments are the token service's job.
 *
 * @example
 *   const codec = new TokenCodec(TokenCodec.newSecret());
 *   const token = await codec.sign(claims);
 *   const back = await codec.verify(token, Date.now()); // claims, or undefined
 */
export class TokenCodec {
  private readonly key: Uint8Array;

  constructor(secret: string) {
    this.key = Buffer.from(secret, 'base64url');
    if (this.key.length < 32) throw new Error('token signing secret must be at least 32 bytes');
  }

  /** A fresh random secret (base64url, 256 bits). */
  static newSecret(): string {
    return randomBytes(32).toString('base64url');
  }

  sign(claims: TokenClaims): Promise<string> {
    const payload: Record<string, unknown> = {
      mth: claims.methods,
      scp: encodeScope(claims.scope),
      rol: claims.roleIds,
      aud_ids: claims.auditIds,
      iat_ms: claims.issuedAt,
      exp_ms: claims.expiresAt,
    };
    if (claims.appCredentialId !== undefined) payload.acr = claims.appCredentialId;
    return new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', typ: 'muon-token' })
      .setSubject(claims.userId)
      .setIssuedAt(Math.floor(claims.issuedAt / 1000))
      .setExpirationTime(Math.ceil(claims.expiresAt / 1000))
      .sign(this.key);
  }

  /** The claims of a genuine, unexpired token at `now`; undefined for anything else. Never throws. */
  async verify(token: string, now: number): Promise<TokenClaims | undefined> {
    if (typeof token !== 'string' || token.length > 8192) return undefined;
    try {
      const { payload } = await jwtVerify(token, this.key, { algorithms: ['HS256'], typ: 'muon-token', currentDate: new Date(now) });
      const claims: TokenClaims = {
        userId: asString(payload.sub),
        methods: asStrings(payload.mth),
        scope: decodeScope(payload.scp),
        roleIds: asStrings(payload.rol),
        auditIds: asStrings(payload.aud_ids),
        issuedAt: asNumber(payload.iat_ms),
        expiresAt: asNumber(payload.exp_ms),
        ...(payload.acr !== undefined ? { appCredentialId: asString(payload.acr) } : {}),
      };
      if (claims.expiresAt <= now || claims.auditIds.length === 0) return undefined;
      return claims;
    } catch {
      return undefined;
    }
  }
}

function encodeScope(scope: TokenScope): unknown {
  switch (scope.kind) {
    case 'project': return { p: scope.projectId };
    case 'domain': return { d: scope.domainId };
    case 'system': return { s: 'all' };
    default: return {};
  }
}

function decodeScope(value: unknown): TokenScope {
  const scope = (value ?? {}) as { p?: unknown; d?: unknown; s?: unknown };
  if (typeof scope.p === 'string') return { kind: 'project', projectId: scope.p };
  if (typeof scope.d === 'string') return { kind: 'domain', domainId: scope.d };
  if (scope.s === 'all') return { kind: 'system' };
  return { kind: 'unscoped' };
}

class MalformedClaim extends Error {}

function asString(value: unknown): string {
  if (typeof value !== 'string') throw new MalformedClaim();
  return value;
}

function asNumber(value: unknown): number {
  if (typeof value !== 'number' || !Number.isFinite(value)) throw new MalformedClaim();
  return value;
}

function asStrings(value: unknown): string[] {
  if (!Array.isArray(value) || !value.every((v) => typeof v === 'string')) throw new MalformedClaim();
  return value as string[];
}
