import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { columnType, datumEquals, decodeDatum, defaultDatum, encodeDatum, type NativeDatum } from './datum.ts';

const SET = columnType({ key: 'string', min: 0, max: 'unlimited' });
const OPTIONAL_INT = columnType({ key: { type: 'integer', minInteger: 1 }, min: 0, max: 1 });
const MAP = columnType({ key: 'string', value: 'string', min: 0, max: 'unlimited' });
const INT_MAP = columnType({ key: 'integer', value: 'string', min: 0, max: 'unlimited' });
const UUIDS = columnType({ key: { type: 'uuid', refTable: 'X' }, min: 0, max: 'unlimited' });

test('native shapes: scalar, optional, set, map', () => {
  assert.equal(decodeDatum(columnType('string'), 'x'), 'x');
  assert.equal(decodeDatum(OPTIONAL_INT, ['set', []]), null);
  assert.equal(decodeDatum(OPTIONAL_INT, 7), 7);
  assert.deepEqual(decodeDatum(SET, 'a'), ['a'], 'a bare atom is a set of one');
  assert.deepEqual(decodeDatum(MAP, ['map', [['k', 'v']]]), { k: 'v' });
  assert.deepEqual(decodeDatum(INT_MAP, ['map', [[1, 'v']]]), { 1: 'v' });
  assert.deepEqual(encodeDatum(INT_MAP, { 1: 'v' }), ['map', [[1, 'v']]]);
  assert.deepEqual(defaultDatum(columnType('integer')), 0);
  assert.deepEqual(defaultDatum(MAP), {});
});

test('uuid columns: real uuids stay uuids, other names become named-uuids', () => {
  const id = '0a7c8e1f-1dd0-4923-a723-2f7bc59fbf3c';
  assert.deepEqual(encodeDatum(UUIDS, [id, 'new_port']), ['set', [['uuid', id], ['named-uuid', 'new_port']]]);
  assert.deepEqual(decodeDatum(UUIDS, ['set', [['uuid', id]]]), [id]);
});

test('encode then decode is the identity for every shape', () => {
  const cases: Array<[ReturnType<typeof columnType>, fc.Arbitrary<NativeDatum>]> = [
    [SET, fc.uniqueArray(fc.string())],
    [OPTIONAL_INT, fc.option(fc.integer({ min: 1 }), { nil: null })],
    [MAP, fc.dictionary(fc.string().filter((k) => k !== '__proto__'), fc.string())],
  ];
  for (const [type, values] of cases) {
    fc.assert(fc.property(values, (value) => datumEquals(decodeDatum(type, JSON.parse(JSON.stringify(encodeDatum(type, value)))), value)));
  }
});

test('wrong shapes are refused', () => {
  assert.throws(() => encodeDatum(MAP, ['a']), TypeError);
  assert.throws(() => encodeDatum(columnType('string'), null), TypeError);
});
