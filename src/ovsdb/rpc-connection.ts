import { connect, type Socket } from 'node:net';
import { JsonStream } from './json-stream.ts';
import type { JsonRpcMessage } from './protocol.ts';

/** The server answered a request with a JSON-RPC error (e.g. `unknown method`, `unknown database`). */
export class OvsdbRpcError extends Error {
  constructor(readonly method: string, readonly error: unknown) {
    super(`${method}: ${typeof error === 'string' ? error : JSON.stringify(error)}`);
  }
}

/** The connection ended before the answer came; the request may or may not have been carried out. */
export class ConnectionClosed extends Error {
  constructor(reason = 'the OVSDB connection closed') { super(reason); }
}

/** Where an OVSDB server listens: `unix:PATH` or `tcp:HOST:PORT` (ovsdb-server's remote syntax). */
export type Remote = { kind: 'unix'; path: string } | { kind: 'tcp'; host: string; port: number };

export function parseRemote(text: string): Remote {
  if (text.startsWith('unix:') && text.length > 5) return { kind: 'unix', path: text.slice(5) };
  const tcp = /^tcp:(\[[^\]]+\]|[^:]+):(\d{1,5})$/.exec(text);
  if (tcp) return { kind: 'tcp', host: tcp[1]!.replace(/^\[|\]$/g, ''), port: Number(tcp[2]) };
  throw new Error(`unsupported OVSDB remote "${text}": use unix:PATH or tcp:HOST:PORT`);
}

/** Opens a socket to `remote`; resolves once connected. */
export function openSocket(remote: Remote, timeoutMs = 10_000): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = remote.kind === 'unix' ? connect(remote.path) : connect(remote.port, remote.host);
    const timer = setTimeout(() => socket.destroy(new Error(`connecting to the OVSDB server timed out after ${timeoutMs} ms`)), timeoutMs);
    socket.once('connect', () => { clearTimeout(timer); socket.removeListener('error', reject); socket.setNoDelay(true); resolve(socket); });
    socket.once('error', (error) => { clearTimeout(timer); reject(error); });
  });
}

/**
 * JSON-RPC 1.0 over one socket, as RFC 7047 §4 uses it: requests matched to
 * responses by id, notifications (id null) handed to `onNotification`, and the
 * server's `echo` requests answered at once (the server drops clients that do
 * not). Knows nothing of reconnecting: one instance per socket.
 */
export class RpcConnection {
  private readonly stream = new JsonStream();
  private readonly pending = new Map<number, { method: string; resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  private nextId = 1;
  private closedWith: Error | undefined;
  /** Time (ms, monotonic) of the last message received: the caller's liveness probe reads it. */
  lastReceived = performance.now();

  constructor(
    private readonly socket: Socket,
    private readonly onNotification: (method: string, params: unknown[]) => void,
    private readonly onClose: (error: Error) => void,
  ) {
    socket.on('data', (chunk) => this.receive(chunk));
    socket.on('error', (error) => this.close(error));
    socket.on('close', () => this.close(new ConnectionClosed()));
  }

  get closed(): boolean {
    return this.closedWith !== undefined;
  }

  /** Sends a request; resolves with its `result`, rejects with OvsdbRpcError or ConnectionClosed. */
  request(method: string, params: unknown[]): Promise<unknown> {
    if (this.closedWith) return Promise.reject(new ConnectionClosed(this.closedWith.message));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { method, resolve, reject });
      this.socket.write(JSON.stringify({ id, method, params }));
    });
  }

  /** Ends the connection; pending requests fail with ConnectionClosed. Idempotent. */
  close(error: Error = new ConnectionClosed('closed by the client')): void {
    if (this.closedWith) return;
    this.closedWith = error;
    this.socket.destroy();
    for (const { reject } of this.pending.values()) reject(error instanceof ConnectionClosed ? error : new ConnectionClosed(error.message));
    this.pending.clear();
    this.onClose(error);
  }

  private receive(chunk: Buffer): void {
    this.lastReceived = performance.now();
    let texts: string[];
    try {
      texts = this.stream.push(chunk);
    } catch (error) {
      this.close(error as Error);
      return;
    }
    for (const text of texts) {
      if (this.closedWith) return;
      let message: JsonRpcMessage;
      try {
        message = JSON.parse(text) as JsonRpcMessage;
      } catch (error) {
        this.close(error as Error);
        return;
      }
      this.dispatch(message);
    }
  }

  private dispatch(message: JsonRpcMessage): void {
    if (typeof message.method === 'string') {
      const params = Array.isArray(message.params) ? message.params : [];
      if (message.id === null || message.id === undefined) this.onNotification(message.method, params);
      else if (message.method === 'echo') this.socket.write(JSON.stringify({ id: message.id, result: params, error: null }));
      else this.socket.write(JSON.stringify({ id: message.id, result: null, error: `unknown method ${message.method}` }));
      return;
    }
    const waiting = typeof message.id === 'number' ? this.pending.get(message.id) : undefined;
    if (waiting === undefined) return; // an answer to a request we gave up on
    this.pending.delete(message.id as number);
    if (message.error !== null && message.error !== undefined) waiting.reject(new OvsdbRpcError(waiting.method, message.error));
    else waiting.resolve(message.result);
  }
}
