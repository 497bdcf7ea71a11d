import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { ADMIN_CONTEXT } from '../../src/core/context.ts';
import { Api, MEMBER_A, type As } from '../helpers/api-harness.ts';
import { forEachApi } from '../helpers/for-each-database.ts';

const ADMIN = { project: 'admin-project', roles: 'admin' };
const SERVICE = { project: 'service-project', roles: 'service' };

/**
 * The change feed (GET /v2.0/muon/changes, DESIGN.md §2): the change log
 * from a revision, long-polled, woken by commits in this process and, on
 * PostgreSQL, by other servers' (LISTEN/NOTIFY); never skipping a revision
 * that a transaction still running may commit (src/core/change/change-feed.ts).
 */
forEachApi('change feed', ({ name, api, db }) => {
  const feed = async (query: string, as: As = ADMIN) => api.get(`/v2.0/muon/changes?${query}`, as);

  test('administrators and services only; parameters are checked', async () => {
    assert.equal((await feed('', MEMBER_A)).status, 403);
    assert.equal((await feed('', MEMBER_A)).body.NeutronError.type, 'PolicyNotAuthorized');
    assert.equal((await feed('', SERVICE)).status, 200);
    for (const bad of ['since=-1', 'since=x', 'timeout=301', 'limit=0', 'since=1&since=2', 'what=1']) {
      assert.equal((await feed(bad)).status, 400, bad);
    }
  });

  test('answers at once with what is there, oldest first, and a revision to continue from', async () => {
    const { revision: start } = (await feed('')).body;
    const net = await api.network({ name: 'fed' }, MEMBER_A);
    const port = await api.port(net.id, {}, MEMBER_A);
    const began = Date.now();
    const body = (await feed(`since=${start}&timeout=30`)).body;
    assert.ok(Date.now() - began < 5000, 'no waiting when changes exist');
    const mine = body.changes.filter((c: any) => c.resource_id === net.id || c.resource_id === port.id);
    assert.deepEqual(mine.map((c: any) => `${c.action} ${c.resource_type}`), ['create network', 'create port']);
    assert.ok(body.changes.every((c: any, i: number) => i === 0 || c.revision > body.changes[i - 1].revision));
    assert.equal(body.revision, body.changes.at(-1).revision);
    assert.deepEqual(Object.keys(body.changes[0]).sort(), ['action', 'changed_at', 'project_id', 'resource_id', 'resource_type', 'revision']);

    const paged = (await feed(`since=${start}&limit=1`)).body;
    assert.equal(paged.changes.length, 1);
    assert.equal(paged.revision, paged.changes[0].revision);
    assert.deepEqual((await feed(`since=${body.revision}`)).body, { changes: [], revision: body.revision });
  });

  test('a long-poll waits for the next commit and answers with it', async () => {
    const { revision } = (await feed('')).body;
    api.services.changeFeed.pollIntervalMs = 60_000; // only the commit's wake can answer in time
    try {
      const began = Date.now();
      const waiting = feed(`since=${revision}&timeout=20`);
      await new Promise((r) => setTimeout(r, 100));
      const net = await api.network({ name: 'awaited' }, MEMBER_A);
      const body = (await waiting).body;
      assert.deepEqual(body.changes.filter((c: any) => c.resource_type === 'network').map((c: any) => c.resource_id), [net.id]);
      assert.ok(Date.now() - began < 10_000);
    } finally {
      api.services.changeFeed.pollIntervalMs = 1000;
    }
  });

  test('a long-poll with nothing new answers empty after its timeout', async () => {
    const { revision } = (await feed('')).body;
    const began = Date.now();
    assert.deepEqual((await feed(`since=${revision}&timeout=1`)).body, { changes: [], revision });
    assert.ok(Date.now() - began >= 950);
  });

  if (name !== 'postgres') return;

  test('another server sharing the database wakes a long-poll (LISTEN/NOTIFY)', async () => {
    const other = await Api.start(db);
    try {
      const { revision } = (await feed('')).body;
      api.services.changeFeed.pollIntervalMs = 60_000;
      const waiting = feed(`since=${revision}&timeout=20`);
      await new Promise((r) => setTimeout(r, 300)); // the LISTEN connection is opened by the first read
      const net = await other.network({ name: 'from-the-other-server' }, MEMBER_A);
      const began = Date.now();
      assert.deepEqual((await waiting).body.changes.filter((c: any) => c.resource_type === 'network').map((c: any) => c.resource_id), [net.id]);
      assert.ok(Date.now() - began < 10_000);
    } finally {
      api.services.changeFeed.pollIntervalMs = 1000;
      await other.close();
    }
  });

  test('a revision committed out of order is never skipped: later ones wait for the transaction below them', async () => {
    const { revision: start } = (await feed('')).body;
    const clients = await Promise.all([0, 1, 2, 3].map(async () => { const c = new pg.Client({ connectionString: db.url }); await c.connect(); return c; }));
    const [early, late, doomed, after] = clients as [pg.Client, pg.Client, pg.Client, pg.Client];
    // Each transaction has its id before it takes a revision, as the triggers guarantee for real writes.
    const logChange = async (client: pg.Client, id: string): Promise<number> => {
      await client.query('begin');
      await client.query('select pg_current_xact_id()');
      const { rows } = await client.query(`insert into changes (resource_type, resource_id, action, project_id, changed_at)
          values ('network', $1, 'create', 'project-a', '2026-01-01T00:00:00Z') returning revision`, [id]);
      return Number(rows[0].revision);
    };
    try {
      const first = await logChange(early, 'early');
      const second = await logChange(late, 'late');
      assert.ok(second > first);
      await late.query('commit');
      // `second` is visible, `first` is not yet: the feed hands out neither (nothing before `first` is new).
      api.services.changeFeed.settleMs = 200;
      const meanwhile = (await feed(`since=${start}&timeout=1`)).body;
      assert.ok(meanwhile.changes.every((c: any) => c.revision < first), JSON.stringify(meanwhile));
      assert.ok(meanwhile.revision < first);
      const waiting = feed(`since=${meanwhile.revision}&timeout=20`);
      await new Promise((r) => setTimeout(r, 300));
      await early.query('commit');
      const body = (await waiting).body;
      assert.deepEqual(body.changes.filter((c: any) => c.revision >= first).map((c: any) => c.resource_id), ['early', 'late']);

      // A revision whose transaction rolls back leaves a hole the feed steps over once it is over.
      const hole = await logChange(doomed, 'doomed');
      const kept = await logChange(after, 'kept');
      await after.query('commit');
      const pending = feed(`since=${body.revision}&timeout=20`);
      await new Promise((r) => setTimeout(r, 100));
      await doomed.query('rollback');
      const next = (await pending).body;
      assert.ok(hole < kept);
      assert.deepEqual(next.changes.map((c: any) => c.resource_id), ['kept']);
      assert.equal(next.revision, kept);
    } finally {
      api.services.changeFeed.settleMs = 1000;
      for (const client of clients) await client.end().catch(() => {});
    }
  });

  test('concurrent writers: a reader following the feed sees every committed revision exactly once', async () => {
    const { revision: start } = (await feed('')).body;
    const seen: number[] = [];
    let cursor = start;
    let writing = true;
    const reader = (async () => {
      while (writing || cursor < (await api.services.changeFeed.read(ADMIN_CONTEXT, { since: cursor, timeoutMs: 0, limit: 1000 })).revision) {
        const batch = await api.services.changeFeed.read(ADMIN_CONTEXT, { since: cursor, timeoutMs: 1000, limit: 7 });
        seen.push(...batch.changes.map((c) => Number(c.revision)));
        cursor = batch.revision;
      }
    })();
    const writers = Array.from({ length: 6 }, (_, w) => (async () => {
      for (let i = 0; i < 10; i++) {
        const net = await api.network({ name: `w${w}-${i}` }, MEMBER_A);
        await api.put(`/v2.0/networks/${net.id}`, { network: { name: `w${w}-${i}!` } }, MEMBER_A);
      }
    })());
    await Promise.all(writers);
    writing = false;
    await reader;
    const committed = (await api.store.read((tx) => api.services.repos.changes.since(tx, start, 100_000))).map((c) => Number(c.revision));
    assert.deepEqual(seen, committed, `seen ${seen.length} ${JSON.stringify(seen.slice(0, 40))} committed ${committed.length} ${JSON.stringify(committed.slice(0, 40))}`);
  });
});
