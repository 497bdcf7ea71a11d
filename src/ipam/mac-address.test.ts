import { test } from 'node:test';
import assert from 'node:assert/strict';
import fc from 'fast-check';
import { generateMacAddress, isUsableMacAddress, normalizeMacAddress } from './mac-address.ts';

const octets = fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 6, maxLength: 6 });
const hex2 = (o: number): string => o.toString(16).padStart(2, '0');

/** A fixed byte source, so generated MACs are predictable. */
function bytes(...values: number[]): (n: number) => Uint8Array {
  return (n) => Uint8Array.from(values.slice(0, n));
}

test('normalises the accepted forms', () => {
  for (const text of ['fa:16:3e:e8:2d:dd', 'FA:16:3E:E8:2D:DD', 'fa-16-3e-e8-2d-dd', 'fa16.3ee8.2ddd', 'FA163EE82DDD']) {
    assert.equal(normalizeMacAddress(text), 'fa:16:3e:e8:2d:dd', text);
  }
  assert.equal(normalizeMacAddress('a:b:c:d:e:f'), '0a:0b:0c:0d:0e:0f');
  assert.equal(normalizeMacAddress('0.1.2'), '00:00:00:01:00:02');
});

test('rejects malformed MACs', () => {
  for (const text of [
    '', 'fa:16:3e:e8:2d', 'fa:16:3e:e8:2d:dd:ee', 'fa:16-3e:e8:2d:dd', 'fa:16:3e:e8:2d:dg', 'fa:16:3e:e8:2d:ddd',
    ' fa:16:3e:e8:2d:dd', 'fa:16:3e:e8:2d:dd ', 'fa163ee82ddd0', 'fa163ee82dd', 'fa16.3ee8.2ddd.0000', 'fa16.3ee8',
    'fa163.ee8.2ddd', 'fa::3e:e8:2d:dd', 'fa.16.3e.e8.2d.dd',
  ]) {
    assert.equal(normalizeMacAddress(text), undefined, JSON.stringify(text));
  }
});

test('usable MACs exclude exactly all-zero and broadcast', () => {
  assert.equal(isUsableMacAddress('fa:16:3e:e8:2d:dd'), true);
  assert.equal(isUsableMacAddress('01:00:5e:00:00:01'), true, 'multicast is accepted, as in Neutron');
  assert.equal(isUsableMacAddress('00:00:00:00:00:00'), false);
  assert.equal(isUsableMacAddress('000000000000'), false);
  assert.equal(isUsableMacAddress('FF:FF:FF:FF:FF:FF'), false);
  assert.equal(isUsableMacAddress('ffff.ffff.ffff'), false);
  assert.equal(isUsableMacAddress('not a mac'), false);
});

test('property: every accepted spelling normalises to the colon form', () => {
  fc.assert(fc.property(octets, fc.boolean(), (o, upper) => {
    const canonical = o.map(hex2).join(':');
    const bare = o.map(hex2).join('');
    const spellings = [
      canonical, o.map(hex2).join('-'), bare, `${bare.slice(0, 4)}.${bare.slice(4, 8)}.${bare.slice(8)}`,
      o.map((x) => x.toString(16)).join(':'),
    ];
    for (const text of spellings) assert.equal(normalizeMacAddress(upper ? text.toUpperCase() : text), canonical, text);
    const usable = !o.every((x) => x === 0) && !o.every((x) => x === 255);
    assert.equal(isUsableMacAddress(canonical), usable);
  }));
});

test('generateMacAddress keeps the base prefix as Neutron does', () => {
  assert.equal(generateMacAddress('fa:16:3e:00:00:00', bytes(1, 2, 3)), 'fa:16:3e:01:02:03');
  assert.equal(generateMacAddress('fa:16:3e:4a:00:00', bytes(1, 2, 3)), 'fa:16:3e:4a:01:02');
  assert.equal(generateMacAddress('fa:16:3e:4a:5b:00', bytes(1, 2, 3)), 'fa:16:3e:4a:5b:01');
  // The 5th octet only counts after a non-zero 4th; the 6th is always random.
  assert.equal(generateMacAddress('fa:16:3e:00:5b:00', bytes(1, 2, 3)), 'fa:16:3e:01:02:03');
  assert.equal(generateMacAddress('fa:16:3e:4a:5b:6c', bytes(0xaa)), 'fa:16:3e:4a:5b:aa');
  assert.equal(generateMacAddress('00:00:00:00:00:00', bytes(0xff, 0xfe, 0xfd)), '00:00:00:ff:fe:fd');
  assert.equal(generateMacAddress('FA-16-3E-00-00-00', bytes(10, 11, 12)), 'fa:16:3e:0a:0b:0c');
  assert.throws(() => generateMacAddress('fa:16:3e', bytes(1, 2, 3)), Error);
  assert.throws(() => generateMacAddress('fa:16:3e:00:00:00', bytes(1)), Error);
});

test('generateMacAddress asks for exactly the random octets it needs', () => {
  const asked: number[] = [];
  const spy = (n: number): Uint8Array => { asked.push(n); return new Uint8Array(n); };
  generateMacAddress('fa:16:3e:00:00:00', spy);
  generateMacAddress('fa:16:3e:01:00:00', spy);
  generateMacAddress('fa:16:3e:01:02:00', spy);
  assert.deepEqual(asked, [3, 2, 1]);
});

test('generateMacAddress defaults to a real random source', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 50; i++) {
    const mac = generateMacAddress('fa:16:3e:00:00:00');
    assert.match(mac, /^fa:16:3e(:[0-9a-f]{2}){3}$/);
    seen.add(mac);
  }
  assert.ok(seen.size > 40, 'values should vary');
});
