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

/** What a response of one resource shows a caller: the attribute list and its projector. */
interface View {
  readonly attributes: readonly string[];
  readonly project: Projector;
}

/**
 * Views by definition, then by hidden attributes and `fields=`. Why: a
 * single-record response (create, show, update) used to filter the whole
 * definition and join the attribute names again for every request, which
 * cost more than projecting the record. Bounded per definition, because
 * `fields=` lets callers choose the lists.
 */
const views = new WeakMap<ResolvedResource, Map<string, View>>();
const MAX_VIEWS_PER_RESOURCE = 256;

/** `visibleAttributes` with its projector, remembered per (resource, hidden, fields). */
export function viewOf(resource: ResolvedResource, hidden: ReadonlySet<string>, fields: readonly string[]): View {
  let byKey = views.get(resource);
  if (byKey === undefined) views.set(resource, byKey = new Map());
  const key = hidden.size === 0 && fields.length === 0 ? '' : JSON.stringify([[...hidden], fields]);
  let view = byKey.get(key);
  if (view === undefined) {
    const attributes = visibleAttributes(resource, hidden, fields);
    view = { attributes, project: projector(attributes) };
    if (byKey.size < MAX_VIEWS_PER_RESOURCE) byKey.set(key, view);
  }
  return view;
}

/** One record as a response shows it: `project(record, visibleAttributes(resource, hidden, fields))`, without recomputing either. */
export function renderRecord(resource: ResolvedResource, record: ResourceRecord, hidden: ReadonlySet<string>, fields: readonly string[]): ResourceRecord {
  return viewOf(resource, hidden, fields).project(record);
}
