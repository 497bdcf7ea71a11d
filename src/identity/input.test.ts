import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { ValidationError } from './identity-errors.ts';
import { boolean, name, object, onlyKeys, queryFlag, string, stringList } from './input.ts';

test('readers return typed values or throw a 400 naming the field', () => {
  assert.deepEqual(object({ a: 1 }, 'x'), { a: 1 });
  assert.equal(string('abc', 'f'), 'abc');
  assert.equal(name(' n ', 'name'), ' n ');
  assert.equal(boolean(false, 'enabled'), false);
  assert.deepEqual(stringList(['a'], 'tags'), ['a']);
  for (const bad of [() => object([], 'x'), () => object(null, 'x'), () => string(5, 'f'), () => string('x'.repeat(256), 'f'), () => string('a\u0000b', 'f'),
    () => name('  ', 'name'), () => boolean('true', 'enabled'), () => stringList(['a', 1], 'tags'), () => onlyKeys({ a: 1, b: 2 }, ['a'], 'project')]) {
    assert.throws(bad, (error: unknown) => error instanceof ValidationError && /^Invalid input for field '/.test(error.message));
  }
  assert.equal(queryFlag(undefined), undefined);
  assert.equal(queryFlag('false'), false);
  assert.equal(queryFlag('0'), false);
  assert.equal(queryFlag(''), true, 'a bare ?flag is true');
  assert.equal(queryFlag('True'), true);
});

test('readers never throw anything but ValidationError, whatever JSON they get', () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    for (const read of [() => object(value, 'x'), () => string(value, 'x'), () => name(value), () => boolean(value, 'x'), () => stringList(value, 'x')]) {
      try { read(); } catch (error) { if (!(error instanceof ValidationError)) return false; }
    }
    return true;
  }));
});
