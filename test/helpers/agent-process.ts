import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/**
 * A `muon agent` child process for one chassis: --noauth by default (the
 * server must run with MUON_AUTH=noauth, as ServerProcess does by default). Stopped by its
 * PID; also killed if the test process exits first.
 */
export class AgentProcess {
  private output = '';
  private readonly exited: Promise<void>;

  private constructor(private readonly child: ChildProcess) {
    const keep = (chunk: Buffer) => { this.output = (this.output + chunk.toString()).slice(-64 * 1024); };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    this.exited = new Promise((resolve) => child.once('exit', () => { LIVE.delete(child); resolve(); }));
  }

  /** `extraArgs`: more `muon agent` flags (the metadata proxy's); `auth`: credential flags instead of --noauth. */
  static start(options: { host: string; url: string; ovsRemote: string; heartbeatS?: number; extraArgs?: readonly string[]; auth?: readonly string[] }): AgentProcess {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/main.ts', 'agent', '--host', options.host, '--url', options.url,
      '--ovs-db', options.ovsRemote, ...(options.auth ?? ['--noauth']), '--heartbeat', String(options.heartbeatS ?? 5), ...(options.extraArgs ?? [])], { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    LIVE.add(child);
    return new AgentProcess(child);
  }

  /** What the agent printed (the tail). */
  get log(): string { return this.output; }

  /** SIGTERM, SIGKILL after 5 s; idempotent. */
  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 5_000);
    await this.exited;
    clearTimeout(timer);
  }
}

const LIVE = new Set<ChildProcess>();
process.once('exit', () => { for (const child of LIVE) child.kill('SIGKILL'); });
