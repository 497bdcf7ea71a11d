import { CompiledQuery } from 'kysely';
import { inValueList, queryRows, valueList } from '../fast-sql.ts';
import type { Tx } from '../store.ts';

/**
 * The rows a list returned, as the statements reading their children (fixed
 * IPs, tags, security groups …) match them: by their ids, or — for a long,
 * unpaginated list — by the list's own selection.
 *
 * Why: binding 10,000 ids as one parameter costs about a millisecond per
 * thousand ids in every child statement (the driver encodes the list, the
 * database decodes it and probes an index per id), which made the children of
 * the 10,000-port list cost more than the ports themselves. The list's
 * conditions as a sub-select (`port_id in (select "id" from "ports" where …)`)
 * let the database join, and a list of the whole table needs no condition at
 * all. A selection may match more rows than were listed (rows the policy hid,
 * rows created since): readers look children up by id, so extra ones are
 * ignored.
 */
export interface RowSet {
  /** The ids of the rows listed (after any policy filtering). */
  readonly ids: readonly string[];
  /** The list's statement selecting the ids, in the dialect of its transaction; absent for paginated lists. */
  readonly selection?: Selection;
}

/** A statement selecting ids, compiled for one dialect (its own parameters; `everything`: every row of the table). */
export interface Selection {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  readonly everything: boolean;
}

/** Either ids or a `RowSet`: what the child readers accept. */
export type Rows = readonly string[] | RowSet;

/**
 * Below this many rows, the ids are the cheaper parameter: a selection
 * re-runs the list's conditions, which for a short list of a big table can
 * cost more than probing a few ids.
 */
export const SELECTION_MIN_ROWS = 256;

/** The ids of `rows`. */
export function idsOf(rows: Rows): readonly string[] {
  return isRowSet(rows) ? rows.ids : rows;
}

function isRowSet(rows: Rows): rows is RowSet {
  return !Array.isArray(rows);
}

/**
 * Rows of a statement restricted to children of `rows`: `statement` receives
 * the condition on `column` and must have no parameter of its own. Fixed
 * text (prepared once) when matched by ids; when matched by the selection,
 * the text varies with the list's conditions and is not prepared. Begin
 * `statement`'s text with ROWS_AS_ARRAYS for array rows. No rows: no statement.
 * `exclusive`: every row of the child table belongs to a row of the listed
 * table (a port's addresses, not tags of any resource), so a list of the whole
 * table reads the whole child table, without a condition.
 *
 * @example
 * await childRows(tx, '"resource_id"', rows, (where) => `select "resource_id", "tag" from "tags" where ${where}`);
 */
export async function childRows<T>(tx: Tx, column: string, rows: Rows, statement: (condition: string) => string, { exclusive = false } = {}): Promise<T[]> {
  const ids = idsOf(rows);
  if (ids.length === 0) return [];
  const selection = isRowSet(rows) && ids.length >= SELECTION_MIN_ROWS ? rows.selection : undefined;
  if (selection === undefined) return queryRows<T>(tx, statement(inValueList(tx, column)), [valueList(tx, ids)]);
  const whole = exclusive && selection.everything;
  const condition = whole ? '1 = 1' : `${column} in (${selection.sql})`;
  const result = await tx.db.executeQuery<T>(CompiledQuery.raw(statement(condition), whole ? [] : [...selection.parameters]));
  return result.rows;
}
