import { createIdentityRepos, type IdentityRepos } from '../store/repos/identity/index.ts';
import type { Store, Tx } from '../store/store.ts';
import { AppCredentialService } from './app-credential-service.ts';
import { AssignmentService } from './assignment-service.ts';
import { Authenticator } from './authenticator.ts';
import { systemClock, type Clock } from './clock.ts';
import { DomainService } from './domain-service.ts';
import { GroupService } from './group-service.ts';
import { DEFAULT_LIMITER, LoginLimiter, type LoginLimiterOptions } from './login-limiter.ts';
import { ProjectService } from './project-service.ts';
import { RoleResolver } from './role-resolver.ts';
import { RoleService } from './role-service.ts';
import { TokenService } from './token-service.ts';
import { UserService } from './user-service.ts';

export interface IdentityOptions {
  /** Token lifetime in seconds (Keystone's [token] expiration, default 3600). */
  readonly tokenExpirationSeconds: number;
  /** Region of every catalog endpoint. */
  readonly region: string;
  /** Base URL clients should use (catalog, links); undefined: from the request's Host. */
  readonly publicUrl?: string;
  readonly clock?: Clock;
  readonly limiter?: LoginLimiterOptions;
  /** How long a token validation is reused in this process (ms, default 2000; 0: never). */
  readonly validationCacheMs?: number;
}

/** The store, with a callback after every committed or failed write transaction. */
class WriteNotifyingStore {
  constructor(private readonly inner: Store, private readonly afterWrite: () => void) {}
  get db() { return this.inner.db; }
  get dialect() { return this.inner.dialect; }
  read<T>(work: (tx: Tx) => Promise<T>): Promise<T> { return this.inner.read(work); }
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> { return this.inner.transaction(work).finally(this.afterWrite); }
}

/** The identity service: every domain service, wired to one store. */
export interface Identity {
  readonly store: Store;
  readonly repos: IdentityRepos;
  readonly options: IdentityOptions;
  readonly clock: Clock;
  readonly limiter: LoginLimiter;
  readonly resolver: RoleResolver;
  readonly tokens: TokenService;
  readonly authenticator: Authenticator;
  readonly domains: DomainService;
  readonly projects: ProjectService;
  readonly users: UserService;
  readonly groups: GroupService;
  readonly roles: RoleService;
  readonly assignments: AssignmentService;
  readonly appCredentials: AppCredentialService;
}

/**
 * Wires the identity services (the only place that names every concrete
 * class). Creates nothing in the database: the signing key appears on the
 * first token, the bootstrap rows when `bootstrapIdentity` runs.
 */
export function createIdentity(database: Store, options: IdentityOptions): Identity {
  const clock = options.clock ?? systemClock;
  const repos = createIdentityRepos();
  const limiter = new LoginLimiter(clock, options.limiter ?? DEFAULT_LIMITER);
  const resolver = new RoleResolver(repos);
  const tokens = new TokenService(database, repos, resolver, clock, options.tokenExpirationSeconds * 1000, options.validationCacheMs ?? 2_000);
  // Every write through the identity services drops cached token validations.
  const store = new WriteNotifyingStore(database, () => tokens.forgetValidations()) as unknown as Store;
  return {
    store, repos, options, clock, limiter, resolver, tokens,
    authenticator: new Authenticator(store, repos, resolver, tokens, limiter, clock),
    domains: new DomainService(store, repos, tokens),
    projects: new ProjectService(store, repos, tokens),
    users: new UserService(store, repos, tokens, limiter),
    groups: new GroupService(store, repos),
    roles: new RoleService(store, repos),
    assignments: new AssignmentService(store, repos),
    appCredentials: new AppCredentialService(store, repos, resolver, tokens, clock),
  };
}
