import assert from 'node:assert/strict';
import type { FastifyInstance } from 'fastify';
import { buildServer } from '../../src/api/server.ts';
import { loadConfig } from '../../src/config/load.ts';
import type { Config } from '../../src/config/schema.ts';
import { createServices, type Services } from '../../src/core/services.ts';
import { migrate, openDatabase, type StoreDatabase } from '../../src/store/db.ts';
import { Store } from '../../src/store/store.ts';
import type { TestDatabase } from './databases.ts';

/** Who a test request is made as (noauth headers). */
export interface As { project?: string; roles?: string }

export interface ApiResponse<T = any> { status: number; body: T; headers: Record<string, unknown>; text: string }

/**
 * An in-process muon on a test database, driven through fastify.inject():
 * black-box HTTP semantics without sockets.
 */
export class Api {
  private constructor(readonly app: FastifyInstance, readonly services: Services, readonly database: StoreDatabase, readonly store: Store) {}

  /** SQL statements executed since the last `resetQueryLog()` (for pinned query counts). */
  static queryLog: string[] = [];

  static async start(db: TestDatabase, overrides: Partial<Config> = {}): Promise<Api> {
    const config = loadConfig({ databaseUrl: db.url, auth: 'noauth', ...overrides }, {});
    const database = openDatabase(config.databaseUrl, { onQuery: (sql) => Api.queryLog.push(sql) });
    await migrate(database.db, 'expand');
    const store = new Store(database);
    const services = createServices(store, config);
    await store.transaction((tx) => services.segments.sync(tx));
    // 5xx answers are logged (level error) so that a failing test shows the cause.
    const app = buildServer(config, { services, logger: { level: 'error' } });
    await app.ready();
    return new Api(app, services, database, store);
  }

  /** Clears the statement log; returns what it held. */
  static resetQueryLog(): string[] {
    const log = Api.queryLog;
    Api.queryLog = [];
    return log;
  }

  async close(): Promise<void> {
    await this.app.close();
    await this.database.close();
  }

  async request<T = any>(method: string, url: string, body?: unknown, as: As = {}, headers: Record<string, string> = {}): Promise<ApiResponse<T>> {
    const response = await this.app.inject({
      method: method as 'GET',
      url,
      headers: { 'x-project-id': as.project ?? 'project-a', 'x-roles': as.roles ?? 'member', ...(body !== undefined ? { 'content-type': 'application/json' } : {}), ...headers },
      payload: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = response.body;
    return { status: response.statusCode, body: text === '' ? undefined : JSON.parse(text), headers: response.headers, text };
  }

  get<T = any>(url: string, as?: As) { return this.request<T>('GET', url, undefined, as); }
  post<T = any>(url: string, body: unknown, as?: As) { return this.request<T>('POST', url, body, as); }
  put<T = any>(url: string, body: unknown, as?: As, headers?: Record<string, string>) { return this.request<T>('PUT', url, body, as, headers); }
  delete<T = any>(url: string, as?: As, headers?: Record<string, string>) { return this.request<T>('DELETE', url, undefined, as, headers); }

  /** Creates and returns a resource, failing the test unless the answer is 201. */
  async create(collection: string, singular: string, attributes: Record<string, unknown>, as?: As): Promise<any> {
    const response = await this.post(`/v2.0/${collection}`, { [singular]: attributes }, as);
    if (response.status !== 201) throw new Error(`create ${singular} → ${response.status} ${JSON.stringify(response.body)}`);
    return response.body[singular];
  }

  network(attributes: Record<string, unknown> = {}, as?: As) { return this.create('networks', 'network', { name: 'net', ...attributes }, as); }
  subnet(networkId: string, cidr: string, attributes: Record<string, unknown> = {}, as?: As) {
    return this.create('subnets', 'subnet', { network_id: networkId, cidr, ip_version: cidr.includes(':') ? 6 : 4, ...attributes }, as);
  }
  port(networkId: string, attributes: Record<string, unknown> = {}, as?: As) { return this.create('ports', 'port', { network_id: networkId, ...attributes }, as); }
}

/**
 * Asserts a Neutron error answer: the status, the `{"NeutronError": {type, message, detail}}` shape
 * with an empty detail (as Neutron sends), the type, and — when given — the message, exactly (string)
 * or by pattern (RegExp).
 */
export function expectError(response: Pick<ApiResponse, 'status' | 'body'>, status: number, type: string, message?: string | RegExp): void {
  assert.equal(response.status, status, JSON.stringify(response.body));
  assert.deepEqual(Object.keys(response.body), ['NeutronError']);
  assert.equal(response.body.NeutronError.type, type, response.body.NeutronError.message);
  assert.equal(response.body.NeutronError.detail, '');
  if (typeof message === 'string') assert.equal(response.body.NeutronError.message, message);
  else if (message) assert.match(response.body.NeutronError.message, message);
}

/** Shorthand personas. */
export const ADMIN: As = { project: 'admin-project', roles: 'admin' };
export const MEMBER_A: As = { project: 'project-a', roles: 'member' };
export const MEMBER_B: As = { project: 'project-b', roles: 'member' };
