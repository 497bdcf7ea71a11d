import pg from 'pg';
import { DEFERRED, ROWS_AS_ARRAYS } from './fast-sql.ts';

/**
 * Fewer round trips per PostgreSQL transaction, on one pool connection.
 *
 * Why: on this kind of machine every statement sent to PostgreSQL costs
 * ≈ 0.18 ms of node CPU (a socket write that also runs the loopback
 * receiver's TCP path, plus pg's message work) and ≈ 0.15 ms of backend CPU,
 * whatever the statement does; a port create was mostly that.
 *
 * How: what needs no answer is held and sent together with the next
 * statement that does, as one simple-query message of several statements
 * ("begin; execute muon_7('…')", "insert …; update … returning …",
 * "insert …; commit"). PostgreSQL runs them in order, as if sent one by one:
 * each sees the effects of those before it, and the first error stops the
 * rest of the message (inside the transaction, which is then aborted and
 * rolled back as before). Held are
 * - `begin` (kysely's), until the transaction's first statement;
 * - statements marked `DEFERRED` (fast-sql's `executeDeferred`: writes whose
 *   row count nobody reads) while a transaction is open; their promise
 *   resolves at once, and an error they raise is the error of the statement
 *   they travel with (or of the commit), which fails the transaction the same way.
 * Held statements carry their parameters as quoted literals, exactly as the
 * pg driver would have sent them (`prepareValue`, untyped), and a statement
 * this connection has prepared (fast-sql's fixed texts) runs as
 * `execute <name>(…)`, so its plan is still reused. A parameter that cannot
 * be a literal (bytes, a NUL character) makes the held statements go first,
 * on their own, as before.
 */
export function batchRoundTrips(client: pg.PoolClient, preparedName: (text: string) => string | undefined): void {
  const send = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const connection = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection;
  let beginHeld = false;
  let inTransaction = false;
  const held: string[] = [];

  /**
   * The statement as text that can travel in a simple-query message: as is
   * without parameters, `execute <name>(literals…)` when this connection
   * prepared it, else with its parameters as literals. Undefined when it must
   * go on its own: a fixed text's first use on this connection (sent as
   * usual, it gets prepared for next time) or a parameter that cannot be a literal.
   */
  const travelling = (text: string, values: readonly unknown[]): string | undefined => {
    if (values.length === 0) return text;
    const name = preparedName(text);
    if (name === undefined) return withLiterals(text, values);
    if (connection.parsedStatements[name] !== text) return undefined;
    const literals = values.map(literal);
    return literals.includes(undefined) ? undefined : `execute ${name}(${literals.join(', ')})`;
  };

  const flushAndSend = (text: string, values: unknown[]): Promise<unknown> => {
    const head = beginHeld ? ['begin', ...held] : [...held];
    beginHeld = false;
    held.length = 0;
    const own = travelling(text, values);
    if (own === undefined) return send(head.join(';\n')).then(() => send(text, values));
    const rowMode = text.startsWith(ROWS_AS_ARRAYS) ? 'array' : undefined;
    return send({ text: [...head, own].join(';\n'), rowMode }).then((results) => (Array.isArray(results) ? results.at(-1) : results));
  };

  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    if (typeof text !== 'string' || rest.length > 0 || (values !== undefined && !Array.isArray(values))) {
      return beginHeld || held.length > 0 ? flushAndSend('select 1', []).then(() => send(text, values, ...rest)) : send(text, values, ...rest);
    }
    const params = (values ?? []) as unknown[];
    if (text === 'begin' && !inTransaction) {
      beginHeld = true;
      inTransaction = true;
      return Promise.resolve({ command: 'BEGIN', rowCount: null, rows: [] });
    }
    if (text === 'rollback' || text === 'commit') inTransaction = false;
    if (text === 'rollback' && beginHeld) {
      // Nothing was sent: nothing to undo.
      beginHeld = false;
      held.length = 0;
      return Promise.resolve({ command: 'ROLLBACK', rowCount: null, rows: [] });
    }
    if (text === 'rollback') held.length = 0;
    if (inTransaction && text.startsWith(DEFERRED)) {
      const inline = travelling(text, params);
      if (inline !== undefined) {
        held.push(inline);
        return Promise.resolve({ command: 'INSERT', rowCount: 1, rows: [] });
      }
    }
    return beginHeld || held.length > 0 ? flushAndSend(text, params) : send(text, values);
  };
}

/** pg's own conversion of a parameter to the text it sends (not in its type declarations). */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

/** A parameter as the SQL literal pg would have sent (untyped text), or undefined when it cannot be one. */
function literal(value: unknown): string | undefined {
  const prepared = prepareValue(value);
  if (prepared === null) return 'NULL';
  if (typeof prepared !== 'string' || prepared.includes('\0')) return undefined;
  return pg.escapeLiteral(prepared);
}

/** `text` with `$n` replaced by its literal (outside quoted strings and identifiers), or undefined. */
function withLiterals(text: string, values: readonly unknown[]): string | undefined {
  const literals = values.map(literal);
  if (literals.includes(undefined)) return undefined;
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (whole, n: string | undefined) => (n === undefined ? whole : literals[Number(n) - 1] ?? whole));
}
