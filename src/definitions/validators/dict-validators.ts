import { pyStr } from './python-text.ts';
import { isDict } from './python-values.ts';
import type { Validator } from './types.ts';

/**
 * neutron-lib `dict` (no key specs): a JSON object; else
 * `'<v>' is not a dictionary`.
 *
 * @example dict([]) // "'[]' is not a dictionary"
 */
export const dict: Validator = (value) => (isDict(value) ? undefined : `'${pyStr(value)}' is not a dictionary`);

/** {@link dict}, or null (neutron-lib `dict_or_none`; port `binding:profile`). */
export const dictOrNone: Validator = (value) => (value === null ? undefined : dict(value));

/** {@link dict}; `{}` passes too (neutron-lib `dict_or_empty`). */
export const dictOrEmpty: Validator = dict;

/**
 * neutron-lib `dict_or_nodata`: any falsy value (null, false, 0, '', {},
 * []) or a JSON object.
 */
export const dictOrNodata: Validator = (value) => {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  return dict(value);
};
