import pg from 'pg';

/** The channel the change log's statement trigger notifies on commit (expand 0013). */
export const CHANGES_CHANNEL = 'muon_changes';

/**
 * One dedicated PostgreSQL connection that LISTENs for commits of change-log
 * rows by any server sharing the database, and reconnects (backoff up to 5 s)
 * when the connection drops. Notifications can be lost while it is down: the
 * change feed also re-reads on a timer, so a lost wake costs latency only.
 * Started lazily by `Store.watchOtherServers`; stopped by the database's close.
 */
export class PgCommitListener {
  private client: pg.Client | undefined;
  private stopped = false;
  private started = false;
  private attempt = 0;
  private timer: NodeJS.Timeout | undefined;

  constructor(private readonly url: string, private readonly onCommit: () => void, private readonly onError: (error: Error) => void = () => {}) {}

  /** Idempotent; returns at once (the connection is made in the background). */
  start(): void {
    if (this.started) return;
    this.started = true;
    void this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    const client = this.client;
    this.client = undefined;
    await client?.end().catch(() => {});
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.url });
    client.on('notification', () => this.onCommit());
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client, new Error('LISTEN connection ended')));
    this.client = client;
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANGES_CHANNEL}`);
      this.attempt = 0;
      this.onCommit(); // commits made while we were not listening: let waiters re-read
    } catch (error) {
      this.lost(client, error as Error);
    }
  }

  private lost(client: pg.Client, error: Error): void {
    if (this.client !== client || this.stopped) return;
    this.client = undefined;
    client.end().catch(() => {});
    this.onError(error);
    const delay = Math.min(5000, 100 * 2 ** this.attempt++);
    this.timer = setTimeout(() => void this.connect(), delay);
    this.timer.unref();
  }
}
