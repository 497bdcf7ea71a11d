import type { AttributeSpec, ResolvedResource } from '../../definitions/index.ts';
import { ConversionError } from '../../definitions/validators/types.ts';
import type { RequestContext } from '../../core/context.ts';
import { HTTPBadRequest, InvalidInput } from '../../core/errors.ts';
import type { ResourceRecord } from '../../core/resource/record-codec.ts';

/**
 * Request-body handling driven by the definitions, in Neutron's order:
 * envelope, project check, unknown attributes, POST/PUT permissions and
 * required attributes, convert + validate, defaults, attribute policy.
 * Pure: no database, so a rejected body never touches storage.
 */

/** The items of a create body: one, or several for bulk. */
export function parseCreateBody(resource: ResolvedResource, body: unknown, ctx: RequestContext): ResourceRecord[] {
  const envelope = asObject(body);
  if (resource.collection in envelope) {
    if (!resource.bulk) throw new HTTPBadRequest('Bulk operation not supported');
    const items = envelope[resource.collection];
    if (!Array.isArray(items)) throw new HTTPBadRequest(`Unable to find '${resource.collection}' in request body`);
    if (items.length === 0) throw new HTTPBadRequest('Resources required');
    return items.map((item) => {
      const object = asObject(item);
      const inner = resource.name in object && Object.keys(object).length === 1 ? object[resource.name] : object;
      return prepareCreate(resource, asObject(inner), ctx);
    });
  }
  if (!(resource.name in envelope)) throw new HTTPBadRequest(`Unable to find '${resource.name}' in request body`);
  return [prepareCreate(resource, asObject(envelope[resource.name]), ctx)];
}

/** The changes of an update body. */
export function parseUpdateBody(resource: ResolvedResource, body: unknown): ResourceRecord {
  const envelope = asObject(body);
  if (!(resource.name in envelope)) throw new HTTPBadRequest(`Unable to find '${resource.name}' in request body`);
  const input = asObject(envelope[resource.name]);
  rejectUnknown(createPlanOf(resource).known, input);
  const changes: ResourceRecord = {};
  for (const [name, raw] of Object.entries(input)) {
    const spec = resource.attributes[name]!;
    if (!spec.allowPut) throw new HTTPBadRequest(`Cannot update read-only attribute ${name}`);
    changes[name] = convertAndValidate(name, spec, raw);
  }
  return changes;
}

function prepareCreate(resource: ResolvedResource, input: Record<string, unknown>, ctx: RequestContext): ResourceRecord {
  const { attributes, known } = createPlanOf(resource);
  const values = copyOf(input);
  unifyProject(values, ctx);
  rejectUnknown(known, values);
  for (const attribute of attributes) {
    if (attribute.name in values) {
      if (attribute.postForbidden) throw new HTTPBadRequest(`Attribute '${attribute.name}' not allowed in POST`);
    } else if (attribute.required) {
      throw new HTTPBadRequest(`Failed to parse request. Required attribute '${attribute.name}' not specified`);
    }
  }
  for (const attribute of attributes) {
    const { name } = attribute;
    if (name in values) values[name] = convertAndValidate(name, attribute.spec, values[name]);
    else if (attribute.makeDefault !== undefined) values[name] = attribute.makeDefault();
  }
  // Who may set what (admin-only attributes, another project's id) is the policy's decision, in the service.
  return values;
}

/** One attribute as a create body sees it, derived once from its spec. */
interface CreateAttribute {
  readonly name: string;
  readonly spec: AttributeSpec;
  /** Present in a body is a 400 (not allowed in POST; tenant_id/project_id are always accepted). */
  readonly postForbidden: boolean;
  /** Absent from a body is a 400. */
  readonly required: boolean;
  /** A fresh copy of the default, for an absent attribute that has one. */
  readonly makeDefault: (() => unknown) | undefined;
}

/** What `prepareCreate` needs of a definition, in definition order (the order its 400s are checked in). */
interface CreatePlan {
  readonly attributes: readonly CreateAttribute[];
  readonly known: ReadonlySet<string>;
}

/**
 * Create plans by definition. Why: walking a definition's attribute map
 * (a null-prototype dictionary of 30–40 entries) twice per item cost more
 * than validating the body itself.
 */
const createPlans = new WeakMap<ResolvedResource, CreatePlan>();

function createPlanOf(resource: ResolvedResource): CreatePlan {
  let plan = createPlans.get(resource);
  if (plan === undefined) {
    const attributes = Object.entries(resource.attributes).map(([name, spec]): CreateAttribute => ({
      name,
      spec,
      postForbidden: !spec.allowPost && name !== 'tenant_id' && name !== 'project_id',
      required: spec.allowPost && spec.required === true,
      makeDefault: spec.allowPost && spec.default !== undefined ? defaultMaker(spec.default) : undefined,
    }));
    plan = { attributes, known: new Set(Object.keys(resource.attributes)) };
    createPlans.set(resource, plan);
  }
  return plan;
}

/** Each created item gets its own copy of an object default (hooks may edit values in place). */
function defaultMaker(value: unknown): () => unknown {
  if (value === null || typeof value !== 'object') return () => value;
  if (Array.isArray(value) && value.length === 0) return () => [];
  if (Object.getPrototypeOf(value) === Object.prototype && Object.keys(value).length === 0) return () => ({});
  return () => structuredClone(value);
}

/**
 * `{ ...input }` built key by key. Why: V8 (node 20) gives the copy of an
 * object spread a hidden class without transitions, so each attribute a
 * create then adds (project, defaults) built a new one — 10–20 µs per port.
 * `__proto__` (an own key in parsed JSON) is defined, never set, as a spread
 * would: it must stay an unknown attribute, not become the prototype.
 */
function copyOf(input: Record<string, unknown>): ResourceRecord {
  const out: ResourceRecord = {};
  for (const key of Object.keys(input)) {
    if (key === '__proto__') Object.defineProperty(out, key, { value: input[key], enumerable: true, writable: true, configurable: true });
    else out[key] = input[key];
  }
  return out;
}

/** tenant_id and project_id are one attribute: both accepted, must agree, default the caller's project. */
function unifyProject(values: ResourceRecord, ctx: RequestContext): void {
  const tenant = values.tenant_id;
  const project = values.project_id;
  if (tenant !== undefined && project !== undefined && tenant !== project) {
    throw new HTTPBadRequest("'project_id' and 'tenant_id' do not match");
  }
  const chosen = project ?? tenant ?? ctx.projectId;
  if (typeof chosen !== 'string') throw new HTTPBadRequest('Invalid input for project_id. Reason: not a valid string.');
  if (chosen.length > 255) throw new HTTPBadRequest(`Invalid input for project_id. Reason: '${chosen.slice(0, 64)}…' exceeds maximum length of 255.`);
  values.tenant_id = chosen;
  values.project_id = chosen;
}

function rejectUnknown(known: ReadonlySet<string>, input: Record<string, unknown>): void {
  const unknown = Object.keys(input).filter((k) => !known.has(k));
  if (unknown.length > 0) throw new HTTPBadRequest(`Unrecognized attribute(s) '${unknown.join(', ')}'`);
}

/** Converter failures are InvalidInput; validator failures are "Invalid input for <attr>. Reason: …". */
export function convertAndValidate(name: string, spec: AttributeSpec, raw: unknown): unknown {
  let value = raw;
  if (spec.convert) {
    try {
      value = spec.convert(raw);
    } catch (error) {
      if (error instanceof ConversionError) throw new InvalidInput(error.message);
      throw error;
    }
  }
  const reason = spec.validate?.(value);
  if (reason !== undefined) throw new HTTPBadRequest(`Invalid input for ${name}. Reason: ${reason}.`);
  checkIntegerFits(name, value);
  return value;
}

/** Stored integers are 32-bit (PostgreSQL integer); larger values, and BigInts from converters, are a 400. */
export function checkIntegerFits(name: string, value: unknown): void {
  if (typeof value === 'bigint' || (typeof value === 'number' && Number.isInteger(value) && (value > INT32_MAX || value < -INT32_MAX - 1))) {
    throw new HTTPBadRequest(`Invalid input for ${name}. Reason: '${String(value)}' is too large - must be no larger than '${INT32_MAX}'.`);
  }
}

const INT32_MAX = 2147483647;

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HTTPBadRequest('Malformed request body');
  return value as Record<string, unknown>;
}
