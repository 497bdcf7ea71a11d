import pg from 'pg';
import { DEFERRED, ROWS_AS_ARRAYS } from './fast-sql.ts';

/**
 * Fewer round trips per PostgreSQL transaction, on one pool connection.
 *
 * Why: every statement sent costs a round trip — node's socket write and pg's
 * message work, the backend's wake-up — whatever the statement does, and a
 * port create was mostly that (BENCHMARKS.md, "Where the time goes").
 *
 * How: what needs no answer is held and sent in front of the next statement
 * that does, as one simple-query message ("begin; execute muon_7(…)",
 * "insert …; update … returning …", "insert …; commit"). PostgreSQL runs the
 * statements of such a message in order, exactly as if sent one by one — each
 * sees the effects of those before it — and the first error skips the rest;
 * inside the transaction that error aborts it, and it is rolled back as
 * before. Held are:
 * - `begin` (kysely's), until the transaction's first statement;
 * - statements marked `DEFERRED` (fast-sql's `executeDeferred`: writes whose
 *   result nobody reads) while a transaction is open. Their promise resolves
 *   at once; an error they raise becomes the error of the statement they
 *   travel with (or of the commit), and fails the transaction the same way.
 *
 * A simple-query message takes no parameters, so a travelling statement
 * carries its values as quoted literals: those pg would have sent, as
 * untyped text (`prepareValue`, `escapeLiteral`), which PostgreSQL resolves
 * as it resolves untyped parameters. A fixed text this connection has
 * prepared (fast-sql) travels as `execute <name>(…)`, keeping its plan. A
 * statement that cannot travel — a fixed text's first use here (it is then
 * prepared for next time), a value that is not text (bytes, a NUL
 * character) — is sent on its own, after what is held.
 */
export function holdUnansweredStatements(client: pg.PoolClient, preparedName: (text: string) => string | undefined): void {
  const send = client.query.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const parsed = (client as unknown as { connection: { parsedStatements: Record<string, string> } }).connection.parsedStatements;
  let beginHeld = false;
  let inTransaction = false;
  const held: string[] = [];

  /** The statement as text of a simple-query message, or undefined when it must go on its own. */
  const asText = (text: string, values: readonly unknown[]): string | undefined => {
    if (values.length === 0) return text;
    const literals = values.map(literal);
    if (literals.includes(undefined)) return undefined;
    const name = preparedName(text);
    if (name === undefined) return withLiterals(text, literals as string[]);
    return parsed[name] === text ? `execute ${name}(${literals.join(', ')})` : undefined;
  };

  /** Takes what is held, in sending order. */
  const takeHeld = (): string[] => {
    const head = beginHeld ? ['begin', ...held] : [...held];
    beginHeld = false;
    held.length = 0;
    return head;
  };

  /** `text` with everything held in front of it: one message when it can travel, else the held ones first. */
  const sendWithHeld = (text: string, values: unknown[]): Promise<unknown> => {
    const head = takeHeld();
    const own = asText(text, values);
    if (own === undefined) return send(head.join(';\n')).then(() => send(text, values));
    const rowMode = text.startsWith(ROWS_AS_ARRAYS) ? 'array' : undefined;
    return send({ text: [...head, own].join(';\n'), rowMode }).then((results) => (Array.isArray(results) ? results.at(-1) : results));
  };

  const answered = (command: string, rowCount: number | null) => Promise.resolve({ command, rowCount, rows: [], fields: [] });

  (client as unknown as { query: (...args: unknown[]) => unknown }).query = (text: unknown, values?: unknown, ...rest: unknown[]) => {
    const pending = beginHeld || held.length > 0;
    if (typeof text !== 'string' || rest.length > 0 || (values !== undefined && !Array.isArray(values))) {
      // Not kysely's (text, values) form: whatever is held goes first, on its own.
      return pending ? send(takeHeld().join(';\n')).then(() => send(text, values, ...rest)) : send(text, values, ...rest);
    }
    const params = (values ?? []) as unknown[];
    if (text === 'begin' && !inTransaction) {
      inTransaction = true;
      beginHeld = true;
      return answered('BEGIN', null);
    }
    if (text === 'commit' || text === 'rollback') {
      inTransaction = false;
      if (beginHeld && (text === 'rollback' || held.length === 0)) {
        // Nothing was sent, or only held writes that a rollback would undo: nothing to tell the server.
        takeHeld();
        return answered(text.toUpperCase(), null);
      }
      if (text === 'rollback') held.length = 0;
    } else if (inTransaction && text.startsWith(DEFERRED)) {
      const travelling = asText(text, params);
      if (travelling !== undefined) {
        held.push(travelling);
        return answered('INSERT', 1);
      }
    }
    return pending ? sendWithHeld(text, params) : send(text, values);
  };
}

/** pg's own conversion of a value to the text it sends (not in its type declarations). */
const prepareValue = (pg as unknown as { utils: { prepareValue(value: unknown): unknown } }).utils.prepareValue;

/** A value as the SQL literal of the text pg would have sent, or undefined when it cannot be one. */
function literal(value: unknown): string | undefined {
  const prepared = prepareValue(value);
  if (prepared === null || prepared === undefined) return 'NULL';
  if (typeof prepared !== 'string' || prepared.includes('\0')) return undefined;
  return pg.escapeLiteral(prepared);
}

/** `text` with each `$n` outside quoted strings and identifiers replaced by its literal. */
function withLiterals(text: string, literals: readonly string[]): string {
  return text.replace(/'(?:[^']|'')*'|"(?:[^"]|"")*"|\$(\d+)/g, (whole, n: string | undefined) => (n === undefined ? whole : literals[Number(n) - 1] ?? whole));
}
