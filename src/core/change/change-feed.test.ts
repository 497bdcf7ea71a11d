import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import type { ChangeRecord } from '../../store/repos/change-repo.ts';
import { holeFreePrefix } from './change-feed.ts';

const row = (revision: number): ChangeRecord => ({ revision, resource_type: 'network', resource_id: 'x', action: 'create', project_id: 'p', changed_at: '' });

test('the hole-free prefix stops before the first missing revision', () => {
  assert.deepEqual(holeFreePrefix([5, 6, 8].map(row), 4).map((r) => r.revision), [5, 6]);
  assert.deepEqual(holeFreePrefix([6].map(row), 4), []);
  assert.deepEqual(holeFreePrefix([], 4), []);
});

test('property: the prefix is exactly the consecutive run after since', () => {
  fc.assert(fc.property(fc.nat(1000), fc.uniqueArray(fc.integer({ min: 1, max: 40 })), (since, offsets) => {
    const revisions = offsets.map((o) => since + o).sort((a, b) => a - b);
    const prefix = holeFreePrefix(revisions.map(row), since).map((r) => r.revision);
    prefix.forEach((revision, i) => assert.equal(revision, since + i + 1));
    assert.ok(!revisions.includes(since + prefix.length + 1));
  }));
});
