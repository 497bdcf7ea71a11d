import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { checkRangePair, collides, settlePorts } from './port-ranges.ts';

test('single ports and ranges settle into both forms', () => {
  assert.deepEqual(settlePorts({}, { internal_port: 22, external_port: 2222 }),
    { internal_port: 22, external_port: 2222, internal_port_range: '22:22', external_port_range: '2222:2222' });
  assert.deepEqual(settlePorts({}, { internal_port_range: '100:110', external_port_range: '200:210' }),
    { internal_port: null, external_port: null, internal_port_range: '100:110', external_port_range: '200:210' });
  assert.deepEqual(settlePorts({ internal_port_range: '22:22', external_port_range: '2222:2222' }, { internal_port: 3333 }),
    { internal_port: 3333, external_port: 2222, internal_port_range: '3333:3333', external_port_range: '2222:2222' });
  assert.throws(() => settlePorts({}, { internal_port: 22 }), /needs external_port or external_port_range/);
  assert.throws(() => settlePorts({}, { internal_port: 22, external_port: 1, external_port_range: '2:3' }), /must not disagree/);
});

test('ranges map N-N or N-1', () => {
  checkRangePair('10:19', '100:109');
  checkRangePair('22:22', '100:109');
  assert.throws(() => checkRangePair('10:19', '100:101'), /must be N-N or 1-N/);
});

test('collision is overlap of closed ranges', () => {
  const range = fc.tuple(fc.integer({ min: 1, max: 100 }), fc.integer({ min: 0, max: 20 })).map(([a, n]) => [a, a + n] as const);
  fc.assert(fc.property(range, range, ([a1, a2], [b1, b2]) => {
    const overlap = a1 <= b2 && b1 <= a2;
    let threw = false;
    try { collides('external_port_range', `${a1}:${a2}`, `${b1}:${b2}`); } catch { threw = true; }
    assert.equal(threw, overlap);
  }));
});
