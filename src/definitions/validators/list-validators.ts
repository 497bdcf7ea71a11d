import { pyStr } from './python-text.ts';
import { checkListOfItems } from './python-values.ts';
import { stringValidator } from './string-validators.ts';
import type { Validator } from './types.ts';

/**
 * neutron-lib `list_of_unique_strings`: a list (`'<v>' is not a list`)
 * without duplicates (`Duplicate items in the list: '<a, b>'`) whose items
 * are strings of at most `maxLen` characters.
 *
 * @example listOfUniqueStrings()(['a', 'a']) // "Duplicate items in the list: 'a'"
 */
export function listOfUniqueStrings(maxLen?: number): Validator {
  const item = stringValidator(maxLen);
  return (value) => checkListOfItems(value, item);
}

/** {@link listOfUniqueStrings} without a length cap (Neutron has no non-unique variant). */
export const listOfStrings: Validator = listOfUniqueStrings();

/** Tags given in a create body (tag-ports-during-bulk-creation): unique strings of at most 255 characters. */
export const listOfTags: Validator = listOfUniqueStrings(255);

/** Length of Python's `json.dumps(text)` (ASCII-only output, \uXXXX escapes). */
function jsonDumpsLength(text: string): number {
  let length = 2;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    if (unit === 0x22 || unit === 0x5c || unit === 0x08 || unit === 0x0c || unit === 0x0a || unit === 0x0d || unit === 0x09) length += 2;
    else if (unit < 0x20 || unit > 0x7e) length += unit === 0x7f ? 1 : 6;
    else length += 1;
  }
  return length;
}

/** The column availability_zone_hints is stored in holds this many characters of JSON. */
const AZ_HINTS_DB_LEN = 255;

/**
 * neutron-lib `availability_zone_hint_list`: {@link listOfStrings}, and the
 * list as Python's `json.dumps` writes it fits 255 characters; else
 * `Too many availability_zone_hints specified` (Neutron raises that one as
 * InvalidInput).
 *
 * @example availabilityZoneHints(['nova', 'nova']) // "Duplicate items in the list: 'nova'"
 */
export const availabilityZoneHints: Validator = (value) => {
  const message = listOfStrings(value);
  if (message !== undefined) return message;
  const items = value as string[];
  const length = items.reduce((sum, item) => sum + jsonDumpsLength(item), 2) + Math.max(0, items.length - 1) * 2;
  return length > AZ_HINTS_DB_LEN ? 'Too many availability_zone_hints specified' : undefined;
};

/**
 * The prefixes neutron-lib accepts for subnet service types. Upstream builds
 * them with `list += "compute:"`, which appends the *characters* of
 * "compute:", so any type starting with one of c, o, m, p, u, t, e, ":" is
 * accepted besides "network:" and "neutron:". We match that exactly.
 */
export const SUBNET_SERVICE_TYPE_PREFIXES: readonly string[] = ['network:', 'neutron:', ...'compute:'];

/**
 * neutron-lib `list_of_subnet_service_types`: empty/null passes; else a list
 * (`Subnet service types must be a list.`) of strings (`Subnet service type
 * <v> is not a string.`) that start with one of
 * {@link SUBNET_SERVICE_TYPE_PREFIXES} (`Subnet service type <v> does not
 * correspond to a valid device owner.`). Neutron raises these as
 * HTTPBadRequest, InvalidInputSubnetServiceType and InvalidSubnetServiceType.
 *
 * @example subnetServiceTypes(['baremetal:none']) // "Subnet service type baremetal:none does not correspond to a valid device owner."
 */
export const subnetServiceTypes: Validator = (value) => {
  if (value === null || value === undefined || value === false || value === 0 || value === '') return undefined;
  if (Array.isArray(value) && value.length === 0) return undefined;
  if (typeof value === 'object' && !Array.isArray(value) && Object.keys(value).length === 0) return undefined;
  if (!Array.isArray(value)) return 'Subnet service types must be a list.';
  for (const type of value) {
    if (typeof type !== 'string') return `Subnet service type ${pyStr(type)} is not a string.`;
    if (!SUBNET_SERVICE_TYPE_PREFIXES.some((prefix) => type.startsWith(prefix))) {
      return `Subnet service type ${type} does not correspond to a valid device owner.`;
    }
  }
  return undefined;
};
