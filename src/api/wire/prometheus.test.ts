import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderPrometheus } from './prometheus.ts';

test('Prometheus text: HELP, TYPE, samples with escaped labels; empty labels left out', () => {
  const text = renderPrometheus([{
    name: 'muon_x', help: 'An x.', type: 'gauge',
    samples: [{ labels: { a: 'q"uo\\te\nnl', b: null, c: 4 }, value: 1.5 }, { labels: {}, value: 2 ** 64 }, { labels: { a: '' }, value: Number.NaN }],
  }]);
  assert.equal(text, '# HELP muon_x An x.\n# TYPE muon_x gauge\nmuon_x{a="q\\"uo\\\\te\\nnl",c="4"} 1.5\nmuon_x 18446744073709552000\nmuon_x NaN\n');
  assert.equal(renderPrometheus([]), '');
});
