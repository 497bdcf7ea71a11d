import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { applyListQuery } from './in-memory-list.ts';

const rows = [
  { id: 'a', name: 'x', used: 3, warning: true },
  { id: 'b', name: 'y', used: 1, warning: false },
  { id: 'c', name: 'x', used: 2, warning: false },
  { id: 'd', name: null, used: 2, warning: true },
];

test('filters OR within, AND across; booleans and numbers in stored form', () => {
  const ids = (conditions: any[]) => applyListQuery(rows, { conditions, sort: [] }, 'id').map((r) => r.id);
  assert.deepEqual(ids([{ kind: 'in', column: 'name', values: ['x', 'y'] }]), ['a', 'b', 'c']);
  assert.deepEqual(ids([{ kind: 'in', column: 'name', values: ['x'] }, { kind: 'in', column: 'warning', values: [1] }]), ['a']);
  assert.deepEqual(ids([{ kind: 'in', column: 'used', values: [2] }]), ['c', 'd']);
});

test('sorting with the key as tie-breaker; nulls first ascending', () => {
  const sorted = applyListQuery(rows, { conditions: [], sort: [{ column: 'name', direction: 'asc' }] }, 'id');
  assert.deepEqual(sorted.map((r) => r.id), ['d', 'a', 'c', 'b']);
  const desc = applyListQuery(rows, { conditions: [], sort: [{ column: 'used', direction: 'desc' }] }, 'id');
  assert.deepEqual(desc.map((r) => r.id), ['a', 'c', 'd', 'b']);
});

test('pages walk every row once, forwards and backwards', () => {
  fc.assert(fc.property(fc.array(fc.record({ id: fc.uuid(), n: fc.integer({ min: 0, max: 5 }) }), { maxLength: 30 }), fc.integer({ min: 1, max: 7 }), (items, limit) => {
    const unique = [...new Map(items.map((i) => [i.id, i])).values()];
    const sort = [{ column: 'n', direction: 'desc' as const }];
    const all = applyListQuery(unique, { conditions: [], sort }, 'id').map((r) => r.id);
    const seen: unknown[] = [];
    let marker: string | undefined;
    for (let guard = 0; guard < 100; guard++) {
      const page = applyListQuery(unique, { conditions: [], sort, limit, marker }, 'id');
      seen.push(...page.map((r) => r.id));
      if (page.length < limit) break;
      marker = String(page.at(-1)!.id);
    }
    assert.deepEqual(seen, all);
    if (all.length > 0) {
      const back = applyListQuery(unique, { conditions: [], sort, limit, marker: String(all.at(-1)), pageReverse: true }, 'id').map((r) => r.id);
      assert.deepEqual(back, all.slice(Math.max(0, all.length - 1 - limit), -1));
    }
  }));
});
