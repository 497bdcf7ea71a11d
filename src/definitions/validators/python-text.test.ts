import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { pyRepr, pySetRepr, pyStr } from './python-text.ts';

// Expected strings were produced by CPython 3.11 (`'%s' % v`, `repr(v)`).
test('pyStr prints JSON values the way Python str() does', () => {
  assert.equal(pyStr('notabool'), 'notabool');
  assert.equal(pyStr(null), 'None');
  assert.equal(pyStr(true), 'True');
  assert.equal(pyStr(['a']), "['a']");
  assert.equal(pyStr({ a: [1, 1.5, null, true, "x'y"], b: {} }), `{'a': [1, 1.5, None, True, "x'y"], 'b': {}}`);
  assert.equal(pyStr([1e-5, 1e16 + 0.5, 0.0001, -0.5, 123.456, 1e22]), '[1e-05, 10000000000000000, 0.0001, -0.5, 123.456, 1e+22]');
  assert.equal(pyStr(-0), '0');
});

test('pyRepr quotes and escapes strings like Python repr()', () => {
  assert.equal(pyRepr("it's"), `"it's"`);
  assert.equal(pyRepr('a\nb\x00\t\\"'), `'a\\nb\\x00\\t\\\\"'`);
  assert.equal(pyRepr('x\u200by\u3000'), `'x\\u200by\\u3000'`);
  assert.equal(pyRepr('\ud800'), `'\\ud800'`);
  assert.equal(pyRepr('é'), `'é'`);
});

test('pySetRepr', () => {
  assert.equal(pySetRepr([]), 'set()');
  assert.equal(pySetRepr(['start', 'end']), "{'start', 'end'}");
});

test('property: pyStr/pyRepr are total and pyRepr of a string is quoted', () => {
  fc.assert(fc.property(fc.anything({ withNullPrototype: true, withBigInt: true, withDate: true, withMap: true, withSet: true }), (value) => {
    assert.equal(typeof pyStr(value), 'string');
    assert.equal(typeof pyRepr(value), 'string');
  }));
  fc.assert(fc.property(fc.string({ unit: 'binary' }), (text) => {
    const repr = pyRepr(text);
    assert.ok(/^'.*'$|^".*"$/s.test(repr));
    assert.ok(!/[\n\r\0]/.test(repr), 'control characters are escaped');
  }));
});
