import { columnOf, type AttributeSpec, type ResolvedResource, type Storage } from '../../definitions/index.ts';
import type { Row } from '../../store/repos/resource-repo.ts';

/** A resource as the API shows it: Neutron attribute names → values. */
export type ResourceRecord = Record<string, unknown>;

interface StoredAttribute { readonly name: string; readonly column: string; readonly storage: Storage }

/**
 * Row decoders, compiled once per resource. Why compiled: a list of 10,000
 * rows decoded attribute by attribute spent most of its time growing objects
 * key by key; an object literal of fixed shape is built in one step and is
 * also what JSON.stringify handles fastest. The generated code only names
 * attributes of our own definitions (quoted with JSON.stringify).
 */
interface Decoders {
  readonly columns: readonly string[];
  readonly fromRow: (row: Row) => ResourceRecord;
  readonly fromValues: (values: readonly unknown[]) => ResourceRecord;
}
const decoders = new WeakMap<ResolvedResource, Decoders>();

function storedOf(resource: ResolvedResource): StoredAttribute[] {
  return Object.entries(resource.attributes)
    .filter(([, spec]) => (spec.storage ?? 'text') !== 'none')
    .map(([name, spec]) => ({ name, column: columnOf(name, spec), storage: spec.storage ?? 'text' }));
}

function decodersOf(resource: ResolvedResource): Decoders {
  let found = decoders.get(resource);
  if (found === undefined) {
    const stored = storedOf(resource);
    found = {
      columns: stored.map((a) => a.column),
      fromRow: compileDecoder(stored, (a) => `row[${JSON.stringify(a.column)}]`),
      fromValues: compileDecoder(stored, (_a, i) => `row[${i}]`),
    };
    decoders.set(resource, found);
  }
  return found;
}

function compileDecoder<R>(stored: StoredAttribute[], read: (a: StoredAttribute, index: number) => string): (row: R) => ResourceRecord {
  const fields = stored.map((a, i) => `${JSON.stringify(a.name)}: ${DECODE_EXPRESSION[a.storage](read(a, i))}`);
  return new Function('parseJson', `return function decodeRow(row) { return { ${fields.join(', ')} }; }`)(parseJson) as (row: R) => ResourceRecord;
}

/** How each storage form becomes an API value; null and undefined (column not selected) pass through. */
const DECODE_EXPRESSION: Record<Storage, (v: string) => string> = {
  text: (v) => v,
  boolean: (v) => `(${v} == null ? ${v} : ${v} === true || ${v} === 1 || ${v} === '1')`,
  integer: (v) => `(${v} == null ? ${v} : Number(${v}))`,
  json: (v) => `(typeof ${v} === 'string' ? parseJson(${v}) : ${v})`,
  none: () => 'undefined',
};

/**
 * Stored columns → API values (0/1 → booleans, JSON text → values); computed
 * attributes are left to hooks. Attributes whose column was not selected are
 * present with the value undefined (JSON leaves them out).
 */
export function rowToRecord(resource: ResolvedResource, row: Row): ResourceRecord {
  return decodersOf(resource).fromRow(row);
}

/** The stored columns of a resource, in the order `valuesToRecord` expects them. */
export function storedColumns(resource: ResolvedResource): readonly string[] {
  return decodersOf(resource).columns;
}

/** Like `rowToRecord` for a row given as the values of `storedColumns(resource)`. */
export function valuesToRecord(resource: ResolvedResource, values: readonly unknown[]): ResourceRecord {
  return decodersOf(resource).fromValues(values);
}

/** API values → columns, for the attributes that are stored on the resource row. */
export function recordToRow(resource: ResolvedResource, values: ResourceRecord): Row {
  return encodeInto({}, resource, values);
}

/**
 * Adds the stored columns of `values` to `row` (in the order of `values`'
 * keys; a column `row` already has keeps its place and takes the new value)
 * and returns `row`. Lets a caller start a row with columns of its own
 * without copying objects into each other (V8 builds a new hidden class for
 * every property added after an object spread: tens of µs for a port row).
 */
export function encodeInto(row: Row, resource: ResolvedResource, values: ResourceRecord): Row {
  const columns = encodersOf(resource);
  for (const name of Object.keys(values)) {
    const value = values[name];
    const stored = columns.get(name);
    if (stored === undefined || value === undefined) continue;
    row[stored.column] = encode(stored.spec, value);
  }
  return row;
}

/** Stored attributes by name (their column and spec), once per resource: the definition's map is a slow dictionary. */
const encoders = new WeakMap<ResolvedResource, ReadonlyMap<string, { readonly column: string; readonly spec: AttributeSpec }>>();

function encodersOf(resource: ResolvedResource): ReadonlyMap<string, { readonly column: string; readonly spec: AttributeSpec }> {
  let found = encoders.get(resource);
  if (found === undefined) {
    found = new Map(Object.entries(resource.attributes)
      .filter(([, spec]) => (spec.storage ?? 'text') !== 'none')
      .map(([name, spec]) => [name, { column: columnOf(name, spec), spec }]));
    encoders.set(resource, found);
  }
  return found;
}

/** One value in its stored form (also used for filter values). */
export function encode(spec: AttributeSpec, value: unknown): unknown {
  switch (spec.storage ?? 'text') {
    case 'boolean': return value === null ? null : value ? 1 : 0;
    case 'json': return JSON.stringify(value ?? null);
    default: return value;
  }
}

/** Most stored JSON values are empty; skip the parser for those. */
function parseJson(text: string): unknown {
  if (text === '[]') return [];
  if (text === '{}') return {};
  return JSON.parse(text);
}
