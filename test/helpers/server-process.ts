import { spawn, type ChildProcess } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

/** Repository root: the `muon serve` child runs from here. */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
/** How much of the child's output is kept for diagnostics (the tail). */
const OUTPUT_TAIL = 256 * 1024;

export interface ServerProcessOptions {
  /** `sqlite:PATH` or `postgres://…` */
  readonly databaseUrl: string;
  /** MUON_LOG_LEVEL of the child; `warn` keeps 5xx reports (logged at error) and little else. */
  readonly logLevel?: string;
  /** How long to wait for `GET /` to answer. */
  readonly startTimeoutMs?: number;
  /** MUON_AUTH of the child (default noauth). */
  readonly auth?: string;
  /** Extra environment (e.g. MUON_ADMIN_PASSWORD). */
  readonly env?: Readonly<Record<string, string>>;
}

/**
 * A real `muon serve` child process (noauth unless told otherwise, loopback, free port): the same
 * code path as production, with sockets and a process of its own.
 *
 * Contract: `start` resolves once `GET /` answers 200, and rejects (after
 * killing the child) when it does not within the timeout. `stop` is
 * idempotent, sends SIGTERM, and SIGKILLs after 5 s; it never throws.
 * Every child is also killed when the test process exits.
 *
 * @example
 *   const server = await ServerProcess.start({ databaseUrl: db.url });
 *   try { await fetch(`${server.url}/v2.0/networks`); } finally { await server.stop(); }
 */
export class ServerProcess {
  private output = '';
  private exited: Promise<number | null>;
  private exitCode: number | null | undefined;

  private constructor(private readonly child: ChildProcess, readonly url: string) {
    const keep = (chunk: Buffer) => {
      this.output = (this.output + chunk.toString()).slice(-OUTPUT_TAIL);
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', (code, signal) => {
      this.exitCode = code ?? (signal ? null : 0);
      LIVE.delete(child);
      resolve(code);
    }));
  }

  /** Starts a server, retrying on a new port when the chosen one was taken meanwhile. */
  static async start(options: ServerProcessOptions): Promise<ServerProcess> {
    let lastError: Error | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const port = await freePort();
      const server = ServerProcess.spawn(options, port);
      try {
        await server.waitReady(options.startTimeoutMs ?? 30_000);
        return server;
      } catch (error) {
        await server.stop();
        lastError = error as Error;
        if (!/EADDRINUSE/.test(server.output)) break;
      }
    }
    throw lastError!;
  }

  private static spawn(options: ServerProcessOptions, port: number): ServerProcess {
    // node --import tsx directly (not npx): the PID we hold is the server itself.
    const child = spawn(process.execPath, [
      '--import', 'tsx', 'src/cli/main.ts', 'serve',
      '--listen', `127.0.0.1:${port}`, '--database-url', options.databaseUrl, '--auth', options.auth ?? 'noauth',
    ], {
      cwd: ROOT,
      env: { ...process.env, MUON_LOG_LEVEL: options.logLevel ?? 'warn', ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    LIVE.add(child);
    return new ServerProcess(child, `http://127.0.0.1:${port}`);
  }

  /** The process id of the server. */
  get pid(): number | undefined { return this.child.pid; }

  /** The last part of the child's stdout+stderr (pino logs go to stdout). */
  get log(): string { return this.output; }

  /** Exit code when the child has exited (null = killed by a signal), undefined while it runs. */
  get exitStatus(): number | null | undefined { return this.exitCode; }

  /** Stops the child by its PID: SIGTERM, then SIGKILL after 5 s. */
  async stop(): Promise<void> {
    if (this.exitCode !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }

  private async waitReady(timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exitCode !== undefined) throw new Error(`muon serve exited (${this.exitCode}) before answering:\n${this.output}`);
      if (await answers(`${this.url}/`)) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`muon serve did not answer GET / within ${timeoutMs} ms:\n${this.output}`);
  }
}

/** Children still running; killed synchronously if the test process exits first. */
const LIVE = new Set<ChildProcess>();
process.once('exit', () => { for (const child of LIVE) child.kill('SIGKILL'); });

/** A port that was free a moment ago (listen on 0, read it, close). */
function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** True when GET `url` answers 200. */
function answers(url: string): Promise<boolean> {
  return new Promise((resolve) => {
    const req = httpRequest(url, { method: 'GET', timeout: 1_000 }, (res) => {
      res.resume();
      resolve(res.statusCode === 200);
    });
    req.once('timeout', () => req.destroy());
    req.once('error', () => resolve(false));
    req.end();
  });
}
