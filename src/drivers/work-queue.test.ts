import assert from 'node:assert/strict';
import { test } from 'node:test';
import { TerminalError } from './driver.ts';
import { WorkQueue } from './work-queue.ts';

test('a key queued twice runs once; a key added while it runs runs again after', async () => {
  const runs: string[] = [];
  const queue: WorkQueue = new WorkQueue(async (key) => {
    runs.push(key);
    if (key === 'a' && runs.length === 1) queue.add('a');
    await new Promise((r) => setTimeout(r, 1));
  });
  queue.add('a');
  queue.add('b');
  queue.add('b');
  await queue.idle();
  assert.deepEqual(runs, ['a', 'b', 'a']);
});

test('failures retry with backoff until they succeed; terminal errors are dropped', async () => {
  const errors: Array<[string, number | undefined]> = [];
  let attempts = 0;
  const queue = new WorkQueue(async (key) => {
    if (key === 'flaky' && ++attempts < 3) throw new Error('not yet');
    if (key === 'hopeless') throw new TerminalError('never');
  }, (key, _error, retryInMs) => errors.push([key, retryInMs]));
  queue.add('flaky');
  queue.add('hopeless');
  await queue.idle();
  assert.equal(attempts, 3);
  assert.deepEqual(errors, [['flaky', 50], ['hopeless', undefined], ['flaky', 100]]);
});
