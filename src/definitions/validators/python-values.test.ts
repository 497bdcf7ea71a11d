import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { checkListOfItems, collectDuplicates, pyInt, pyKey, pyLen, pyStrip } from './python-values.ts';

test('pyInt follows Python int()', () => {
  assert.equal(pyInt(' -12 '), -12n);
  assert.equal(pyInt('+7'), 7n);
  assert.equal(pyInt('1_000'), 1000n);
  assert.equal(pyInt('007'), 7n);
  assert.equal(pyInt(1.9), 1n);
  assert.equal(pyInt(-1.9), -1n);
  assert.equal(pyInt(true), 1n);
  assert.equal(pyInt('99999999999999999999'), 99999999999999999999n);
  for (const bad of ['1.5', '1e3', '', ' ', '_1', '1_', '1__0', 'x', null, [], {}, Infinity, NaN, '9'.repeat(4301)]) {
    assert.equal(pyInt(bad), undefined, `int(${String(bad)}) fails`);
  }
});

test('pyStrip removes Python whitespace only', () => {
  assert.equal(pyStrip('\u3000 a b\x1c\n'), 'a b');
  assert.equal(pyStrip('\ufeffa'), '\ufeffa');
});

test('pyLen counts code points', () => {
  assert.equal(pyLen('😀a'), 2);
  assert.equal(pyLen('\ud800'), 1);
});

test('collectDuplicates: Python equality, each duplicate once, in order of repetition', () => {
  assert.deepEqual(collectDuplicates(['a', 'a', 'b', 'b', 'a']), ['a', 'b']);
  assert.deepEqual(collectDuplicates([1, true, { a: 1, b: 2 }, { b: 2, a: 1 }]), [true, { b: 2, a: 1 }]);
  assert.equal(checkListOfItems(['a', 'a', 'b', 'b'], () => undefined), "Duplicate items in the list: 'a, b'");
  assert.equal(checkListOfItems('a', () => undefined), "'a' is not a list");
});

test('property: pyKey equality matches structural equality of JSON values', () => {
  fc.assert(fc.property(fc.jsonValue(), fc.jsonValue(), (a, b) => {
    const sameJson = JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b));
    if (sameJson) assert.equal(pyKey(a), pyKey(b));
    if (pyKey(a) !== pyKey(b)) assert.ok(!sameJson);
  }));
});

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value !== null && typeof value === 'object') {
    const record = value as Record<string, unknown>;
    return Object.fromEntries(Object.keys(record).sort().map((key) => [key, sortKeys(record[key])]));
  }
  return value;
}
