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
  rejectUnknown(resource, input);
  const changes: ResourceRecord = {};
  for (const [name, raw] of Object.entries(input)) {
    const spec = resource.attributes[name]!;
    if (!spec.allowPut) throw new HTTPBadRequest(`Cannot update read-only attribute ${name}`);
    changes[name] = convertAndValidate(name, spec, raw);
  }
  return changes;
}

function prepareCreate(resource: ResolvedResource, input: Record<string, unknown>, ctx: RequestContext): ResourceRecord {
  const values: ResourceRecord = { ...input };
  unifyProject(values, ctx);
  rejectUnknown(resource, values);
  for (const [name, spec] of Object.entries(resource.attributes)) {
    if (name in values) {
      if (!spec.allowPost && name !== 'tenant_id' && name !== 'project_id') throw new HTTPBadRequest(`Attribute '${name}' not allowed in POST`);
    } else if (spec.allowPost && spec.required) {
      throw new HTTPBadRequest(`Failed to parse request. Required attribute '${name}' not specified`);
    }
  }
  for (const [name, spec] of Object.entries(resource.attributes)) {
    if (name in values) values[name] = convertAndValidate(name, spec, values[name]);
    else if (spec.allowPost && spec.default !== undefined) values[name] = typeof spec.default === 'object' && spec.default !== null ? structuredClone(spec.default) : spec.default;
  }
  // Who may set what (admin-only attributes, another project's id) is the policy's decision, in the service.
  return values;
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

function rejectUnknown(resource: ResolvedResource, input: Record<string, unknown>): void {
  const unknown = Object.keys(input).filter((k) => !(k in resource.attributes));
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
