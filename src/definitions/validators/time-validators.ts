import { ConversionError, type Converter } from './types.ts';

const ISO_TIME = /^(\d{4}-\d\d-\d\d)(?:[T ](\d\d:\d\d(?::\d\d(?:\.\d{1,6})?)?)(Z|[+-]\d\d:\d\d)?)?$/;

/**
 * An ISO 8601 date or time as milliseconds since the epoch; undefined when
 * the text is not one. Without an offset the time is UTC (JavaScript would
 * read it as local time); a date alone is midnight UTC.
 *
 * @example parseIsoTime('2026-03-03T14:00') // Date.UTC(2026, 2, 3, 14)
 */
export function parseIsoTime(text: string): number | undefined {
  const match = ISO_TIME.exec(text);
  if (!match) return undefined;
  const fraction = match[2]?.replace(/(\.\d{3})\d+$/, '$1');
  const ms = Date.parse(match[2] === undefined ? `${match[1]}T00:00:00Z` : `${match[1]}T${fraction}${match[3] ?? 'Z'}`);
  return Number.isNaN(ms) ? undefined : ms;
}

/**
 * An ISO 8601 time, or null, stored as Neutron writes timestamps
 * (`YYYY-MM-DDTHH:MM:SSZ`, UTC, whole seconds, so text order is time order);
 * anything else throws `'<v>' is not an ISO 8601 time`.
 *
 * @example toTimestampOrNone('2026-03-03T15:00:00+01:00') // '2026-03-03T14:00:00Z'
 */
export const toTimestampOrNone: Converter = (value) => {
  if (value === null) return null;
  const ms = typeof value === 'string' && value.length <= 40 ? parseIsoTime(value) : undefined;
  if (ms === undefined) throw new ConversionError(`'${String(value).slice(0, 64)}' is not an ISO 8601 time`);
  return new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
};
