import type { IdentityRevocationTable } from '../../schema.ts';
import type { Tx } from '../../store.ts';

export type RevocationKind = IdentityRevocationTable['kind'];

/** What a token says about itself, for matching against revocation events. */
export interface TokenSubject {
  readonly auditIds: readonly string[];
  readonly userId: string;
  readonly projectId?: string;
  readonly appCredentialId?: string;
  /** ms since the epoch. */
  readonly issuedAt: number;
}

/**
 * Revocation events (Keystone's revoke model, reduced): a token is revoked
 * when an event names one of its audit ids, its user, its project or its
 * application credential and the event is not older than the token.
 */
export class RevocationRepo {
  /** Records (or moves forward) an event; idempotent. */
  async add(tx: Tx, kind: RevocationKind, value: string, revokedAt: number, expiresAt: number): Promise<void> {
    await tx.db.insertInto('identity_revocations').values({ kind, value, revoked_at: revokedAt, expires_at: expiresAt })
      .onConflict((oc) => oc.columns(['kind', 'value']).doUpdateSet({ revoked_at: revokedAt, expires_at: expiresAt })).execute();
  }

  /** True when some event revokes a token with this subject. One statement. */
  async isRevoked(tx: Tx, token: TokenSubject): Promise<boolean> {
    const pairs: Array<[RevocationKind, string]> = [['user', token.userId], ...token.auditIds.map((id): [RevocationKind, string] => ['audit', id])];
    if (token.projectId) pairs.push(['project', token.projectId]);
    if (token.appCredentialId) pairs.push(['app_cred', token.appCredentialId]);
    const row = await tx.db.selectFrom('identity_revocations').select('kind')
      .where('revoked_at', '>=', token.issuedAt)
      .where((eb) => eb.or(pairs.map(([kind, value]) => eb.and([eb('kind', '=', kind), eb('value', '=', value)]))))
      .executeTakeFirst();
    return row !== undefined;
  }

  /** Drops events that can no longer match a valid token. */
  async prune(tx: Tx, now: number): Promise<number> {
    const result = await tx.db.deleteFrom('identity_revocations').where('expires_at', '<', now).executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
