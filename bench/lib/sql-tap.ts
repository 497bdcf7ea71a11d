/**
 * A tap on the two database drivers, for benchmarks only: records every SQL
 * statement muon sends (text, driver time) without touching src/. Install it
 * before the first database is opened.
 *
 * - PostgreSQL: wraps pg.Client.prototype.query (Kysely's PostgresDriver calls
 *   client.query(sql, params) once per statement; one statement = one round trip).
 * - SQLite: wraps better-sqlite3's Statement all/run/get/iterate (one entry per
 *   execution, text from statement.source) and Database.prototype.prepare, whose
 *   time is added to the statement's next execution (prepareMs), so that both a
 *   prepare-every-time driver and a statement cache are measured correctly.
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';

export interface TappedStatement { sql: string; ms: number; prepareMs?: number }

let recording: TappedStatement[] | undefined;
let installed = false;

/** Starts collecting statements; returns the array they are appended to. */
export function startRecording(): TappedStatement[] {
  recording = [];
  return recording;
}

export function stopRecording(): TappedStatement[] {
  const out = recording ?? [];
  recording = undefined;
  return out;
}

export function installSqlTap(): void {
  if (installed) return;
  installed = true;

  const pgQuery = pg.Client.prototype.query as (...args: unknown[]) => unknown;
  (pg.Client.prototype as unknown as { query: unknown }).query = function (this: unknown, ...args: unknown[]) {
    const text = typeof args[0] === 'string' ? args[0] : (args[0] as { text?: string } | undefined)?.text;
    const sink = recording;
    const t0 = performance.now();
    const result = pgQuery.apply(this, args);
    if (sink && text !== undefined && result instanceof Promise) {
      const entry: TappedStatement = { sql: text, ms: 0 };
      sink.push(entry);
      result.then(() => { entry.ms = performance.now() - t0; }, () => { entry.ms = performance.now() - t0; });
    }
    return result;
  };

  const probe = new SQLite(':memory:');
  const statementProto = Object.getPrototypeOf(probe.prepare('select 1')) as Record<string, (...args: unknown[]) => unknown>;
  probe.close();
  const prepare = SQLite.prototype.prepare as (this: unknown, sql: string) => unknown;
  // prepare time not yet charged to an execution (muon may cache statements: then there is none)
  const pendingPrepare = new WeakMap<object, number>();
  (SQLite.prototype as unknown as { prepare: unknown }).prepare = function (this: unknown, sql: string) {
    const t0 = performance.now();
    const statement = prepare.call(this, sql) as object;
    if (recording) pendingPrepare.set(statement, performance.now() - t0);
    return statement;
  };
  for (const method of ['all', 'run', 'get', 'iterate'] as const) {
    const original = statementProto[method]!;
    statementProto[method] = function (this: object & { source?: string }, ...args: unknown[]) {
      const sink = recording;
      if (!sink) return original.apply(this, args);
      const t0 = performance.now();
      const result = original.apply(this, args);
      const prepareMs = pendingPrepare.get(this) ?? 0;
      pendingPrepare.delete(this);
      sink.push({ sql: String(this.source ?? '?'), ms: performance.now() - t0 + prepareMs, prepareMs });
      return result;
    };
  }
}

/** Statement text shortened for a report: parameters lists collapsed. */
export function shortSql(sql: string, width = 150): string {
  const s = sql.replace(/\s+/g, ' ').replace(/(\$\d+|\?)(, (\$\d+|\?))+/g, '…params…');
  return s.length > width ? `${s.slice(0, width - 1)}…` : s;
}
