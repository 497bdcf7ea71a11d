import { columnOf, type AttributeSpec } from '../../definitions/index.ts';
import type { ResolvedResource } from '../../definitions/index.ts';
import type { Row } from '../../store/repos/resource-repo.ts';

/** A resource as the API shows it: Neutron attribute names → values. */
export type ResourceRecord = Record<string, unknown>;

/** Stored columns → API values (0/1 → booleans, JSON text → values); computed attributes are left to hooks. */
export function rowToRecord(resource: ResolvedResource, row: Row): ResourceRecord {
  const record: ResourceRecord = {};
  for (const [name, spec] of Object.entries(resource.attributes)) {
    const storage = spec.storage ?? 'text';
    if (storage === 'none') continue;
    const value = row[columnOf(name, spec)];
    if (value === undefined) continue;
    record[name] = decode(storage, value);
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

function decode(storage: string, value: unknown): unknown {
  if (value === null) return null;
  switch (storage) {
    case 'boolean': return value === true || value === 1 || value === '1';
    case 'integer': return Number(value);
    case 'json': return typeof value === 'string' ? JSON.parse(value) : value;
    default: return value;
  }
}
