/**
 * Wakes whoever waits for "something was committed": the change feed's
 * long-polls. In-process commits call `notify` (Store.transaction, after the
 * commit); commits of other servers sharing a PostgreSQL database arrive by
 * LISTEN/NOTIFY (pg-commit-listener.ts). A wake is a hint, never data:
 * waiters re-read the change log, so spurious or coalesced wakes are harmless.
 *
 * @example
 *   const woken = signal.next();      // subscribe first …
 *   if (!(await somethingNew())) await woken;   // … then check, so no commit slips between
 */
export class CommitSignal {
  private pending: { promise: Promise<void>; resolve: () => void } | undefined;

  /** A promise that resolves at the next `notify` (one shared promise for every caller until then). */
  next(): Promise<void> {
    if (this.pending === undefined) {
      let resolve!: () => void;
      const promise = new Promise<void>((r) => { resolve = r; });
      this.pending = { promise, resolve };
    }
    return this.pending.promise;
  }

  /** Wakes every current waiter. Cheap when nobody waits. */
  notify(): void {
    const pending = this.pending;
    this.pending = undefined;
    pending?.resolve();
  }
}
