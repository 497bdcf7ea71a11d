import type { AppCredentialRow } from '../store/repos/identity/app-credential-repo.ts';
import type { DomainRow } from '../store/repos/identity/domain-repo.ts';
import type { IdentityRepos } from '../store/repos/identity/index.ts';
import type { UserRow } from '../store/repos/identity/user-repo.ts';
import type { Store, Tx } from '../store/store.ts';
import type { Clock } from './clock.ts';
import { ValidationError, Unauthorized, Forbidden } from './identity-errors.ts';
import { object, optionalObject, optionalString, string, stringList, type Json } from './input.ts';
import type { LoginLimiter } from './login-limiter.ts';
import { LoginLimiter as Limiter } from './login-limiter.ts';
import { verifyPassword } from './password-hash.ts';
import type { RoleResolver } from './role-resolver.ts';
import type { TokenClaims, TokenScope } from './token-codec.ts';
import { targetOf, type TokenRequest, type TokenService } from './token-service.ts';

/**
 * POST /auth/tokens without HTTP: reads the `auth` object, checks the
 * credentials of each method (password, token, application_credential),
 * resolves the requested scope and the roles held on it, and returns what to
 * sign. Every failure of credentials or scope is the same 401, so nothing
 * tells an unknown user from a wrong password or a missing role. Failed
 * passwords feed the login limiter, keyed by the account as named and the
 * caller's address.
 */
export class Authenticator {
  constructor(
    private readonly store: Store,
    private readonly repos: IdentityRepos,
    private readonly resolver: RoleResolver,
    private readonly tokens: TokenService,
    private readonly limiter: LoginLimiter,
    private readonly clock: Clock,
  ) {}

  /** Authenticates `body` (the whole request body) coming from `source` (an address). */
  async authenticate(body: unknown, source: string): Promise<TokenRequest> {
    const auth = object(object(body ?? undefined, 'auth').auth, 'auth');
    const identity = object(auth.identity, 'identity');
    const methods = stringList(identity.methods, 'methods');
    if (methods.length === 0) throw ValidationError.field('methods', '[] is too short');
    if (methods.length > 1 && !(methods.length === 2 && methods.includes('token') && methods.includes('password'))) {
      throw new Unauthorized('Attempted to authenticate with an unsupported method.');
    }
    let who: { user: UserRow; parent?: TokenClaims; appCredential?: AppCredentialRow } | undefined;
    for (const method of methods) {
      const found = await this.method(method, identity, source);
      if (who !== undefined && who.user.id !== found.user.id) throw new Unauthorized();
      who = { ...who, ...found };
    }
    const { user, parent, appCredential } = who!;
    return this.store.read(async (tx) => {
      await this.checkUsable(tx, user);
      const requested = auth.scope === undefined ? undefined : await this.resolveScope(tx, auth.scope);
      if (appCredential) return this.appCredentialToken(tx, user, appCredential, requested);
      if (parent?.appCredentialId !== undefined) throw Forbidden.action('identity:rescope_application_credential_token');
      const scope = requested ?? parent?.scope ?? await this.defaultScope(tx, user);
      const target = targetOf(scope);
      const roleIds = target ? [...await this.resolver.effectiveRoleIds(tx, user.id, target)] : [];
      if (target && roleIds.length === 0) throw new Unauthorized();
      const all = [...new Set([...(parent?.methods ?? []), ...methods])];
      return { userId: user.id, methods: all, scope, roleIds, ...(parent ? { parent } : {}) };
    });
  }

  private async method(method: string, identity: Json, source: string): Promise<{ user: UserRow; parent?: TokenClaims; appCredential?: AppCredentialRow }> {
    switch (method) {
      case 'password': return { user: await this.password(object(identity.password, 'password'), source) };
      case 'token': {
        const id = string(object(identity.token, 'token').id, 'id', { max: 8192 });
        const valid = await this.tokens.validate(id);
        if (!valid) throw new Unauthorized();
        return { user: valid.user, parent: valid.claims };
      }
      case 'application_credential': return this.applicationCredential(object(identity.application_credential, 'application_credential'), source);
      default: throw new Unauthorized('Attempted to authenticate with an unsupported method.');
    }
  }

  private async password(body: Json, source: string): Promise<UserRow> {
    const ref = object(body.user, 'user');
    const password = string(ref.password, 'password', { max: 4096 });
    const key = Limiter.key(accountName(ref), source);
    if (!this.limiter.allowed(key)) throw new Unauthorized();
    const user = await this.store.read((tx) => this.findUser(tx, ref));
    const ok = await verifyPassword(password, user?.password_hash);
    if (!ok || !user) {
      this.limiter.failed(key);
      throw new Unauthorized();
    }
    this.limiter.succeeded(key);
    return user;
  }

  private async applicationCredential(body: Json, source: string): Promise<{ user: UserRow; appCredential: AppCredentialRow }> {
    const secret = string(body.secret, 'secret', { max: 4096 });
    const id = optionalString(body.id, 'id');
    const key = Limiter.key(`app:${id ?? accountName(object(body.user ?? {}, 'user'))}:${String(body.name ?? '')}`, source);
    if (!this.limiter.allowed(key)) throw new Unauthorized();
    const found = await this.store.read(async (tx) => {
      if (id !== undefined) return this.repos.appCredentials.get(tx, id);
      const user = await this.findUser(tx, object(body.user, 'user'));
      return user ? this.repos.appCredentials.getByName(tx, user.id, string(body.name, 'name')) : undefined;
    });
    const ok = await verifyPassword(secret, found?.secret_hash);
    const expired = found?.expires_at != null && Date.parse(found.expires_at) <= this.clock();
    if (!ok || !found || expired) {
      this.limiter.failed(key);
      throw new Unauthorized();
    }
    this.limiter.succeeded(key);
    const user = await this.store.read((tx) => this.repos.users.get(tx, found.user_id));
    if (!user) throw new Unauthorized();
    return { user, appCredential: found };
  }

  private async appCredentialToken(tx: Tx, user: UserRow, credential: AppCredentialRow, requested: TokenScope | undefined): Promise<TokenRequest> {
    if (requested !== undefined && !(requested.kind === 'project' && requested.projectId === credential.project_id)) throw new Unauthorized();
    const project = await this.repos.projects.get(tx, credential.project_id);
    if (!project || !project.enabled) throw new Unauthorized();
    const held = await this.resolver.effectiveRoleIds(tx, user.id, { type: 'project', id: project.id });
    const granted = JSON.parse(credential.roles) as string[];
    if (granted.length === 0 || !granted.every((id) => held.has(id))) throw new Unauthorized();
    const notAfter = credential.expires_at === null ? undefined : Date.parse(credential.expires_at);
    return {
      userId: user.id,
      methods: ['application_credential'],
      scope: { kind: 'project', projectId: project.id },
      roleIds: granted,
      appCredentialId: credential.id,
      ...(notAfter !== undefined ? { notAfter } : {}),
    };
  }

  /** A user named by id, or by name within a domain named by id or name. */
  private async findUser(tx: Tx, ref: Json): Promise<UserRow | undefined> {
    const id = optionalString(ref.id, 'id');
    if (id !== undefined) return this.repos.users.get(tx, id);
    const name = string(ref.name, 'name');
    const domain = await this.findDomain(tx, object(ref.domain, 'domain'));
    return domain ? this.repos.users.getByName(tx, domain.id, name) : undefined;
  }

  private async findDomain(tx: Tx, ref: Json): Promise<DomainRow | undefined> {
    const id = optionalString(ref.id, 'id');
    if (id !== undefined) return this.repos.domains.get(tx, id);
    return this.repos.domains.getByName(tx, string(ref.name, 'name'));
  }

  private async checkUsable(tx: Tx, user: UserRow): Promise<void> {
    if (!user.enabled) throw new Unauthorized();
    const domain = await this.repos.domains.get(tx, user.domain_id);
    if (!domain || !domain.enabled) throw new Unauthorized();
  }

  private async resolveScope(tx: Tx, value: unknown): Promise<TokenScope | undefined> {
    if (value === 'unscoped') return { kind: 'unscoped' };
    const scope = object(value, 'scope');
    const project = optionalObject(scope.project, 'project');
    if (project !== undefined) {
      const id = optionalString(project.id, 'id');
      let row;
      if (id !== undefined) row = await this.repos.projects.get(tx, id);
      else {
        const domain = await this.findDomain(tx, object(project.domain, 'domain'));
        row = domain && domain.enabled ? await this.repos.projects.getByName(tx, domain.id, string(project.name, 'name')) : undefined;
      }
      if (!row || !row.enabled) throw new Unauthorized();
      const domain = await this.repos.domains.get(tx, row.domain_id);
      if (!domain || !domain.enabled) throw new Unauthorized();
      return { kind: 'project', projectId: row.id };
    }
    const domainRef = optionalObject(scope.domain, 'domain');
    if (domainRef !== undefined) {
      const domain = await this.findDomain(tx, domainRef);
      if (!domain || !domain.enabled) throw new Unauthorized();
      return { kind: 'domain', domainId: domain.id };
    }
    const system = optionalObject(scope.system, 'system');
    if (system !== undefined) {
      if (system.all !== true) throw ValidationError.field('system', "only {\"all\": true} is supported");
      return { kind: 'system' };
    }
    if (scope['OS-TRUST:trust'] !== undefined) throw new Unauthorized('Attempted to authenticate with an unsupported method.');
    throw ValidationError.field('scope', 'expected one of project, domain or system');
  }

  /** No scope requested: the default project when the user has a role there, else unscoped (as Keystone). */
  private async defaultScope(tx: Tx, user: UserRow): Promise<TokenScope> {
    if (user.default_project_id === null) return { kind: 'unscoped' };
    const project = await this.repos.projects.get(tx, user.default_project_id);
    if (!project || !project.enabled) return { kind: 'unscoped' };
    const held = await this.resolver.effectiveRoleIds(tx, user.id, { type: 'project', id: project.id });
    return held.size > 0 ? { kind: 'project', projectId: project.id } : { kind: 'unscoped' };
  }
}

/** How the client named the account: for the limiter's key, whether or not the user exists. */
function accountName(ref: Json): string {
  if (typeof ref.id === 'string') return `id:${ref.id}`;
  const domain = (ref.domain ?? {}) as Json;
  return `name:${String(ref.name ?? '')}@${String(domain.id ?? domain.name ?? '')}`;
}
