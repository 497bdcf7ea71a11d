import { after, before, describe } from 'node:test';
import { Api } from './api-harness.ts';
import { DATABASES, type TestDatabase } from './databases.ts';

/** What a suite body is handed for one database of DATABASES. */
export interface DatabaseSuite {
  /** Which database this copy of the suite runs on (known when the suite is declared). */
  readonly name: TestDatabase['name'];
  /** The suite's fresh database: usable from the suite's own `before` hooks on, dropped after its `after` hooks. */
  readonly db: TestDatabase;
}

/** A DatabaseSuite with something started on the database (an Api unless `start` says otherwise). */
export interface ApiSuite<T> extends DatabaseSuite {
  /** Started before the suite's own `before` hooks, closed after its `after` hooks. */
  readonly api: T;
}

export interface SuiteOptions {
  /** Handed to `describe`: a reason to skip every copy of the suite (no OVSDB server, say). */
  readonly skip?: string | boolean;
}

export interface ApiSuiteOptions<T> extends SuiteOptions {
  /** What to start on the suite's database; `Api.start(db)` when left out. */
  readonly start?: (db: TestDatabase) => Promise<T>;
}

type Body<S> = (suite: S) => void;

/**
 * Declares `describe(\`${title} (${name})\`)` once per database of DATABASES (SQLite, and PostgreSQL
 * unless skipped), with a fresh database made before the suite's own `before` hooks and dropped after
 * its `after` hooks.
 *
 * @example
 * forEachDatabase('expand 0008', ({ db }) => {
 *   test('...', async () => { const store = openDatabase(db.url); ... });
 * });
 */
export function forEachDatabase(title: string, body: Body<DatabaseSuite>): void;
export function forEachDatabase(title: string, options: SuiteOptions, body: Body<DatabaseSuite>): void;
export function forEachDatabase(title: string, ...rest: [Body<DatabaseSuite>] | [SuiteOptions, Body<DatabaseSuite>]): void {
  const [options, body] = rest.length === 1 ? [{}, rest[0]] : rest;
  for (const { name, create } of DATABASES) {
    describe(`${title} (${name})`, { skip: options.skip }, () => {
      const db = lateBound<TestDatabase>(`the ${name} database`);
      before(async () => { db.set(await create()); });
      body({ name, db: db.stand });
      // Registered after the body's hooks, so it runs after them (node:test runs `after` hooks in order).
      after(async () => { await db.live()?.drop(); });
    });
  }
}

/**
 * forEachDatabase with an in-process muon on each database: `Api.start(db)`, or what `options.start`
 * makes (an IdentityApi, a StoreDatabase...). It is started before the suite's own `before` hooks and
 * closed after its `after` hooks, before the database is dropped.
 *
 * @example
 * forEachApi('networks', ({ api }) => {
 *   test('...', async () => { assert.equal((await api.get('/v2.0/networks')).status, 200); });
 * });
 * forEachApi('tokens', { start: (db) => IdentityApi.start(db) }, ({ api }) => { ... });
 */
export function forEachApi(title: string, body: Body<ApiSuite<Api>>): void;
export function forEachApi<T extends Closable = Api>(title: string, options: ApiSuiteOptions<T>, body: Body<ApiSuite<T>>): void;
export function forEachApi<T extends Closable>(title: string, ...rest: [Body<ApiSuite<T>>] | [ApiSuiteOptions<T>, Body<ApiSuite<T>>]): void {
  const [options, body] = rest.length === 1 ? [{}, rest[0]] : rest;
  const start = options.start ?? ((db: TestDatabase) => Api.start(db) as unknown as Promise<T>);
  forEachDatabase(title, options, (suite) => {
    const api = lateBound<T>(`the ${suite.name} api`);
    before(async () => { api.set(await start(suite.db)); });
    body({ ...suite, api: api.stand });
    after(async () => { await api.live()?.close(); });
  });
}

interface Closable { close(): Promise<void> }

/**
 * A stand-in for an object made only in a `before` hook. Suite bodies run when the suite is
 * declared, before any hook; handing them this stand-in lets their tests keep writing `api.get(...)`
 * while every use, from the hook on, reaches the live object (methods are bound to it).
 */
function lateBound<T extends object>(what: string): { stand: T; set(value: T): void; live(): T | undefined } {
  let live: T | undefined;
  const target = (): T => {
    if (live === undefined) throw new Error(`${what} is used before the suite's before() hook made it`);
    return live;
  };
  const stand = new Proxy({} as T, {
    get(_, key) {
      const object = target();
      const value = Reflect.get(object, key, object);
      return typeof value === 'function' ? value.bind(object) : value;
    },
    set: (_, key, value) => Reflect.set(target(), key, value),
    has: (_, key) => Reflect.has(target(), key),
  });
  return { stand, set: (value) => { live = value; }, live: () => live };
}
