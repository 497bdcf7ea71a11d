import { dict } from './dict-validators.ts';
import { pyStr } from './python-text.ts';
import { isDict, pyInt, toJsInteger } from './python-values.ts';
import type { Converter, Validator } from './types.ts';

/** The keys a multi-provider segment may carry. */
export const SEGMENT_KEYS: readonly string[] = ['provider:network_type', 'provider:physical_network', 'provider:segmentation_id'];

const SEGMENTATION_ID = 'provider:segmentation_id';

/** Python truthiness of a JSON value. */
function truthy(value: unknown): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (isDict(value)) return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * neutron-lib `network_segments` (multi-provider `segments`): a list of
 * objects whose keys are only provider:network_type,
 * provider:physical_network and provider:segmentation_id (`Unrecognized
 * attribute(s) '<k>'`, which Neutron raises as HTTPBadRequest), with a
 * non-empty segmentation_id int()-convertible (`'<v>' is not an integer`).
 * Neutron answers 500 for a non-list or a non-object item; we say
 * `'<v>' is not a list` / `'<v>' is not a dictionary`. Type-specific checks
 * (VLAN range, physnet known) belong to the segment service.
 *
 * @example networkSegments([{ 'provider:network_type': 'vlan', foo: 1 }]) // "Unrecognized attribute(s) 'foo'"
 */
export const networkSegments: Validator = (value) => {
  if (!Array.isArray(value)) return `'${pyStr(value)}' is not a list`;
  for (const segment of value) {
    const notDict = dict(segment);
    if (notDict !== undefined) return notDict;
    const record = segment as Record<string, unknown>;
    const segmentationId = record[SEGMENTATION_ID];
    if (Object.prototype.hasOwnProperty.call(record, SEGMENTATION_ID) && truthy(segmentationId) && pyInt(segmentationId) === undefined) {
      return `'${pyStr(segmentationId)}' is not an integer`;
    }
    const unknown = Object.keys(record).filter((key) => !SEGMENT_KEYS.includes(key));
    if (unknown.length > 0) return `Unrecognized attribute(s) '${unknown.join(', ')}'`;
  }
  return undefined;
};

/**
 * The conversion half of neutron-lib's `convert_and_validate_segments`:
 * a non-empty provider:segmentation_id becomes an integer; an empty one
 * (null, 0, '') is dropped, meaning "not specified". Returns new objects;
 * anything it cannot convert is left for {@link networkSegments} to report.
 *
 * @example toNetworkSegments([{ 'provider:segmentation_id': '100' }]) // [{ 'provider:segmentation_id': 100 }]
 */
export const toNetworkSegments: Converter = (value) => {
  if (!Array.isArray(value)) return value;
  return value.map((segment: unknown) => {
    if (!isDict(segment) || !Object.prototype.hasOwnProperty.call(segment, SEGMENTATION_ID)) return segment;
    const { [SEGMENTATION_ID]: segmentationId, ...rest } = segment;
    if (!truthy(segmentationId)) return rest;
    const parsed = pyInt(segmentationId);
    return parsed === undefined ? segment : { ...rest, [SEGMENTATION_ID]: toJsInteger(parsed) };
  });
};
