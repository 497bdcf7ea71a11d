import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { resolveResources } from '../../definitions/index.ts';
import { project, renderRecord, viewOf, visibleAttributes } from './render.ts';

const port = resolveResources().get('ports')!;
const names = Object.keys(port.attributes);
const record = Object.fromEntries(names.map((name, i) => [name, `value-${i}`]));

test('a remembered view answers what visibleAttributes and project compute, for any hidden set and fields=', () => {
  const someNames = fc.subarray([...names, 'bogus', 'a\nb', ''], { maxLength: 6 });
  fc.assert(fc.property(someNames, someNames, (hidden, fields) => {
    const hiddenSet = new Set(hidden);
    const expected = visibleAttributes(port, hiddenSet, fields);
    assert.deepEqual(viewOf(port, hiddenSet, fields).attributes, expected);
    assert.deepEqual(renderRecord(port, record, hiddenSet, fields), project(record, expected));
  }), { numRuns: 300 });
});

test('views of different callers do not leak into each other', () => {
  const admin = renderRecord(port, record, new Set(), []);
  const member = renderRecord(port, record, new Set(['binding:host_id', 'binding:profile']), []);
  const again = renderRecord(port, record, new Set(), []);
  assert.ok('binding:host_id' in admin);
  assert.ok(!('binding:host_id' in member) && !('binding:profile' in member));
  assert.deepEqual(again, admin);
  // fields= lists that join to the same text are different lists.
  assert.deepEqual(Object.keys(renderRecord(port, record, new Set(), ['name\nid'])), []);
  assert.deepEqual(Object.keys(renderRecord(port, record, new Set(), ['name', 'id'])).sort(), ['id', 'name']);
});
