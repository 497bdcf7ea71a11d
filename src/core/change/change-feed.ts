import type { Policy } from '../../policy/policy.ts';
import type { ChangeRecord, ChangeRepo } from '../../store/repos/change-repo.ts';
import type { Store } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { PolicyNotAuthorized } from '../errors.ts';

/** One answer of the feed: changes after the reader's revision, and the revision to ask from next. */
export interface ChangeBatch {
  changes: ChangeRecord[];
  /** Pass as `since` next time. Never skips a revision that may still commit. */
  revision: number;
}

export interface ChangeQuery {
  since: number;
  /** How long to wait for a change when there is none yet (0: answer at once). */
  timeoutMs: number;
  limit: number;
}

/*
 * Why a reader can never skip a revision
 * --------------------------------------
 * Revisions come from a sequence when the change-log row is inserted, but
 * transactions commit in any order: on PostgreSQL, revision 11 can be
 * visible while 10 belongs to a transaction still running (or one that will
 * roll back and leave a hole forever). A reader that moved its cursor to 11
 * would never see 10. So a batch is handed out only when nothing below its
 * end can still appear:
 *
 * 1. Read the head in one snapshot: the highest visible revision H and the
 *    newest transaction id X still running (ChangeRepo.head).
 * 2. Read (since, H]. If it has no holes, every revision up to H is visible:
 *    hand it out.
 * 3. Otherwise a hole is either rolled back or belongs to a transaction
 *    running at step 1 — such a transaction took its revision before H was
 *    taken and, since the change-log triggers fire after a write of the same
 *    transaction, already had its id then, so its id is <= X. Wait until
 *    every transaction up to X has ended (the oldest running id passes X),
 *    then read (since, H] again: whatever is still missing never committed.
 *    If that takes too long, hand out only the hole-free prefix.
 *
 * SQLite serialises writers and rolls its AUTOINCREMENT back with the
 * transaction, so step 3 never waits there (X is always absent).
 */

/**
 * The change feed drivers and agents watch (DESIGN.md §2): the change log
 * from a revision, long-polled. Reading it is policy rule `get_changes`
 * (administrators and services). Woken by this server's commits and, on
 * PostgreSQL, by other servers' (LISTEN/NOTIFY); re-reads every
 * `pollIntervalMs` as well, so a lost wake costs latency, never a change.
 * Read-only; may block up to the query's timeout (plus at most
 * `settleMs` while a transaction below the head is still running).
 */
export class ChangeFeed {
  /** Re-read at least this often while waiting (tests may raise it to prove wakes work). */
  pollIntervalMs = 1000;
  /** How long to wait, at least, for running transactions to end before answering with a prefix. */
  settleMs = 1000;

  constructor(private readonly store: Store, private readonly repo: ChangeRepo, private readonly policy: Policy) {}

  /** The changes after `query.since`, waiting up to `query.timeoutMs` for the first; `abort` ends the wait early. */
  async read(ctx: RequestContext, query: ChangeQuery, abort?: AbortSignal): Promise<ChangeBatch> {
    if (!this.policy.authorize(ctx, 'get_changes', {})) throw new PolicyNotAuthorized('rule:get_changes');
    this.store.watchOtherServers();
    const deadline = Date.now() + query.timeoutMs;
    for (;;) {
      const woken = this.store.commits.next();
      const batch = await this.tryRead(query, deadline);
      if (batch !== undefined) return batch;
      const remaining = deadline - Date.now();
      if (remaining <= 0 || abort?.aborted) return { changes: [], revision: query.since };
      await wakeOrTimeout(woken, Math.min(this.pollIntervalMs, remaining), abort);
    }
  }

  /**
   * A revision R such that every change up to R has committed (or never
   * will): a reader that reads the desired state after this returns, then
   * follows the feed from R, misses nothing. Waits for transactions running
   * below the head to end (at most `maxWaitMs`, then throws).
   */
  async horizon(ctx: RequestContext, maxWaitMs = 60_000): Promise<number> {
    if (!this.policy.authorize(ctx, 'get_changes', {})) throw new PolicyNotAuthorized('rule:get_changes');
    const head = await this.store.read((tx) => this.repo.head(tx));
    const until = Date.now() + maxWaitMs;
    for (let pause = 2; head.running !== undefined; pause = Math.min(pause * 2, 50)) {
      if (await this.store.read((tx) => this.repo.endedUpTo(tx, head.running!))) break;
      if (Date.now() > until) throw new Error(`transactions below revision ${head.latest} still running after ${maxWaitMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    return head.latest;
  }

  /** A batch when the log has anything after `since`; undefined when there is nothing yet. */
  private async tryRead({ since, limit }: ChangeQuery, deadline: number): Promise<ChangeBatch | undefined> {
    const head = await this.store.read((tx) => this.repo.head(tx));
    if (head.latest <= since) return undefined;
    const rows = await this.store.read((tx) => this.repo.range(tx, since, head.latest, limit));
    const prefix = holeFreePrefix(rows, since);
    if (prefix.length === rows.length || head.running === undefined) return batchOf(rows, limit, head.latest, since);
    const settleUntil = Math.max(deadline, Date.now() + this.settleMs);
    for (let pause = 2; Date.now() < settleUntil; pause = Math.min(pause * 2, 50)) {
      if (await this.store.read((tx) => this.repo.endedUpTo(tx, head.running!))) {
        const final = await this.store.read((tx) => this.repo.range(tx, since, head.latest, limit));
        return batchOf(final, limit, head.latest, since);
      }
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
    return { changes: prefix, revision: prefix.at(-1)?.revision ?? since };
  }
}

/** Rows of (since, head] read when nothing below head can still commit: the cursor moves to head unless the limit cut the batch. */
function batchOf(rows: ChangeRecord[], limit: number, head: number, since: number): ChangeBatch {
  const revision = rows.length >= limit ? rows.at(-1)!.revision : Math.max(head, since);
  return { changes: rows, revision: Number(revision) };
}

/** The leading rows whose revisions follow `since` without a hole. */
export function holeFreePrefix(rows: ChangeRecord[], since: number): ChangeRecord[] {
  let end = 0;
  while (end < rows.length && Number(rows[end]!.revision) === since + end + 1) end++;
  return rows.slice(0, end);
}

function wakeOrTimeout(woken: Promise<void>, ms: number, abort?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const done = () => { clearTimeout(timer); abort?.removeEventListener('abort', done); resolve(); };
    const timer = setTimeout(done, ms);
    abort?.addEventListener('abort', done, { once: true });
    void woken.then(done);
  });
}
