import { Forbidden } from './identity-errors.ts';
import type { TokenScope } from './token-codec.ts';
import type { ValidToken } from './token-service.ts';

/** Who is calling the identity API, as policy needs it. */
export interface Caller {
  readonly userId: string;
  readonly roles: ReadonlySet<string>;
  readonly scope: TokenScope;
  readonly token: ValidToken;
}

export function callerOf(token: ValidToken): Caller {
  return { userId: token.user.id, roles: new Set(token.roles.map((r) => r.name)), scope: token.claims.scope, token };
}

/**
 * The identity API's default policy, reduced to what Keystone's defaults
 * decide for the personas muon has: `admin` (on any scope: Keystone's legacy
 * admin_required) may do everything; a system-scoped `reader` may read
 * everything; every user may read itself and its own projects, change its own
 * password and manage its own application credentials. Pure.
 */
export const policy = {
  isAdmin: (c: Caller) => c.roles.has('admin'),
  canReadAll: (c: Caller) => c.roles.has('admin') || (c.scope.kind === 'system' && c.roles.has('reader')),
  isSelf: (c: Caller, userId: string) => c.userId === userId,
  /** The service role may validate others' tokens (keystonemiddleware's service user). */
  canValidateTokens: (c: Caller) => c.roles.has('admin') || c.roles.has('service') || (c.scope.kind === 'system' && c.roles.has('reader')),
};

/** Throws Keystone's 403 naming `rule` unless `allowed`. */
export function enforce(allowed: boolean, rule: string): void {
  if (!allowed) throw Forbidden.action(rule);
}
