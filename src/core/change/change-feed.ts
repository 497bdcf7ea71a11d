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
 * 1. Read the head H, the highest visible revision.
 * 2. Read (since, H]. If it has no holes, every revision up to H is visible:
 *    hand it out.
 * 3. Otherwise take a fence F, a transaction id newer than every transaction
 *    started so far (ChangeRepo.fence). A hole below H was taken before H,
 *    which committed before step 1, by a transaction that already had its id
 *    (the change-log triggers fire after a write of the same transaction), so
 *    that id is below F. Wait until every transaction below F has ended, then
 *    read (since, H] again: whatever is still missing never committed.
 *    If that takes too long, hand out only the hole-free prefix.
 *
 * (The in-progress list of a snapshot is not enough for step 3: it leaves out
 * running transactions whose ids are above the newest completed one — the
 * first version of this feed trusted it and skipped revisions under load.)
 *
 * SQLite serialises writers and rolls its AUTOINCREMENT back with the
 * transaction, so its holes are never in flight and step 3 does not wait.
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
    const fence = await this.store.read((tx) => this.repo.fence(tx));
    if (fence !== undefined && !(await this.waitForFence(fence, Date.now() + maxWaitMs))) {
      throw new Error(`transactions below revision ${head} still running after ${maxWaitMs} ms`);
    }
    return head;
  }

  /** A batch when the log has anything after `since`; undefined when there is nothing yet. */
  private async tryRead({ since, limit }: ChangeQuery, deadline: number): Promise<ChangeBatch | undefined> {
    const head = await this.store.read((tx) => this.repo.head(tx));
    if (head <= since) return undefined;
    const rows = await this.store.read((tx) => this.repo.range(tx, since, head, limit));
    const prefix = holeFreePrefix(rows, since);
    if (prefix.length === rows.length) return batchOf(rows, limit, head, since);
    const fence = await this.store.read((tx) => this.repo.fence(tx));
    if (fence === undefined) return batchOf(rows, limit, head, since);
    if (await this.waitForFence(fence, Math.max(deadline, Date.now() + this.settleMs))) {
      return batchOf(await this.store.read((tx) => this.repo.range(tx, since, head, limit)), limit, head, since);
    }
    return { changes: prefix, revision: prefix.at(-1)?.revision ?? since };
  }

  /** Polls (2 ms doubling to 50 ms) until every transaction below `fence` has ended; false at `until`. */
  private async waitForFence(fence: string, until: number): Promise<boolean> {
    for (let pause = 2; ; pause = Math.min(pause * 2, 50)) {
      if (await this.store.read((tx) => this.repo.endedBefore(tx, fence))) return true;
      if (Date.now() >= until) return false;
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
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
