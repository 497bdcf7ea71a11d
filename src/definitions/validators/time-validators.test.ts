import assert from 'node:assert/strict';
import { test } from 'node:test';
import { parseIsoTime, toTimestampOrNone } from './time-validators.ts';
import { ConversionError } from './types.ts';

test('ISO 8601 times: UTC without an offset, offsets applied, dates are midnight', () => {
  assert.equal(parseIsoTime('2026-03-03T14:00'), Date.UTC(2026, 2, 3, 14));
  assert.equal(parseIsoTime('2026-03-03'), Date.UTC(2026, 2, 3));
  assert.equal(parseIsoTime('2026-03-03T15:00:00.5+01:00'), Date.UTC(2026, 2, 3, 14, 0, 0, 500));
  assert.equal(parseIsoTime('2026-03-03T14:00:00.123456Z'), Date.UTC(2026, 2, 3, 14, 0, 0, 123));
  for (const bad of ['', 'now', '2026-13-01', '2026-03-03T25:00', '03/03/2026', '2026-03-03T14:00:00+1']) assert.equal(parseIsoTime(bad), undefined, bad);
});

test('timestamps are stored in Neutron form; null passes; anything else is refused', () => {
  assert.equal(toTimestampOrNone('2026-03-03T15:00:00.9+01:00'), '2026-03-03T14:00:00Z');
  assert.equal(toTimestampOrNone(null), null);
  for (const bad of [42, {}, 'tomorrow', 'x'.repeat(100)]) assert.throws(() => toTimestampOrNone(bad), ConversionError);
});
