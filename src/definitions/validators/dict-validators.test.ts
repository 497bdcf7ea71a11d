import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { dict, dictOrEmpty, dictOrNodata, dictOrNone } from './dict-validators.ts';

test('dict family (binding:profile)', () => {
  assert.equal(dict({ a: 1 }), undefined);
  assert.equal(dict([]), "'[]' is not a dictionary");
  assert.equal(dict(null), "'None' is not a dictionary");
  assert.equal(dictOrNone(null), undefined);
  assert.equal(dictOrNone('x'), "'x' is not a dictionary");
  assert.equal(dictOrEmpty({}), undefined);
  assert.equal(dictOrEmpty('x'), "'x' is not a dictionary");
  for (const empty of [null, '', 0, false, [], {}]) assert.equal(dictOrNodata(empty), undefined);
  assert.equal(dictOrNodata([1]), "'[1]' is not a dictionary");
});

test('property: dict accepts exactly JSON objects', () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    const isObject = typeof value === 'object' && value !== null && !Array.isArray(value);
    assert.equal(dict(value) === undefined, isObject);
  }));
});
