import { pyStr } from './python-text.ts';
import type { Validator } from './types.ts';
import { uuid } from './uuid-validators.ts';

/**
 * neutron-lib `type:subports`: a list of dicts, each with a unique valid
 * `port_id`, and with both `segmentation_type` and `segmentation_id` unless
 * the dict has nothing else or asks to `inherit` them (which, as in
 * neutron-lib, ends the check); no segmentation id twice per type.
 */
export const subports: Validator = (data) => {
  if (!Array.isArray(data)) return `Invalid data format for subports: '${pyStr(data)}' is not a list`;
  const ids = new Set<string>();
  const segmentations = new Map<unknown, Set<unknown>>();
  for (const subport of data) {
    if (subport === null || typeof subport !== 'object' || Array.isArray(subport)) return `Invalid data format for subport: '${pyStr(subport)}' is not a dict`;
    const item = subport as Record<string, unknown>;
    if (!('port_id' in item)) return 'A valid port UUID must be specified';
    if (uuid(item.port_id) !== undefined) return `Invalid UUID for subport: '${pyStr(item.port_id)}'`;
    if (ids.has(item.port_id as string)) return `Non unique UUID for subport: '${pyStr(item.port_id)}'`;
    ids.add(item.port_id as string);
    const type = item.segmentation_type;
    if (type === 'inherit') return undefined;
    const id = item.segmentation_id;
    if ((!type || id === undefined || id === null) && Object.keys(item).length > 1) {
      return `Invalid subport details '${pyStr(item)}': missing segmentation information. Must specify both segmentation_id and segmentation_type`;
    }
    const key = typeof type === 'string' ? type : JSON.stringify(type ?? null);
    if (segmentations.get(key)?.has(id)) return `Segmentation ID '${pyStr(id)}' for '${pyStr(item.port_id)}' is not unique`;
    if (id !== undefined && id !== null) {
      if (!segmentations.has(key)) segmentations.set(key, new Set());
      segmentations.get(key)!.add(id);
    }
  }
  return undefined;
};
