import { columnOf, type AttributeSpec, type ResolvedResource, type Storage } from '../../definitions/index.ts';
import type { Row } from '../../store/repos/resource-repo.ts';

/** A resource as the API shows it: Neutron attribute names → values. */
export type ResourceRecord = Record<string, unknown>;

interface StoredAttribute { readonly name: string; readonly column: string; readonly storage: Storage }

/**
 * The stored attributes of each resource, computed once: decoding a list of
 * 10,000 rows must not walk the definition 10,000 times.
 */
const storedAttributes = new WeakMap<ResolvedResource, StoredAttribute[]>();

function storedOf(resource: ResolvedResource): StoredAttribute[] {
  let list = storedAttributes.get(resource);
  if (list === undefined) {
    list = Object.entries(resource.attributes)
      .filter(([, spec]) => (spec.storage ?? 'text') !== 'none')
      .map(([name, spec]) => ({ name, column: columnOf(name, spec), storage: spec.storage ?? 'text' }));
    storedAttributes.set(resource, list);
  }
  return list;
}

/** Stored columns → API values (0/1 → booleans, JSON text → values); computed attributes are left to hooks. */
export function rowToRecord(resource: ResolvedResource, row: Row): ResourceRecord {
  const record: ResourceRecord = {};
  for (const attribute of storedOf(resource)) {
    const value = row[attribute.column];
    if (value === undefined) continue;
    record[attribute.name] = decode(attribute.storage, value);
  }
  return record;
}

/** API values → columns, for the attributes that are stored on the resource row. */
export function recordToRow(resource: ResolvedResource, values: ResourceRecord): Row {
  const row: Row = {};
  for (const [name, value] of Object.entries(values)) {
    const spec = resource.attributes[name];
    if (!spec || (spec.storage ?? 'text') === 'none' || value === undefined) continue;
    row[columnOf(name, spec)] = encode(spec, value);
  }
  return row;
}

/** One value in its stored form (also used for filter values). */
export function encode(spec: AttributeSpec, value: unknown): unknown {
  switch (spec.storage ?? 'text') {
    case 'boolean': return value === null ? null : value ? 1 : 0;
    case 'json': return JSON.stringify(value ?? null);
    default: return value;
  }
}

function decode(storage: Storage, value: unknown): unknown {
  if (value === null) return null;
  switch (storage) {
    case 'boolean': return value === true || value === 1 || value === '1';
    case 'integer': return Number(value);
    case 'json': return typeof value === 'string' ? parseJson(value) : value;
    default: return value;
  }
}

/** Most stored JSON values are empty; skip the parser for those. */
function parseJson(text: string): unknown {
  if (text === '[]') return [];
  if (text === '{}') return {};
  return JSON.parse(text);
}
