import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/*
 * Checkpoints off the event loop (SQLite, WAL)
 * ---------------------------------------------
 * A commit in WAL mode appends pages to the WAL; a checkpoint copies them
 * into the database file and syncs both files. SQLite runs that checkpoint
 * inside the commit that makes the WAL reach `wal_autocheckpoint` pages
 * (1,000 by default: every ~35 port creates), so the event loop stood still
 * for it: measured 12–26 ms per checkpoint here, 0.2–0.45 ms per port create,
 * most of it waiting for fsync.
 *
 * Here a worker thread with its own connection runs a PASSIVE checkpoint
 * every `intervalMs`. PASSIVE takes no writer lock: the server's commits go on
 * appending while it copies. Under continuous load that checkpoint never quite
 * catches up (new pages arrive while it runs), and only a checkpoint that has
 * caught up lets the next commit start the WAL over; so the server's own
 * connection keeps an automatic checkpoint too, at `safetyPages`: it then
 * copies only the few pages the worker has not, and the WAL stays bounded.
 * If the worker fails, the server's connection goes back to SQLite's default
 * (a checkpoint every 1,000 pages, in the committing call): slower, never wrong.
 */

/** How often the worker checkpoints, and where the server's own connection takes over. */
export interface CheckpointSettings {
  readonly intervalMs: number;
  /** `wal_autocheckpoint` of the server's connection while the worker runs. */
  readonly safetyPages: number;
}

export const CHECKPOINT_DEFAULTS: CheckpointSettings = { intervalMs: 100, safetyPages: 10_000 };

// Plain JavaScript (an `eval` worker), so it runs however the server was started (tsx or not).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true });
db.pragma('synchronous = NORMAL');
const timer = setInterval(() => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch { /* busy or failing: the server's autocheckpoint covers it */ }
}, workerData.intervalMs);
parentPort.once('message', () => { clearInterval(timer); db.close(); parentPort.close(); });
`;

/**
 * Runs WAL checkpoints of the SQLite file at `path` on a worker thread, from
 * the first `start()` until `stop()`. Never blocks the caller; idempotent.
 *
 * @example
 *   const checkpointer = new SqliteCheckpointer('/var/lib/muon/muon.db');
 *   checkpointer.start();   // after the first commit
 *   await checkpointer.stop();   // before closing the server's connection
 */
export class SqliteCheckpointer {
  private worker: Worker | undefined;
  private exited: Promise<void> = Promise.resolve();
  private stopped = false;

  /** `onFailed` runs if the worker cannot start or dies: the server's connection must checkpoint as SQLite does by default again. */
  constructor(private readonly path: string, private readonly settings: CheckpointSettings = CHECKPOINT_DEFAULTS, private readonly onFailed: () => void = () => undefined) {}

  /** Starts the worker unless it runs (or ran) already. */
  start(): void {
    if (this.worker !== undefined || this.stopped) return;
    const driver = createRequire(import.meta.url).resolve('better-sqlite3');
    let worker: Worker;
    try {
      worker = new Worker(WORKER_SOURCE, { eval: true, workerData: { driver, path: this.path, intervalMs: this.settings.intervalMs } });
    } catch {
      this.stopped = true;
      this.onFailed();
      return;
    }
    this.exited = new Promise((resolve) => worker.once('exit', () => resolve()));
    worker.on('error', () => this.onFailed());
    worker.unref(); // a server that exits without closing is not held up by it
    this.worker = worker;
  }

  /** Stops the worker and closes its connection; resolves once it has. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.worker?.ref(); // keeps the event loop alive until it has exited
    this.worker?.postMessage('stop');
    this.worker = undefined;
    await this.exited;
  }
}
