import type { AttributeSpec } from '../types.ts';
import * as v from '../validators/index.ts';

/** `id` of every resource: server-generated UUID, filterable and sortable. */
export const ID: AttributeSpec = { allowPost: false, allowPut: false, filter: true, sort: true };

/** `tenant_id`: filled from the token; only admins may name another project. Stored in `project_id`. */
export const TENANT_ID: AttributeSpec = {
  allowPost: true, allowPut: false, filter: true, sort: true, column: 'project_id',
  validate: v.stringValidator(255),
};

/** `name` as most resources have it: optional, ≤255, default ''. */
export const NAME: AttributeSpec = {
  allowPost: true, allowPut: true, default: '', filter: true, sort: true, validate: v.nameString(255),
};

/** A boolean attribute with a default, filterable and sortable. */
export function booleanAttribute(defaultValue: boolean, extra: Partial<AttributeSpec> = {}): AttributeSpec {
  return {
    allowPost: true, allowPut: true, default: defaultValue, filter: true, sort: true,
    convert: v.toBoolean, storage: 'boolean', ...extra,
  };
}

/** A read-only value computed by the resource's hooks. */
export const COMPUTED: AttributeSpec = { allowPost: false, allowPut: false, storage: 'none' };
