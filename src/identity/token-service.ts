import { randomBytes } from 'node:crypto';
import type { AppCredentialRow } from '../store/repos/identity/app-credential-repo.ts';
import type { DomainRow } from '../store/repos/identity/domain-repo.ts';
import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { ProjectRow } from '../store/repos/identity/project-repo.ts';
import type { RoleRow } from '../store/repos/identity/role-repo.ts';
import type { UserRow } from '../store/repos/identity/user-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import type { Clock } from './clock.ts';
import { SYSTEM, type RoleResolver, type Target } from './role-resolver.ts';
import { TokenCodec, type TokenClaims, type TokenScope } from './token-codec.ts';

/** A token that passed every check, with what it refers to as it is now. */
export interface ValidToken {
  readonly token: string;
  readonly claims: TokenClaims;
  readonly user: UserRow;
  readonly userDomain: DomainRow;
  readonly project?: ProjectRow;
  readonly projectDomain?: DomainRow;
  readonly domain?: DomainRow;
  /** The token's roles (ids from the token, names as they are now). */
  readonly roles: readonly RoleRow[];
  readonly appCredential?: AppCredentialRow;
}

/** What to put in a new token. */
export interface TokenRequest {
  readonly userId: string;
  readonly methods: readonly string[];
  readonly scope: TokenScope;
  readonly roleIds: readonly string[];
  /** Rescoping keeps the original token's expiry and audit chain. */
  readonly parent?: TokenClaims;
  readonly appCredentialId?: string;
  /** An application credential's own expiry caps the token's. */
  readonly notAfter?: number;
}

const SIGNING_KEY_ID = 'token-hs256';

/** The target a scope names, or undefined for an unscoped token. */
export function targetOf(scope: TokenScope): Target | undefined {
  switch (scope.kind) {
    case 'project': return { type: 'project', id: scope.projectId };
    case 'domain': return { type: 'domain', id: scope.domainId };
    case 'system': return SYSTEM;
    default: return undefined;
  }
}

/**
 * Issues, validates and revokes tokens.
 *
 * Validation checks, besides signature and expiry: no revocation event
 * matches; the user, the user's domain and the scope's project/domain exist
 * and are enabled; the user still holds every role the token lists (so removing
 * an assignment, deleting a role or leaving a group ends the token); an
 * application credential still exists. Reads only; no transaction.
 */
export class TokenService {
  private codec: Promise<TokenCodec> | undefined;
  private readonly cache = new Map<string, { valid: ValidToken; until: number }>();

  constructor(
    private readonly store: Store,
    private readonly repos: IdentityRepos,
    private readonly resolver: RoleResolver,
    private readonly clock: Clock,
    /** Token lifetime in ms. */
    readonly ttlMs: number,
    /**
     * How long a successful validation is reused without asking the database
     * again (ms). Every identity write in this process clears the cache at
     * once (`forgetValidations`); other API servers notice a revocation
     * within this delay.
     */
    private readonly cacheMs = 2_000,
    private readonly maxCached = 10_000,
  ) {}

  /** Drops every cached validation (called after each identity write). */
  forgetValidations(): void {
    this.cache.clear();
  }

  /** Signs a new token. The signing key is created on first use and shared through the database. */
  async issue(request: TokenRequest): Promise<{ token: string; claims: TokenClaims }> {
    const now = this.clock();
    const ownAudit = randomBytes(16).toString('base64url').slice(0, 22);
    let expiresAt = request.parent?.expiresAt ?? now + this.ttlMs;
    if (request.notAfter !== undefined) expiresAt = Math.min(expiresAt, request.notAfter);
    const claims: TokenClaims = {
      userId: request.userId,
      methods: request.methods,
      scope: request.scope,
      roleIds: request.roleIds,
      auditIds: request.parent ? [ownAudit, request.parent.auditIds.at(-1)!] : [ownAudit],
      issuedAt: now,
      expiresAt,
      ...(request.appCredentialId !== undefined ? { appCredentialId: request.appCredentialId } : {}),
    };
    return { token: await (await this.getCodec()).sign(claims), claims };
  }

  /** The token's details when it is valid now; undefined otherwise (never says why). */
  async validate(token: string): Promise<ValidToken | undefined> {
    const now = this.clock();
    const hit = this.cache.get(token);
    if (hit !== undefined && hit.until > now) return hit.valid;
    const claims = await (await this.getCodec()).verify(token, now);
    if (claims === undefined) return undefined;
    const valid = await this.store.read(async (tx) => this.check(tx, token, claims));
    this.cache.delete(token);
    if (valid !== undefined && this.cacheMs > 0) {
      this.cache.set(token, { valid, until: Math.min(now + this.cacheMs, claims.expiresAt) });
      if (this.cache.size > this.maxCached) this.cache.delete(this.cache.keys().next().value!);
    }
    return valid;
  }

  /** Revokes one token (and, through its audit chain, tokens rescoped from it). */
  async revoke(claims: TokenClaims): Promise<void> {
    await this.store.transaction(async (tx) => {
      const now = this.clock();
      await this.repos.revocations.prune(tx, now);
      await this.repos.revocations.add(tx, 'audit', claims.auditIds[0]!, now, claims.expiresAt);
    });
    this.forgetValidations();
  }

  /** Ends every token issued so far to a user / for a project / from an application credential. */
  async revokeAll(tx: Tx, kind: 'user' | 'project' | 'app_cred', id: string): Promise<void> {
    const now = this.clock();
    await this.repos.revocations.prune(tx, now);
    await this.repos.revocations.add(tx, kind, id, now, now + this.ttlMs + 60_000);
  }

  private async check(tx: Tx, token: string, claims: TokenClaims): Promise<ValidToken | undefined> {
    const projectId = claims.scope.kind === 'project' ? claims.scope.projectId : undefined;
    const subject = { auditIds: claims.auditIds, userId: claims.userId, projectId, appCredentialId: claims.appCredentialId, issuedAt: claims.issuedAt };
    if (await this.repos.revocations.isRevoked(tx, subject)) return undefined;
    const user = await this.repos.users.get(tx, claims.userId);
    if (!user || !user.enabled) return undefined;
    const userDomain = await this.repos.domains.get(tx, user.domain_id);
    if (!userDomain || !userDomain.enabled) return undefined;
    let scoped: Pick<ValidToken, 'project' | 'projectDomain' | 'domain'> = {};
    if (claims.scope.kind === 'project') {
      const project = await this.repos.projects.get(tx, claims.scope.projectId);
      if (!project || !project.enabled) return undefined;
      const projectDomain = project.domain_id === userDomain.id ? userDomain : await this.repos.domains.get(tx, project.domain_id);
      if (!projectDomain || !projectDomain.enabled) return undefined;
      scoped = { project, projectDomain };
    } else if (claims.scope.kind === 'domain') {
      const domain = claims.scope.domainId === userDomain.id ? userDomain : await this.repos.domains.get(tx, claims.scope.domainId);
      if (!domain || !domain.enabled) return undefined;
      scoped = { domain };
    }
    const target = targetOf(claims.scope);
    if (target !== undefined) {
      const held = await this.resolver.effectiveRoleIds(tx, user.id, target);
      if (!claims.roleIds.every((id) => held.has(id))) return undefined;
    }
    let appCredential: AppCredentialRow | undefined;
    if (claims.appCredentialId !== undefined) {
      appCredential = await this.repos.appCredentials.get(tx, claims.appCredentialId);
      if (!appCredential) return undefined;
    }
    const roles = await this.repos.roles.list(tx, { ids: claims.roleIds });
    return { token, claims, user, userDomain, ...scoped, roles, ...(appCredential ? { appCredential } : {}) };
  }

  private getCodec(): Promise<TokenCodec> {
    this.codec ??= this.store.transaction(async (tx) => new TokenCodec(await this.repos.keys.getOrCreate(tx, SIGNING_KEY_ID, TokenCodec.newSecret(), tx.now)))
      .catch((error: unknown) => { this.codec = undefined; throw error; });
    return this.codec;
  }
}
