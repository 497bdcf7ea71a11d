import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { JsonStream } from './json-stream.ts';

test('messages split at any byte boundary come out whole and in order', () => {
  const message = fc.dictionary(fc.string(), fc.jsonValue(), { maxKeys: 4 });
  fc.assert(fc.property(fc.array(message, { minLength: 1, maxLength: 5 }), fc.array(fc.nat(), { maxLength: 8 }), (messages, cuts) => {
    const bytes = Buffer.from(messages.map((m) => JSON.stringify(m)).join(' \n'));
    const points = [...new Set(cuts.map((c) => c % (bytes.length + 1)))].sort((a, b) => a - b);
    const stream = new JsonStream();
    const out: unknown[] = [];
    let from = 0;
    for (const at of [...points, bytes.length]) {
      for (const text of stream.push(bytes.subarray(from, at))) out.push(JSON.parse(text));
      from = at;
    }
    assert.deepEqual(out, messages.map((m) => JSON.parse(JSON.stringify(m))));
  }));
});

test('braces and escaped quotes inside strings do not end a message', () => {
  const stream = new JsonStream();
  assert.deepEqual(stream.push('{"a":"}\\"{["}'), ['{"a":"}\\"{["}']);
  assert.deepEqual(stream.push('{"b":"\\\\"}{"c":'), ['{"b":"\\\\"}']);
  assert.deepEqual(stream.push('[1]}'), ['{"c":[1]}']);
});

test('a multi-byte character split across chunks survives', () => {
  const stream = new JsonStream();
  const bytes = Buffer.from('{"name":"é☃"}');
  assert.deepEqual(stream.push(bytes.subarray(0, 10)), []);
  assert.deepEqual(stream.push(bytes.subarray(10)).map((t) => JSON.parse(t)), [{ name: 'é☃' }]);
});

test('garbage between messages and oversized messages are protocol errors', () => {
  assert.throws(() => new JsonStream().push('{} x'), SyntaxError);
  assert.throws(() => new JsonStream(10).push('{"a":"0123456789'), RangeError);
});
