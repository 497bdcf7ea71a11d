import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { createServices } from '../../src/core/services.ts';
import { bootstrapIdentity } from '../../src/identity/bootstrap.ts';
import { createIdentity, type Identity } from '../../src/identity/identity.ts';
import type { LoginLimiterOptions } from '../../src/identity/login-limiter.ts';
import type { KeystoneValidator } from '../../src/identity/remote/keystone-validator.ts';
import { migrate, openDatabase, type StoreDatabase } from '../../src/store/db.ts';
import { Store } from '../../src/store/store.ts';
import type { TestDatabase } from '../helpers/databases.ts';

export const ADMIN_PASSWORD = 'admin-secret';

/** A clock the test moves by hand. */
export class TestClock {
  now = Date.UTC(2030, 0, 1);
  readonly read = () => this.now;
  advance(ms: number): void { this.now += ms; }
}

export interface Response<T = any> { status: number; body: T; headers: Record<string, unknown> }

/**
 * An in-process muon with the embedded identity service on a test database
 * (bootstrapped, admin password ADMIN_PASSWORD), a hand-moved clock, driven
 * through fastify.inject().
 */
export class IdentityApi {
  private constructor(readonly app: FastifyInstance, readonly identity: Identity, readonly database: StoreDatabase, readonly clock: TestClock) {}

  static async start(db: TestDatabase, options: { config?: Partial<Config>; limiter?: LoginLimiterOptions; keystoneValidator?: KeystoneValidator; bootstrap?: boolean } = {}): Promise<IdentityApi> {
    const config = loadConfig({ databaseUrl: db.url, auth: 'embedded', ...options.config }, {});
    const database = openDatabase(config.databaseUrl);
    await migrate(database.db, 'expand');
    const store = new Store(database);
    const services = createServices(store, config);
    await store.transaction((tx) => services.segments.sync(tx));
    const clock = new TestClock();
    const identity = createIdentity(store, {
      tokenExpirationSeconds: config.tokenExpiration, region: config.region, clock: clock.read,
      ...(options.limiter ? { limiter: options.limiter } : {}),
    });
    if (options.bootstrap !== false) await bootstrapIdentity(identity, ADMIN_PASSWORD);
    const app = buildServer(config, { services, identity, logger: { level: 'error' }, ...(options.keystoneValidator ? { keystoneValidator: options.keystoneValidator } : {}) });
    await app.ready();
    return new IdentityApi(app, identity, database, clock);
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }

  async request<T = any>(method: string, url: string, options: { body?: unknown; token?: string; headers?: Record<string, string>; ip?: string } = {}): Promise<Response<T>> {
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers: { ...(options.body !== undefined ? { 'content-type': 'application/json' } : {}), ...(options.token ? { 'x-auth-token': options.token } : {}), ...options.headers },
      payload: options.body === undefined ? undefined : typeof options.body === 'string' ? options.body : JSON.stringify(options.body),
      ...(options.ip ? { remoteAddress: options.ip } : {}),
    });
    const text = response.body;
    return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text), headers: response.headers };
  }

  /** POST /identity/v3/auth/tokens with a password; returns the raw response. */
  login(user: string, password: string, scope?: unknown, ip?: string): Promise<Response> {
    return this.request('POST', '/identity/v3/auth/tokens', { body: passwordAuth(user, password, scope), ...(ip ? { ip } : {}) });
  }

  /** A token for user@Default scoped to project@Default (or `scope`); fails the test unless 201. */
  async token(user: string, password: string, scope: unknown = undefined): Promise<string> {
    const response = await this.login(user, password, scope);
    if (response.status !== 201) throw new Error(`login ${user} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.headers['x-subject-token'] as string;
  }

  adminToken(): Promise<string> {
    return this.token('admin', ADMIN_PASSWORD, projectScope('admin'));
  }

  /** Creates through the API as `token`; fails the test unless 201. Returns the member object. */
  async create(token: string, path: string, key: string, attributes: Record<string, unknown>): Promise<any> {
    const response = await this.request('POST', `/identity/v3/${path}`, { token, body: { [key]: attributes } });
    if (response.status !== 201) throw new Error(`create ${key} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body[key];
  }

  /** A project, a user with `password` and the given roles on it (as Tempest's dynamic credentials do). */
  async persona(adminToken: string, name: string, roles: string[], password = 'pw-' + name): Promise<{ project: any; user: any; password: string }> {
    const project = await this.create(adminToken, 'projects', 'project', { name: `${name}-project`, domain_id: 'default' });
    const user = await this.create(adminToken, 'users', 'user', { name, password, domain_id: 'default', project_id: project.id });
    for (const roleName of roles) {
      const role = (await this.request('GET', `/identity/v3/roles?name=${roleName}`, { token: adminToken })).body.roles[0];
      const granted = await this.request('PUT', `/identity/v3/projects/${project.id}/users/${user.id}/roles/${role.id}`, { token: adminToken });
      if (granted.status !== 204) throw new Error(`grant ${roleName} → ${granted.status}`);
    }
    return { project, user, password };
  }
}

export function passwordAuth(user: string, password: string, scope?: unknown): unknown {
  return {
    auth: {
      identity: { methods: ['password'], password: { user: { name: user, domain: { name: 'Default' }, password } } },
      ...(scope !== undefined ? { scope } : {}),
    },
  };
}

export function projectScope(name: string): unknown {
  return { project: { name, domain: { name: 'Default' } } };
}
