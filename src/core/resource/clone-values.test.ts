import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { cloneValues } from './clone-values.ts';

test('a clone of JSON data equals structuredClone of it and shares nothing with the original', () => {
  fc.assert(fc.property(fc.jsonValue(), (value) => {
    const clone = cloneValues(value);
    assert.deepStrictEqual(clone, structuredClone(value));
    assert.deepStrictEqual(clone, value);
    const objects = (v: unknown, into: Set<object>): Set<object> => {
      if (v !== null && typeof v === 'object') { into.add(v); for (const child of Object.values(v)) objects(child, into); }
      return into;
    };
    const original = objects(value, new Set());
    for (const copied of objects(clone, new Set())) assert.ok(!original.has(copied), 'no object is shared');
  }));
});

test('an own __proto__ key stays an own key; the prototype is untouched', () => {
  const value = JSON.parse('{"binding:profile": {"__proto__": {"polluted": true}, "a": 1}}');
  const clone = cloneValues(value);
  assert.equal(Object.getPrototypeOf(clone['binding:profile']), Object.prototype);
  assert.deepEqual(Object.keys(clone['binding:profile']), ['__proto__', 'a']);
  assert.deepEqual(Object.getOwnPropertyDescriptor(clone['binding:profile'], '__proto__')!.value, { polluted: true });
  assert.equal(({} as Record<string, unknown>).polluted, undefined);
});

test('values that are not plain data are copied by structuredClone', () => {
  const date = new Date(0);
  const clone = cloneValues({ when: date, tags: new Set(['a']), nothing: null, flag: false });
  assert.ok(clone.when instanceof Date && clone.when !== date && clone.when.getTime() === 0);
  assert.ok(clone.tags instanceof Set && clone.tags.has('a'));
  assert.equal(clone.nothing, null);
  assert.equal(clone.flag, false);
  const bare = Object.assign(Object.create(null) as Record<string, unknown>, { a: [1] });
  assert.deepStrictEqual(cloneValues(bare), structuredClone(bare));
});
