import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import {
  nameString, nameStringOrNone, notEmptyNameString, notEmptyString, onelineNotEmptyString, stringOrNone, stringValidator,
} from './string-validators.ts';

test('stringValidator: type and length (Python code points)', () => {
  assert.equal(stringValidator(3)('abc'), undefined);
  assert.equal(stringValidator(3)('abcd'), "'abcd' exceeds maximum length of 3");
  assert.equal(stringValidator(2)('😀😀'), undefined);
  assert.equal(stringValidator(3)(['a']), "'['a']' is not a valid string");
  assert.equal(stringValidator()(null), "'None' is not a valid string");
  assert.equal(stringOrNone(3)(null), undefined);
  assert.equal(stringOrNone(3)(7), "'7' is not a valid string");
});

test('nameString: printable, no edge spaces, max length', () => {
  const name = nameString(255);
  for (const ok of ['', 'web', 'a b', 'café ☕', 'x'.repeat(255), '名前']) assert.equal(name(ok), undefined, ok);
  assert.equal(name(' web'), "' web' is not a valid string");
  assert.equal(name('web '), "'web ' is not a valid string");
  assert.equal(name('a\tb'), "'a\tb' is not a valid string");
  assert.equal(name('a\n'), "'a\n' is not a valid string");
  assert.equal(name('😀'), "'😀' is not a valid string");
  assert.equal(name(42), "'42' is not a valid string");
  assert.equal(name('x'.repeat(256)), `'${'x'.repeat(256)}' exceeds maximum length of 255`);
  assert.equal(nameStringOrNone(255)(null), undefined);
});

test('notEmptyNameString and notEmptyString', () => {
  assert.equal(notEmptyNameString('pool'), undefined);
  assert.equal(notEmptyNameString('   '), "'   ' Blank strings are not permitted");
  assert.equal(notEmptyNameString(''), "'' Blank strings are not permitted");
  assert.equal(notEmptyNameString(' p'), "' p' is not a valid string");
  assert.equal(notEmptyString(10)('\u3000'), "'\u3000' Blank strings are not permitted");
});

test('onelineNotEmptyString rejects every line break, trailing ones included', () => {
  const oneline = onelineNotEmptyString(64);
  assert.equal(oneline('tftp-server'), undefined);
  assert.equal(oneline('a\nb'), "Multi-line string is not allowed: 'a\nb'");
  assert.equal(oneline('a\r'), "Multi-line string is not allowed: 'a\r'");
  assert.equal(oneline('a\u2028b'), "Multi-line string is not allowed: 'a\u2028b'");
});

test('property: a nameString never contains control characters', () => {
  const name = nameString(255);
  fc.assert(fc.property(fc.string({ unit: 'binary', maxLength: 20 }), (text) => {
    if (name(text) === undefined) assert.ok(!/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u.test(text));
  }));
});
