import { columnOf, type ResolvedResource } from '../../definitions/index.ts';
import { ConversionError } from '../../definitions/validators/types.ts';
import { HTTPBadRequest, InvalidInput, TenantIdProjectIdFilterConflict } from '../../core/errors.ts';
import { encode } from '../../core/resource/record-codec.ts';
import type { ResourceHooks } from '../../core/resource/resource-hooks.ts';
import type { Condition, ListQuery, SortKey } from '../../store/repos/list-query.ts';
import { checkIntegerFits } from './body.ts';

/** Query parameters as Node parses them: repeated keys give arrays. */
export type QueryParams = Record<string, string | string[] | undefined>;

/** Never treated as filters. */
const RESERVED = new Set(['fields', 'sort_key', 'sort_dir', 'limit', 'marker', 'page_reverse']);
const TAG_FILTERS: Record<string, 'all' | 'any' | 'notAll' | 'notAny'> = Object.assign(Object.create(null), {
  tags: 'all', 'tags-any': 'any', 'not-tags': 'notAll', 'not-tags-any': 'notAny',
});

export interface ParsedList {
  readonly query: ListQuery;
  /** `fields=` projection; empty = all. */
  readonly fields: readonly string[];
  /** The effective page size, when paginating. */
  readonly limit?: number;
}

export function valuesOf(params: QueryParams, key: string): string[] {
  const raw = params[key];
  if (raw === undefined) return [];
  return Array.isArray(raw) ? raw : [raw];
}

/**
 * Turns a list request's query string into storage terms, validating as
 * Neutron does (filter-validation, sort-key-validation, limit checks).
 */
export function parseListQuery(resource: ResolvedResource, params: QueryParams, hooks: ResourceHooks, maxLimit: number): ParsedList {
  if (params.tenant_id !== undefined && params.project_id !== undefined) throw new TenantIdProjectIdFilterConflict();
  const conditions: Condition[] = [];
  for (const key of Object.keys(params)) {
    if (RESERVED.has(key)) continue;
    const values = valuesOf(params, key);
    const tagMode = TAG_FILTERS[key];
    if (tagMode && 'tags' in resource.attributes) {
      const tags = values.flatMap((v) => v.split(',')).filter((t) => t.length > 0);
      if (tags.length > 0) conditions.push({ kind: 'tags', mode: tagMode, tags });
      continue;
    }
    conditions.push(...filterCondition(resource, key, values, hooks));
  }
  const sort = parseSort(resource, params);
  const limit = resource.pagination === false ? undefined : parseLimit(params, maxLimit);
  const marker = valuesOf(params, 'marker').at(-1);
  const pageReverse = /^(true|1)$/i.test(valuesOf(params, 'page_reverse').at(-1) ?? '');
  return {
    query: { conditions, sort, limit, marker: limit !== undefined ? marker : undefined, pageReverse: limit !== undefined && pageReverse },
    fields: valuesOf(params, 'fields').flatMap((f) => f.split(',')).filter((f) => f.length > 0),
    limit,
  };
}

function filterCondition(resource: ResolvedResource, key: string, values: string[], hooks: ResourceHooks): Condition[] {
  const spec = resource.attributes[key];
  if (!spec || !spec.filter) throw new HTTPBadRequest(`['${key}'] is invalid attribute for filtering`);
  // empty-string-filtering: "?x=" matches x == ''; other conversions skip empty values
  const special = hooks.filter?.(key, values);
  if (special) return [special];
  if ((spec.storage ?? 'text') === 'none' || spec.storage === 'json') throw new HTTPBadRequest(`['${key}'] is invalid attribute for filtering`);
  const converter = spec.filterConvert ?? spec.convert;
  const converted = values.map((value) => {
    // empty-string-filtering: "?name=" matches ''; a number or boolean cannot be '' (400 from the converter).
    if (!converter || (value === '' && (spec.storage ?? 'text') === 'text')) return value;
    try {
      const result = converter(value);
      checkIntegerFits(key, result);
      return result;
    } catch (error) {
      if (error instanceof ConversionError) throw new InvalidInput(error.message);
      throw error;
    }
  });
  return [{ kind: 'in', column: columnOf(key, spec), values: converted.map((v) => encode(spec, v)) }];
}

function parseSort(resource: ResolvedResource, params: QueryParams): SortKey[] {
  const keys = valuesOf(params, 'sort_key');
  const dirs = valuesOf(params, 'sort_dir');
  if (keys.length !== dirs.length) throw new HTTPBadRequest('The number of sort_keys and sort_dirs must be same');
  const invalidDirs = dirs.filter((d) => d !== 'asc' && d !== 'desc');
  if (invalidDirs.length > 0) throw new HTTPBadRequest(`${pyList(invalidDirs)} is invalid value for sort_dirs, valid value is 'asc' and 'desc'`);
  const invalidKeys = keys.filter((k) => {
    const spec = resource.attributes[k];
    return !spec || !spec.sort || (spec.storage ?? 'text') === 'none' || spec.storage === 'json';
  });
  if (invalidKeys.length > 0) throw new HTTPBadRequest(`${pyList(invalidKeys)} is invalid attribute for sort_keys`);
  return keys.map((key, i) => ({ column: columnOf(key, resource.attributes[key]!), direction: dirs[i] as 'asc' | 'desc' }));
}

function parseLimit(params: QueryParams, maxLimit: number): number | undefined {
  const raw = valuesOf(params, 'limit').at(-1);
  let limit: number | undefined;
  if (raw !== undefined) {
    if (!/^\d+$/.test(raw)) throw new HTTPBadRequest(`Limit must be an integer 0 or greater and not '${raw}'`);
    limit = Number(raw);
    if (!Number.isSafeInteger(limit)) throw new HTTPBadRequest(`Limit must be an integer 0 or greater and not '${raw}'`);
    if (limit === 0) limit = undefined;
  }
  if (maxLimit > 0) limit = Math.min(limit ?? maxLimit, maxLimit);
  return limit;
}

function pyList(items: string[]): string {
  return `[${items.map((i) => `'${i}'`).join(', ')}]`;
}
