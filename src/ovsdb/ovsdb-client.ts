import type { DatabaseSchema, MonitorRequest, Operation, OperationResult, TableUpdates, TableUpdates2 } from './protocol.ts';
import { Replica, type RowChange } from './replica.ts';
import { ConnectionClosed, OvsdbRpcError, openSocket, parseRemote, RpcConnection, type Remote } from './rpc-connection.ts';
import { checkResults } from './transaction.ts';

export interface OvsdbClientOptions {
  /** `unix:PATH` or `tcp:HOST:PORT`. */
  readonly remote: string;
  /** The database to use, e.g. `OVN_Northbound`. */
  readonly database: string;
  /** After this long without a message from the server, send an echo; no answer within the same again drops the connection. 0 = never. Default 5000. */
  readonly probeIntervalMs?: number;
  /** Reconnect delays: doubling from `initialMs` up to `maxMs`, with jitter. Default 100 ms … 8 s. */
  readonly backoff?: { readonly initialMs: number; readonly maxMs: number };
  /** Connection events for logs: connected, lost (with the reason), retry scheduled. */
  readonly onEvent?: (event: { type: 'connected' | 'disconnected' | 'retry'; error?: Error; delayMs?: number }) => void;
}

/** Per monitored table: the columns (all when omitted) and, with monitor_cond, which rows. */
export type MonitorSpec = Record<string, { columns?: string[]; where?: MonitorRequest['where'] }>;

/**
 * A live monitor: `replica` holds the monitored rows and follows the server;
 * `onChange` (given to `OvsdbClient.monitor`) hears every change, including
 * those found when a reconnect had to reload everything.
 */
export interface Monitor {
  readonly replica: Replica;
  /** The last transaction id the server reported (monitor_cond_since); resumes from it after a reconnect. */
  readonly lastTxnId: string;
  /** How (re-)establishing went so far: resumed from `lastTxnId`, or reloaded from a snapshot (the first time, too). */
  readonly stats: { readonly resumed: number; readonly reloaded: number };
  cancel(): Promise<void>;
}

const ZERO_TXN = '00000000-0000-0000-0000-000000000000';
type Method = 'monitor_cond_since' | 'monitor_cond' | 'monitor';

interface MonitorState {
  readonly id: string;
  readonly spec: MonitorSpec;
  readonly onChange: (changes: RowChange[]) => void;
  replica?: Replica;
  lastTxnId: string;
  /** Notifications that arrived before the monitor's answer was applied (same socket read). */
  buffered?: Array<[string, unknown[]]>;
  cancelled: boolean;
  stats: { resumed: number; reloaded: number };
}

/**
 * An OVSDB client (RFC 7047) for one database: `transact`, monitors kept in
 * in-memory replicas, echo both ways, and reconnection with exponential
 * backoff that re-establishes every monitor — from the last transaction id
 * with `monitor_cond_since` when the server supports it (clustered
 * databases), else from a fresh snapshot whose differences are reported as
 * changes. Requests made while disconnected fail at once with
 * `ConnectionClosed` (callers retry: they are level-based).
 *
 * @example
 *   const client = new OvsdbClient({ remote: 'unix:/run/ovn/ovnnb_db.sock', database: 'OVN_Northbound' });
 *   await client.start();
 *   const monitor = await client.monitor({ Logical_Switch: { columns: ['name', 'ports'] } }, (changes) => …);
 *   await client.transact(new Transaction(client.schema).insert('Logical_Switch', { name: 'sw0' }).operations);
 *   await client.stop();
 */
export class OvsdbClient {
  private readonly remote: Remote;
  private readonly probeIntervalMs: number;
  private readonly backoff: { initialMs: number; maxMs: number };
  private connection: RpcConnection | undefined;
  private ready = false;
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | undefined;
  private probeTimer: NodeJS.Timeout | undefined;
  private echoOutstanding = false;
  private method: Method = 'monitor_cond_since';
  private nextMonitor = 1;
  private readonly monitors = new Map<string, MonitorState>();
  private waiters: Array<{ resolve: () => void; reject: (e: Error) => void }> = [];
  private currentSchema: DatabaseSchema | undefined;

  constructor(private readonly options: OvsdbClientOptions) {
    this.remote = parseRemote(options.remote);
    this.probeIntervalMs = options.probeIntervalMs ?? 5000;
    this.backoff = options.backoff ?? { initialMs: 100, maxMs: 8000 };
  }

  /** The database's schema as the server reported it at the last connect. */
  get schema(): DatabaseSchema {
    if (this.currentSchema === undefined) throw new Error('not connected yet: await start()');
    return this.currentSchema;
  }

  get connected(): boolean {
    return this.ready;
  }

  /** Starts connecting (and keeps reconnecting until `stop`); resolves at the first successful connection. */
  start(): Promise<void> {
    this.stopped = false;
    const first = this.waitConnected();
    void this.connect();
    return first;
  }

  /** Resolves when connected (at once if already); rejects if the client is stopped first. */
  waitConnected(): Promise<void> {
    if (this.ready) return Promise.resolve();
    return new Promise((resolve, reject) => this.waiters.push({ resolve, reject }));
  }

  /** Closes the connection and stops reconnecting. Pending requests fail with ConnectionClosed. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.retryTimer);
    this.connection?.close();
    for (const waiter of this.waiters.splice(0)) waiter.reject(new ConnectionClosed('the OVSDB client was stopped'));
  }

  /**
   * Runs one transaction (RFC 7047 §4.1.3). Resolves with one result per
   * operation; throws OvsdbTransactionError when an operation or the commit
   * failed (nothing was changed then), ConnectionClosed when the connection
   * dropped (the outcome is then unknown: re-read and retry).
   */
  async transact(operations: readonly Operation[]): Promise<OperationResult[]> {
    const results = (await this.request('transact', [this.options.database, ...operations])) as Array<OperationResult | null>;
    checkResults(operations, results);
    return results as OperationResult[];
  }

  /** The server's answer to `echo` (a round trip; also what the liveness probe sends). */
  echo(...params: unknown[]): Promise<unknown> {
    return this.request('echo', params);
  }

  /** Any other JSON-RPC method (`list_dbs`, `get_schema`, …). */
  request(method: string, params: unknown[]): Promise<unknown> {
    if (!this.ready || this.connection === undefined) return Promise.reject(new ConnectionClosed('not connected to the OVSDB server'));
    return this.connection.request(method, params);
  }

  /**
   * Monitors `spec`'s tables: resolves once the replica holds the initial
   * contents (reported to `onChange` as inserts). The monitor survives
   * reconnects until cancelled.
   */
  async monitor(spec: MonitorSpec, onChange: (changes: RowChange[]) => void = () => {}): Promise<Monitor> {
    await this.waitConnected();
    const state: MonitorState = { id: `muon-${this.nextMonitor++}`, spec, onChange, lastTxnId: ZERO_TXN, cancelled: false, stats: { resumed: 0, reloaded: 0 } };
    this.monitors.set(state.id, state);
    try {
      await this.establish(this.connection!, state);
    } catch (error) {
      if (!(error instanceof ConnectionClosed)) { this.monitors.delete(state.id); throw error; }
      await this.waitConnected(); // the reconnect establishes every registered monitor before it reports ready
    }
    const cancel = async (): Promise<void> => {
      state.cancelled = true;
      this.monitors.delete(state.id);
      if (this.ready) await this.request('monitor_cancel', [state.id]).catch(() => {});
    };
    return {
      get replica() { return state.replica!; },
      get lastTxnId() { return state.lastTxnId; },
      get stats() { return state.stats; },
      cancel,
    };
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    let connection: RpcConnection | undefined;
    try {
      const socket = await openSocket(this.remote);
      if (this.stopped) { socket.destroy(); return; }
      connection = new RpcConnection(socket, (method, params) => this.notification(method, params), (error) => this.lost(connection!, error));
      this.connection = connection;
      this.currentSchema = (await connection.request('get_schema', [this.options.database])) as DatabaseSchema;
      this.method = 'monitor_cond_since';
      for (const state of this.monitors.values()) await this.establish(connection, state);
    } catch (error) {
      connection?.close(error as Error);
      if (connection === undefined) this.scheduleRetry(error as Error);
      return;
    }
    this.attempt = 0;
    this.ready = true;
    this.startProbe(connection);
    this.options.onEvent?.({ type: 'connected' });
    for (const waiter of this.waiters.splice(0)) waiter.resolve();
  }

  private lost(connection: RpcConnection, error: Error): void {
    if (this.connection !== connection) return;
    this.connection = undefined;
    this.ready = false;
    clearInterval(this.probeTimer);
    this.options.onEvent?.({ type: 'disconnected', error });
    this.scheduleRetry(error);
  }

  private scheduleRetry(error: Error): void {
    if (this.stopped) return;
    const ceiling = Math.min(this.backoff.maxMs, this.backoff.initialMs * 2 ** this.attempt++);
    const delayMs = Math.round(ceiling * (0.5 + Math.random() / 2));
    this.options.onEvent?.({ type: 'retry', error, delayMs });
    this.retryTimer = setTimeout(() => void this.connect(), delayMs);
  }

  /** Our own echo: after `probeIntervalMs` of silence send one; a second silent interval means the peer is gone. */
  private startProbe(connection: RpcConnection): void {
    if (this.probeIntervalMs <= 0) return;
    this.echoOutstanding = false;
    this.probeTimer = setInterval(() => {
      if (performance.now() - connection.lastReceived < this.probeIntervalMs) return;
      if (this.echoOutstanding) {
        connection.close(new ConnectionClosed(`no answer from the OVSDB server for ${2 * this.probeIntervalMs} ms`));
        return;
      }
      this.echoOutstanding = true;
      connection.request('echo', ['muon-probe']).then(() => { this.echoOutstanding = false; }, () => {});
    }, this.probeIntervalMs / 2);
    this.probeTimer.unref();
  }

  /**
   * Sends the monitor request for `state` with the best method the server
   * knows (monitor_cond_since → monitor_cond → monitor, remembered per
   * connection) and applies the answer before any notification that followed it.
   */
  private async establish(connection: RpcConnection, state: MonitorState): Promise<void> {
    const requests = Object.fromEntries(Object.entries(state.spec).map(([table, { columns, where }]) => [
      table, { ...(columns ? { columns } : {}), ...(where && this.method !== 'monitor' ? { where } : {}) },
    ]));
    state.buffered = [];
    let result: unknown;
    for (;;) {
      const params = [this.options.database, state.id, requests, ...(this.method === 'monitor_cond_since' ? [state.lastTxnId] : [])];
      try {
        result = await connection.request(this.method, params);
        break;
      } catch (error) {
        if (!(error instanceof OvsdbRpcError) || !/unknown method/.test(String(error.error)) || this.method === 'monitor') throw error;
        this.method = this.method === 'monitor_cond_since' ? 'monitor_cond' : 'monitor';
      }
    }
    const previous = state.replica;
    const fresh = previous ?? new Replica(this.currentSchema!, Object.fromEntries(Object.entries(state.spec).map(([t, s]) => [t, s.columns])));
    state.replica = fresh;
    let changes: RowChange[];
    if (this.method === 'monitor_cond_since') {
      const [found, lastTxnId, updates] = result as [boolean, string, TableUpdates2];
      state.lastTxnId = lastTxnId;
      const resumed = found && previous !== undefined;
      state.stats[resumed ? 'resumed' : 'reloaded']++;
      changes = resumed ? fresh.applyUpdates2(updates) : fresh.replaceAll((r) => r.applyUpdates2(updates));
    } else if (this.method === 'monitor_cond') {
      state.stats.reloaded++;
      changes = fresh.replaceAll((r) => r.applyUpdates2(result as TableUpdates2));
    } else {
      state.stats.reloaded++;
      changes = fresh.replaceAll((r) => r.applyUpdates(result as TableUpdates));
    }
    const buffered = state.buffered;
    state.buffered = undefined;
    if (changes.length > 0) state.onChange(changes);
    for (const [method, params] of buffered) this.notification(method, params);
  }

  private notification(method: string, params: unknown[]): void {
    const state = this.monitors.get(String(params[0]));
    if (state === undefined || state.cancelled) return;
    if (state.buffered !== undefined) { state.buffered.push([method, params]); return; }
    let changes: RowChange[];
    if (method === 'update3') {
      state.lastTxnId = params[1] as string;
      changes = state.replica!.applyUpdates2(params[2] as TableUpdates2);
    } else if (method === 'update2') changes = state.replica!.applyUpdates2(params[1] as TableUpdates2);
    else if (method === 'update') changes = state.replica!.applyUpdates(params[1] as TableUpdates);
    else return;
    if (changes.length > 0) state.onChange(changes);
  }
}
