import assert from 'node:assert/strict';
import { test } from 'node:test';
import { exactJson } from './exact-json.ts';

test('bigints become exact integer literals; everything else is JSON.stringify', () => {
  const text = exactJson({ total_ips: 2n ** 64n - 2n, used: 3, name: 'a "q"', list: [-5n, 0n] });
  assert.equal(text, '{"total_ips":18446744073709551614,"used":3,"name":"a \\"q\\"","list":[-5,0]}');
});

test('a stored string that looks like a marker stays a string', () => {
  for (const name of ['\u0000bigint:1', '\u0000bigint::1', '\\u0000bigint:1']) assert.equal(JSON.parse(exactJson({ name })).name, name);
});
