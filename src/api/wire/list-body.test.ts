import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { listBody } from './list-body.ts';

const identity = (record: Record<string, unknown>) => record;

test('a list body is the bytes of JSON.stringify of the same body', () => {
  fc.assert(fc.property(
    fc.array(fc.dictionary(fc.string(), fc.jsonValue()), { maxLength: 300 }),
    fc.option(fc.array(fc.record({ rel: fc.string(), href: fc.string() })), { nil: undefined }),
    (records, links) => {
      const more = links === undefined ? {} : { items_links: links };
      const expected = Buffer.from(JSON.stringify({ items: records, ...more }), 'utf8');
      assert.deepEqual(listBody('items', records, identity, more), expected);
    }), { numRuns: 200 });
});

test('a long list of big records is written in many chunks and still joins into one array', () => {
  // 3,000 records of ~1 KB, with text outside ASCII (2-, 3- and 4-byte UTF-8) and an escaped lone surrogate.
  const records = Array.from({ length: 3000 }, (_, i) => ({ id: `id-${i}`, name: `port ${i} é ✓ 😀 \ud800`, pad: 'x'.repeat(i % 7 === 0 ? 5000 : 900), skipped: undefined }));
  const project = (r: Record<string, unknown>) => ({ name: r.name, id: r.id, pad: r.pad, skipped: r.skipped });
  const body = listBody('ports', records, project, { ports_links: [{ rel: 'next', href: 'http://x/v2.0/ports?marker=id-2999' }] });
  const expected = JSON.stringify({ ports: records.map(project), ports_links: [{ rel: 'next', href: 'http://x/v2.0/ports?marker=id-2999' }] });
  // Compared as bytes (a failing equal of 4 MB texts would print them).
  assert.equal(body.length, Buffer.byteLength(expected));
  assert.ok(body.equals(Buffer.from(expected, 'utf8')), 'the body differs from JSON.stringify');
});

test('an empty list, and a list whose projection hides everything', () => {
  assert.equal(listBody('networks', [], identity).toString(), '{"networks":[]}');
  assert.equal(listBody('networks', [{ a: 1 }, { a: 2 }], () => ({})).toString(), '{"networks":[{},{}]}');
});

test('a bigint fails as it does in JSON.stringify', () => {
  assert.throws(() => listBody('x', [{ n: 1n }], identity), TypeError);
});
