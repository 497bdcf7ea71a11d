import type { ResolvedResource } from '../../definitions/index.ts';
import type { ResourceRecord } from '../../core/resource/record-codec.ts';

/**
 * Which attributes of `resource` a response shows: visible ones, minus those
 * the policy hides from this caller (`hidden`, from the service), limited to
 * `fields=`. Computed once per response, then applied to every row.
 */
export function visibleAttributes(resource: ResolvedResource, hidden: ReadonlySet<string>, fields: readonly string[]): string[] {
  const wanted = fields.length > 0 ? new Set(fields) : undefined;
  return Object.entries(resource.attributes)
    .filter(([name, spec]) => spec.visible !== false && !hidden.has(name) && (!wanted || wanted.has(name)))
    .map(([name]) => name);
}

type Projector = (record: ResourceRecord) => ResourceRecord;

/**
 * Compiled projectors by attribute list. Why compiled: projecting 10,000
 * records key by key cost more than the database query; one object literal of
 * fixed shape per record is built in a step and serialised fastest. Bounded,
 * because `fields=` lets callers choose the lists.
 */
const projectors = new Map<string, Projector>();
const MAX_PROJECTORS = 512;

/** A function projecting records onto `attributes` (values a record lacks come out undefined, which JSON omits). */
export function projector(attributes: readonly string[]): Projector {
  const key = attributes.join('\n');
  let projectRecord = projectors.get(key);
  if (projectRecord === undefined) {
    projectRecord = compileProjector(attributes);
    if (projectors.size < MAX_PROJECTORS) projectors.set(key, projectRecord);
  }
  return projectRecord;
}

function compileProjector(attributes: readonly string[]): Projector {
  // tenant_id and project_id are one stored value under two names.
  const source = (name: string): string => (name === 'tenant_id' || name === 'project_id' ? 'project_id' : name);
  const fields = attributes.map((name) => `${JSON.stringify(name)}: record[${JSON.stringify(source(name))}]`);
  // Attribute names come from our definitions (fields= only selects among them), quoted by JSON.stringify.
  return new Function('record', `return { ${fields.join(', ')} };`) as Projector;
}

/** Projects one record onto `attributes`. */
export function project(record: ResourceRecord, attributes: readonly string[]): ResourceRecord {
  return projector(attributes)(record);
}
