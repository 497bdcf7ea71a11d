/**
 * The OVSDB wire format (RFC 7047 §5.1 and §5.2, plus the `monitor_cond` /
 * `monitor_cond_since` extensions documented in ovsdb-server(7)), as types.
 * Nothing here converts anything: see `datum.ts` for native values.
 */

/** `["uuid", "<36 chars>"]`: a row's identity. */
export type WireUuid = ['uuid', string];
/** `["named-uuid", "<id>"]`: a row inserted earlier in the same transaction. */
export type WireNamedUuid = ['named-uuid', string];
export type WireAtom = string | number | boolean | WireUuid | WireNamedUuid;
export type WireSet = ['set', WireAtom[]];
export type WireMap = ['map', Array<[WireAtom, WireAtom]>];
/** A column value: an atom (a set of one), a set or a map. */
export type WireDatum = WireAtom | WireSet | WireMap;
/** A row as JSON: column name → datum (only the columns that were asked for or changed). */
export type WireRow = Record<string, WireDatum>;

export type ConditionFunction = '<' | '<=' | '==' | '!=' | '>=' | '>' | 'includes' | 'excludes';
/** `[column, function, value]`; `_uuid` is a column too. */
export type WireCondition = [string, ConditionFunction, WireDatum];
export type Mutator = '+=' | '-=' | '*=' | '/=' | '%=' | 'insert' | 'delete';
export type WireMutation = [string, Mutator, WireDatum];

/** The operations of `transact` (RFC 7047 §5.2). */
export type Operation =
  | { op: 'insert'; table: string; row: WireRow; 'uuid-name'?: string }
  | { op: 'select'; table: string; where: WireCondition[]; columns?: string[] }
  | { op: 'update'; table: string; where: WireCondition[]; row: WireRow }
  | { op: 'mutate'; table: string; where: WireCondition[]; mutations: WireMutation[] }
  | { op: 'delete'; table: string; where: WireCondition[] }
  | { op: 'wait'; table: string; where: WireCondition[]; columns: string[]; until: '==' | '!='; rows: WireRow[]; timeout?: number }
  | { op: 'commit'; durable: boolean }
  | { op: 'abort' }
  | { op: 'comment'; comment: string }
  | { op: 'assert'; lock: string };

/** One operation's result: which members are present depends on the operation. */
export interface OperationResult {
  uuid?: WireUuid;
  rows?: WireRow[];
  count?: number;
  error?: string;
  details?: string;
}

/** `monitor` request per table (RFC 7047 §4.1.5); `where` only for monitor_cond / monitor_cond_since. */
export interface MonitorRequest {
  columns?: string[];
  where?: Array<WireCondition | boolean>;
  select?: { initial?: boolean; insert?: boolean; delete?: boolean; modify?: boolean };
}

/** `update` notification / `monitor` result: per table, per row uuid, old and new contents. */
export type TableUpdates = Record<string, Record<string, { old?: WireRow; new?: WireRow }>>;

/**
 * `update2` / `update3` / monitor_cond(_since) result: per row exactly one of
 * initial, insert, delete, modify. `modify` carries only changed columns, and
 * for sets and maps only the difference (see `Replica.applyModify`).
 */
export type TableUpdates2 = Record<string, Record<string, RowUpdate2>>;
export interface RowUpdate2 { initial?: WireRow; insert?: WireRow; delete?: null; modify?: WireRow }

/** The database schema as `get_schema` returns it (RFC 7047 §3.2). */
export interface DatabaseSchema {
  name: string;
  version: string;
  cksum?: string;
  tables: Record<string, TableSchema>;
}
export interface TableSchema {
  columns: Record<string, { type: ColumnTypeJson; ephemeral?: boolean; mutable?: boolean }>;
  maxRows?: number;
  isRoot?: boolean;
  indexes?: string[][];
}
export type AtomicType = 'integer' | 'real' | 'boolean' | 'string' | 'uuid';
export type BaseTypeJson = AtomicType | {
  type: AtomicType;
  enum?: WireDatum;
  minInteger?: number; maxInteger?: number; minReal?: number; maxReal?: number;
  minLength?: number; maxLength?: number;
  refTable?: string; refType?: 'strong' | 'weak';
};
export type ColumnTypeJson = AtomicType | { key: BaseTypeJson; value?: BaseTypeJson; min?: number; max?: number | 'unlimited' };

/** A JSON-RPC 1.0 message as OVSDB uses it: requests, responses and notifications (id null). */
export interface JsonRpcMessage {
  id?: string | number | null;
  method?: string;
  params?: unknown[];
  result?: unknown;
  error?: unknown;
}
