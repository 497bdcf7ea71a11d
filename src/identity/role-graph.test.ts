import assert from 'node:assert/strict';
import { test } from 'node:test';
import { expandImplied, impliedBy, wouldCycle } from './role-graph.ts';

const rules = [
  { prior_role_id: 'admin', implied_role_id: 'member' },
  { prior_role_id: 'member', implied_role_id: 'reader' },
  { prior_role_id: 'manager', implied_role_id: 'member' },
];

test('admin implies member and reader, transitively', () => {
  assert.deepEqual([...expandImplied(['admin'], rules)].sort(), ['admin', 'member', 'reader']);
  assert.deepEqual([...expandImplied(['manager'], rules)].sort(), ['manager', 'member', 'reader']);
  assert.deepEqual([...expandImplied(['reader'], rules)], ['reader']);
  assert.deepEqual([...expandImplied([], rules)], []);
});

test('cycles terminate and are detected before they are created', () => {
  const cyclic = [...rules, { prior_role_id: 'reader', implied_role_id: 'admin' }];
  assert.deepEqual([...expandImplied(['member'], cyclic)].sort(), ['admin', 'member', 'reader']);
  assert.equal(wouldCycle('reader', 'admin', rules), true);
  assert.equal(wouldCycle('admin', 'admin', rules), true);
  assert.equal(wouldCycle('manager', 'reader', rules), false);
});

test('impliedBy names the prior role of each implied role', () => {
  const via = impliedBy(['admin'], rules);
  assert.equal(via.get('member'), 'admin');
  assert.equal(via.get('reader'), 'member');
  assert.equal(via.has('admin'), false);
});
