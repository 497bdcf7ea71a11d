import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { isUuidLike, uuid, uuidList, uuidListNonEmpty, uuidOrNone } from './uuid-validators.ts';

test('uuid accepts what oslo is_uuid_like accepts', () => {
  for (const ok of [
    'e1b8f9d4-44a4-4e38-9a89-3e43c0a4d40c', 'E1B8F9D444A44E389A893E43C0A4D40C', '{e1b8f9d4-44a4-4e38-9a89-3e43c0a4d40c}',
    'urn:uuid:e1b8f9d444a44e389a893e43c0a4d40c', 'e1b8f9d4-44a4-4e38-9a89-3e43c0a4d40c-',
  ]) assert.ok(isUuidLike(ok), ok);
  assert.equal(uuid('abc'), "'abc' is not a valid UUID");
  assert.equal(uuid(' e1b8f9d444a44e389a893e43c0a4d40c'), "' e1b8f9d444a44e389a893e43c0a4d40c' is not a valid UUID");
  assert.equal(uuid(null), "'None' is not a valid UUID");
  assert.equal(uuid({ a: 1 }), "'{'a': 1}' is not a valid UUID");
  assert.equal(uuidOrNone(null), undefined);
});

test('uuid lists', () => {
  const id = 'e1b8f9d4-44a4-4e38-9a89-3e43c0a4d40c';
  assert.equal(uuidList([id]), undefined);
  assert.equal(uuidList([id, id]), `Duplicate items in the list: '${id}'`);
  assert.equal(uuidList(['x']), "'x' is not a valid UUID");
  assert.equal(uuidListNonEmpty([]), 'List should not be empty');
});

test('property: every generated UUID passes, in any case', () => {
  fc.assert(fc.property(fc.uuid(), fc.boolean(), (id, upper) => {
    assert.equal(uuid(upper ? id.toUpperCase() : id), undefined);
  }));
});
