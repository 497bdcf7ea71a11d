import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { boolean, integer, nonNegative, nonNegativeOrNone, parseBoolean, range, rangeOrNone, values, valuesOrNone } from './number-validators.ts';

test('parseBoolean and boolean', () => {
  for (const yes of [true, 'true', 'True', 'TRUE', '1', 1, 'yes', 'on', 't', 'y', ' Yes ']) assert.equal(parseBoolean(yes), true, String(yes));
  for (const no of [false, 'false', 'False', '0', 0, 'no', 'off', 'f', 'n']) assert.equal(parseBoolean(no), false, String(no));
  for (const bad of ['notabool', '', null, 2, [], {}, 'tru']) assert.equal(parseBoolean(bad), undefined, String(bad));
  assert.equal(boolean('x'), "'x' is not a valid boolean value");
});

test('nonNegative', () => {
  assert.equal(nonNegative(0), undefined);
  assert.equal(nonNegative('7'), undefined);
  assert.equal(nonNegative(-1), "'-1' should be non-negative");
  assert.equal(nonNegative('-3'), "'-3' should be non-negative");
  assert.equal(nonNegative('x'), "'x' is not an integer");
  assert.equal(nonNegativeOrNone(null), undefined);
});

test('range', () => {
  const mtu = range(68, 65535);
  assert.equal(mtu(1500), undefined);
  assert.equal(mtu(70000), "'70000' is too large - must be no larger than '65535'");
  assert.equal(mtu('67'), "'67' is too small - must be at least '68'");
  assert.equal(mtu(null), "'None' is not an integer");
  assert.equal(range(null, 4)(5), "'5' is too large - must be no larger than '4'");
  assert.equal(range(null, 4)(-1e9), undefined);
  assert.equal(rangeOrNone(1, 2)(null), undefined);
});

test('integer', () => {
  assert.equal(integer('7'), undefined);
  assert.equal(integer(true), "'True' is not an integer:boolean");
  assert.equal(integer(1.5), "'1.5' is not an integer");
});

test('values: Python equality, neutron-lib wording', () => {
  assert.equal(values([4, 6])(4), undefined);
  assert.equal(values([4, 6])(5), '5 is not in valid_values');
  assert.equal(values(['normal'])('foo'), 'foo is not in valid_values');
  assert.equal(values(['normal'])(null), 'None is not in valid_values');
  assert.equal(values([1])(true), undefined);
  assert.equal(values([4, 6], '[4, 6]')(7), '7 is not in [4, 6]');
  assert.equal(valuesOrNone(['slaac'])(null), undefined);
});

test('property: range accepts exactly the integers inside its bounds', () => {
  fc.assert(fc.property(fc.integer(), fc.integer({ min: -1000, max: 1000 }), fc.nat(2000), (n, min, width) => {
    assert.equal(range(min, min + width)(n) === undefined, n >= min && n <= min + width);
  }));
});
