import { columnType, encodeDatum, type ColumnType, type NativeDatum } from './datum.ts';
import type { ConditionFunction, DatabaseSchema, Mutator, Operation, OperationResult, WireCondition, WireMutation, WireRow } from './protocol.ts';

/** Table name → native row type (generated files export one per database, e.g. `OvnNorthbound`). */
export type TableMap = Record<string, object>;
type Columns<R> = Extract<keyof R, string>;

/** `[column, function, value]` with a native value; `_uuid` selects one row. */
export type Condition<R> = [Columns<R> | '_uuid', ConditionFunction, NativeDatum];
/** `[column, mutator, value]`: `insert`/`delete` take a set (or, for maps, an object or a list of keys). */
export type Mutation<R> = [Columns<R>, Mutator, NativeDatum];

/** One operation of a transaction failed (or the commit did: `index` is then the operation count). */
export class OvsdbTransactionError extends Error {
  constructor(readonly index: number, readonly error: string, readonly details: string | undefined, readonly operation: Operation | undefined) {
    super(`OVSDB transaction failed at operation ${index}${operation ? ` (${operation.op}${'table' in operation ? ` ${operation.table}` : ''})` : ''}: ${error}${details ? `: ${details}` : ''}`);
  }
}

/** Throws the first error among `results` (RFC 7047 §4.1.3: an error ends the transaction; an extra result is a commit error). */
export function checkResults(operations: readonly Operation[], results: readonly (OperationResult | null)[]): void {
  results.forEach((result, index) => {
    if (result?.error !== undefined) throw new OvsdbTransactionError(index, result.error, result.details, operations[index]);
  });
}

const UUID_COLUMN = columnType('uuid');

/**
 * Builds the operations of one `transact` from native values, encoding them
 * with the database schema (so a set is always `["set", …]`, a map
 * `["map", …]`, a uuid `["uuid", …]`, and a uuid column given a name that is
 * not a uuid refers to the row inserted under that `uuid-name`). Pure: sends
 * nothing; hand `operations` to `OvsdbClient.transact`.
 *
 * @example
 *   const txn = new Transaction<OvnNorthbound>(client.schema);
 *   txn.insert('Logical_Switch_Port', { name: portId, addresses: ['fa:16:3e:00:00:01 10.0.0.5'] }, 'lsp')
 *      .mutate('Logical_Switch', [['name', '==', `neutron-${netId}`]], [['ports', 'insert', ['lsp']]]);
 *   await client.transact(txn.operations);
 */
export class Transaction<S extends object = TableMap> {
  readonly operations: Operation[] = [];

  constructor(private readonly schema: DatabaseSchema) {}

  insert<T extends Extract<keyof S, string>>(table: T, row: Partial<S[T]>, uuidName?: string): this {
    this.operations.push({ op: 'insert', table, row: this.row(table, row), ...(uuidName ? { 'uuid-name': uuidName } : {}) });
    return this;
  }

  update<T extends Extract<keyof S, string>>(table: T, where: Condition<S[T]>[], row: Partial<S[T]>): this {
    this.operations.push({ op: 'update', table, where: this.where(table, where), row: this.row(table, row) });
    return this;
  }

  mutate<T extends Extract<keyof S, string>>(table: T, where: Condition<S[T]>[], mutations: Mutation<S[T]>[]): this {
    this.operations.push({ op: 'mutate', table, where: this.where(table, where), mutations: mutations.map((m) => this.mutation(table, m)) });
    return this;
  }

  delete<T extends Extract<keyof S, string>>(table: T, where: Condition<S[T]>[]): this {
    this.operations.push({ op: 'delete', table, where: this.where(table, where) });
    return this;
  }

  select<T extends Extract<keyof S, string>>(table: T, where: Condition<S[T]>[], columns?: Columns<S[T]>[]): this {
    this.operations.push({ op: 'select', table, where: this.where(table, where), ...(columns ? { columns } : {}) });
    return this;
  }

  /** Aborts the whole transaction unless the rows matching `where` (only `columns`) are `==` (or `!=`) `rows`. */
  wait<T extends Extract<keyof S, string>>(table: T, where: Condition<S[T]>[], columns: Columns<S[T]>[], until: '==' | '!=', rows: Partial<S[T]>[]): this {
    this.operations.push({ op: 'wait', table, where: this.where(table, where), columns, until, rows: rows.map((r) => this.row(table, r)), timeout: 0 });
    return this;
  }

  /** A note in the server's log (ovsdb-server records it with the transaction). */
  comment(text: string): this {
    this.operations.push({ op: 'comment', comment: text });
    return this;
  }

  get isEmpty(): boolean {
    return this.operations.every((op) => op.op === 'comment');
  }

  private type(table: string, column: string): ColumnType {
    if (column === '_uuid') return UUID_COLUMN;
    const json = this.schema.tables[table]?.columns[column]?.type;
    if (json === undefined) throw new Error(`${table}.${column} is not in schema ${this.schema.name}`);
    return columnType(json);
  }

  private row(table: string, row: object): WireRow {
    const wire: WireRow = {};
    for (const [column, value] of Object.entries(row)) {
      if (column === '_uuid' || value === undefined) continue;
      wire[column] = encodeDatum(this.type(table, column), value as NativeDatum);
    }
    return wire;
  }

  private where(table: string, conditions: Array<[string, ConditionFunction, NativeDatum]>): WireCondition[] {
    return conditions.map(([column, fn, value]) => [column, fn, encodeDatum(this.type(table, column), value)]);
  }

  private mutation(table: string, [column, mutator, value]: [string, Mutator, NativeDatum]): WireMutation {
    const type = this.type(table, column);
    if (mutator !== 'insert' && mutator !== 'delete') return [column, mutator, encodeDatum({ key: type.key, min: 1, max: 1 }, value)];
    // `delete` from a map may name keys only: a set of the key type.
    const asKeys = type.value !== undefined && Array.isArray(value);
    const setType: ColumnType = asKeys ? { key: type.key, min: 0, max: Infinity } : { ...type, min: 0, max: Infinity };
    return [column, mutator, encodeDatum(setType, value)];
  }
}
