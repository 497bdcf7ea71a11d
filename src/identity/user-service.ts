import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { UserFilter, UserRow } from '../store/repos/identity/user-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import { Conflict, NotFound, Unauthorized, ValidationError } from './identity-errors.ts';
import { LoginLimiter } from './login-limiter.ts';
import { newId } from './new-id.ts';
import { hashPassword, verifyPassword } from './password-hash.ts';
import type { TokenService } from './token-service.ts';

export interface UserInput {
  name?: string;
  domain_id?: string;
  password?: string | null;
  enabled?: boolean;
  default_project_id?: string | null;
  options?: Record<string, unknown>;
  /** Free attributes Keystone keeps as "extra" (email, description …). */
  extra?: Record<string, unknown>;
}

/**
 * Users. Each call is one transaction (password hashing happens before it).
 * Changing a password, disabling or deleting a user ends the user's tokens.
 */
export class UserService {
  constructor(
    private readonly store: Store,
    private readonly repos: IdentityRepos,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
  ) {}

  get(id: string): Promise<UserRow> {
    return this.store.read((tx) => this.require(tx, id));
  }

  list(filter: UserFilter = {}): Promise<UserRow[]> {
    return this.store.read((tx) => this.repos.users.list(tx, filter));
  }

  /** A user by id, or by name in a domain (for the CLI and name lookups). */
  find(nameOrId: string, domainId = 'default'): Promise<UserRow | undefined> {
    return this.store.read(async (tx) => (await this.repos.users.get(tx, nameOrId)) ?? this.repos.users.getByName(tx, domainId, nameOrId));
  }

  async create(input: UserInput & { name: string; domain_id: string }): Promise<UserRow> {
    const hash = typeof input.password === 'string' ? await hashPassword(input.password) : null;
    return this.store.transaction(async (tx) => {
      if (!await this.repos.domains.get(tx, input.domain_id)) throw ValidationError.field('domain_id', `domain ${input.domain_id} does not exist`);
      await this.checkName(tx, input.domain_id, input.name);
      if (input.default_project_id != null) await this.checkProject(tx, input.default_project_id);
      const row: UserRow = {
        id: newId(), domain_id: input.domain_id, name: input.name, password_hash: hash,
        enabled: input.enabled === false ? 0 : 1, default_project_id: input.default_project_id ?? null,
        options: JSON.stringify(input.options ?? {}), extra: JSON.stringify(input.extra ?? {}),
        password_expires_at: null, created_at: tx.now,
      };
      await this.repos.users.insert(tx, row);
      return row;
    });
  }

  async update(id: string, input: UserInput): Promise<UserRow> {
    const hash = typeof input.password === 'string' ? await hashPassword(input.password) : input.password;
    return this.store.transaction(async (tx) => {
      const row = await this.require(tx, id);
      if (input.domain_id !== undefined && input.domain_id !== row.domain_id) throw ValidationError.field('domain_id', 'the domain of a user cannot be changed');
      if (input.name !== undefined && input.name !== row.name) await this.checkName(tx, row.domain_id, input.name);
      if (input.default_project_id != null) await this.checkProject(tx, input.default_project_id);
      const patch = {
        ...(input.name !== undefined ? { name: input.name } : {}),
        ...(hash !== undefined ? { password_hash: hash } : {}),
        ...(input.enabled !== undefined ? { enabled: input.enabled ? 1 : 0 } : {}),
        ...(input.default_project_id !== undefined ? { default_project_id: input.default_project_id } : {}),
        ...(input.options !== undefined ? { options: JSON.stringify({ ...JSON.parse(row.options), ...input.options }) } : {}),
        ...(input.extra !== undefined ? { extra: JSON.stringify({ ...JSON.parse(row.extra), ...input.extra }) } : {}),
      };
      await this.repos.users.update(tx, id, patch);
      if (hash !== undefined || (input.enabled === false && row.enabled)) await this.tokens.revokeAll(tx, 'user', id);
      return { ...row, ...patch };
    });
  }

  /**
   * Self-service password change: the original password must match. Failures
   * count against the login limiter like a failed login from `source`.
   */
  async changePassword(id: string, original: string, password: string, source: string): Promise<void> {
    const key = LoginLimiter.key(`id:${id}`, source);
    if (!this.limiter.allowed(key)) throw new Unauthorized();
    const user = await this.store.read((tx) => this.repos.users.get(tx, id));
    if (!await verifyPassword(original, user?.password_hash) || !user || !user.enabled) {
      this.limiter.failed(key);
      throw new Unauthorized();
    }
    this.limiter.succeeded(key);
    await this.update(id, { password });
  }

  delete(id: string): Promise<void> {
    return this.store.transaction(async (tx) => {
      await this.require(tx, id);
      await this.tokens.revokeAll(tx, 'user', id);
      await this.repos.assignments.deleteForActor(tx, 'user', id);
      await this.repos.users.delete(tx, id);
    });
  }

  async require(tx: Tx, id: string): Promise<UserRow> {
    const row = await this.repos.users.get(tx, id);
    if (!row) throw NotFound.of('user', id);
    return row;
  }

  private async checkName(tx: Tx, domainId: string, name: string): Promise<void> {
    if (await this.repos.users.getByName(tx, domainId, name)) throw Conflict.duplicate('user', `Duplicate entry found with name ${name} at domain ID ${domainId}`);
  }

  private async checkProject(tx: Tx, projectId: string): Promise<void> {
    if (!await this.repos.projects.get(tx, projectId)) throw ValidationError.field('default_project_id', `project ${projectId} does not exist`);
  }
}

