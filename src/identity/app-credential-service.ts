import { randomBytes } from 'node:crypto';
import type { AppCredentialRow } from '../store/repos/identity/app-credential-repo.ts';
import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { RoleRow } from '../store/repos/identity/role-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import type { Clock } from './clock.ts';
import { Conflict, NotFound, ValidationError } from './identity-errors.ts';
import { newId } from './new-id.ts';
import { hashPassword } from './password-hash.ts';
import type { RoleResolver } from './role-resolver.ts';
import type { TokenService } from './token-service.ts';

export interface AppCredentialInput {
  name: string;
  description?: string | null;
  secret?: string;
  /** ISO time or null (never). */
  expires_at?: string | null;
  /** Role ids or names; default: every role of the creating token. */
  roles?: ReadonlyArray<{ id?: string; name?: string }>;
  unrestricted?: boolean;
}

/**
 * Application credentials: a secret that authenticates as a user on one
 * project with a subset of the user's roles there. The secret is shown once
 * (at creation) and kept only as a scrypt hash. Deleting one ends the tokens
 * issued from it. Each call is one transaction.
 */
export class AppCredentialService {
  constructor(
    private readonly store: Store,
    private readonly repos: IdentityRepos,
    private readonly resolver: RoleResolver,
    private readonly tokens: TokenService,
    private readonly clock: Clock,
  ) {}

  /** Creates for `userId` on `projectId`; `tokenRoleIds` are the creating token's roles (the ceiling). */
  async create(userId: string, projectId: string, tokenRoleIds: readonly string[], input: AppCredentialInput): Promise<{ row: AppCredentialRow; secret: string; roles: RoleRow[] }> {
    const secret = input.secret ?? randomBytes(48).toString('base64url');
    if (input.expires_at != null && !(Date.parse(input.expires_at) > this.clock())) throw ValidationError.field('expires_at', 'must be a time in the future');
    const secretHash = await hashPassword(secret);
    return this.store.transaction(async (tx) => {
      if (!await this.repos.users.get(tx, userId)) throw NotFound.of('user', userId);
      if (await this.repos.appCredentials.getByName(tx, userId, input.name)) throw Conflict.duplicate('application_credential', `Duplicate entry found with name ${input.name}`);
      const held = await this.resolver.effectiveRoleIds(tx, userId, { type: 'project', id: projectId });
      const ceiling = new Set(tokenRoleIds.filter((id) => held.has(id)));
      const roles = input.roles === undefined
        ? await this.repos.roles.list(tx, { ids: [...ceiling] })
        : await Promise.all(input.roles.map((ref) => this.role(tx, ref)));
      for (const role of roles) {
        if (!ceiling.has(role.id)) throw new ValidationError(`Cannot create an application credential with a role the user does not hold on the project: ${role.name}.`);
      }
      if (roles.length === 0) throw ValidationError.field('roles', 'at least one role is required');
      const row: AppCredentialRow = {
        id: newId(), user_id: userId, project_id: projectId, name: input.name, description: input.description ?? '',
        secret_hash: secretHash, roles: JSON.stringify([...new Set(roles.map((r) => r.id))]),
        expires_at: input.expires_at ?? null, unrestricted: input.unrestricted ? 1 : 0, created_at: tx.now,
      };
      await this.repos.appCredentials.insert(tx, row);
      return { row, secret, roles: dedupe(roles) };
    });
  }

  list(userId: string, name?: string): Promise<Array<{ row: AppCredentialRow; roles: RoleRow[] }>> {
    return this.store.read(async (tx) => {
      if (!await this.repos.users.get(tx, userId)) throw NotFound.of('user', userId);
      const rows = await this.repos.appCredentials.listByUser(tx, userId, name);
      return Promise.all(rows.map(async (row) => ({ row, roles: await this.repos.roles.list(tx, { ids: JSON.parse(row.roles) as string[] }) })));
    });
  }

  get(userId: string, id: string): Promise<{ row: AppCredentialRow; roles: RoleRow[] }> {
    return this.store.read(async (tx) => {
      const row = await this.repos.appCredentials.get(tx, id);
      if (!row || row.user_id !== userId) throw NotFound.of('application credential', id);
      return { row, roles: await this.repos.roles.list(tx, { ids: JSON.parse(row.roles) as string[] }) };
    });
  }

  delete(userId: string, id: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      const row = await this.repos.appCredentials.get(tx, id);
      if (!row || row.user_id !== userId) throw NotFound.of('application credential', id);
      await this.tokens.revokeAll(tx, 'app_cred', id);
      await this.repos.appCredentials.delete(tx, id);
    });
  }

  private async role(tx: Tx, ref: { id?: string; name?: string }): Promise<RoleRow> {
    const found = ref.id !== undefined ? await this.repos.roles.get(tx, ref.id) : ref.name !== undefined ? await this.repos.roles.getByName(tx, ref.name) : undefined;
    if (!found) throw NotFound.of('role', ref.id ?? ref.name ?? '');
    return found;
  }
}

function dedupe(roles: RoleRow[]): RoleRow[] {
  return [...new Map(roles.map((r) => [r.id, r])).values()];
}
