import { pyStr } from './python-text.ts';
import { checkListOfItems, stripWhere } from './python-values.ts';
import type { Validator } from './types.ts';

const HEX32 = /^[0-9a-f]{32}$/;

/**
 * oslo's `is_uuid_like`: after dropping every "urn:" and "uuid:", any "{"/"}"
 * at either end and every "-", the text is 32 hex digits (any case). So
 * "{12345678-1234-1234-1234-123456789ABC}" and 32 bare digits both count.
 */
export function isUuidLike(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const braced = value.replaceAll('urn:', '').replaceAll('uuid:', '');
  const bare = stripWhere(braced, (char) => char === '{' || char === '}').replaceAll('-', '');
  return HEX32.test(bare.toLowerCase());
}

/**
 * neutron-lib `uuid`: UUID-like text (see {@link isUuidLike}); else
 * `'<v>' is not a valid UUID`.
 *
 * @example uuid('abc') // "'abc' is not a valid UUID"
 */
export const uuid: Validator = (value) => (isUuidLike(value) ? undefined : `'${pyStr(value)}' is not a valid UUID`);

/** {@link uuid}, or null. */
export const uuidOrNone: Validator = (value) => (value === null ? undefined : uuid(value));

/** neutron-lib `uuid_list`: a list of unique UUIDs (may be empty). */
export const uuidList: Validator = (value) => checkListOfItems(value, uuid);

/** neutron-lib `uuid_list_non_empty`: {@link uuidList}, and `List should not be empty`. */
export const uuidListNonEmpty: Validator = (value) =>
  uuidList(value) ?? ((value as unknown[]).length === 0 ? 'List should not be empty' : undefined);
