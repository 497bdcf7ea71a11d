import type { ResolvedResource } from '../../definitions/index.ts';
import type { RequestContext } from '../../core/context.ts';
import type { ResourceRecord } from '../../core/resource/record-codec.ts';

/**
 * Which attributes of `resource` this caller sees, honouring is_visible,
 * admin-only attributes and `fields=`. Computed once per response, then
 * applied to every row.
 */
export function visibleAttributes(resource: ResolvedResource, ctx: RequestContext, fields: readonly string[]): string[] {
  const wanted = fields.length > 0 ? new Set(fields) : undefined;
  return Object.entries(resource.attributes)
    .filter(([name, spec]) => spec.visible !== false
      && !(spec.adminOnly === 'readwrite' && !ctx.isAdmin)
      && (!wanted || wanted.has(name)))
    .map(([name]) => name);
}

/** Projects a record onto `attributes` (missing computed values are left out rather than invented). */
export function project(record: ResourceRecord, attributes: readonly string[]): ResourceRecord {
  const out: ResourceRecord = {};
  for (const name of attributes) {
    if (name === 'tenant_id' || name === 'project_id') out[name] = record.project_id ?? record.tenant_id;
    else if (name in record) out[name] = record[name];
  }
  return out;
}
