import { spawn, spawnSync } from 'node:child_process';

/** A host command that failed: the command line and what it printed on stderr. */
export class HostCommandError extends Error {
  constructor(readonly command: string, readonly status: number | null, readonly stderr: string) {
    super(`${command} failed (${status ?? 'killed'}): ${stderr.trim().slice(0, 2000)}`);
  }
}

export interface RunOptions {
  /** Extra environment (OVS_RUNDIR …) on top of this process's. */
  readonly env?: Readonly<Record<string, string>>;
  /** Give up after this long (ms); default 60 s. */
  readonly timeoutMs?: number;
  /** Text for stdin. */
  readonly input?: string;
}

export interface RunResult { readonly status: number | null; readonly stdout: string; readonly stderr: string }

/**
 * Runs `command args…` to completion (synchronously: each step of building a
 * stack depends on the previous one) and returns its output, never throwing.
 */
export function tryRun(command: string, args: readonly string[], options: RunOptions = {}): RunResult {
  const result = spawnSync(command, args, {
    encoding: 'utf8', env: { ...process.env, ...options.env }, timeout: options.timeoutMs ?? 60_000, input: options.input,
  });
  return { status: result.status, stdout: result.stdout ?? '', stderr: result.stderr ?? String(result.error ?? '') };
}

/** Runs `command args…` and returns its stdout; throws HostCommandError on a non-zero exit. */
export function run(command: string, args: readonly string[], options: RunOptions = {}): string {
  const result = tryRun(command, args, options);
  if (result.status !== 0) throw new HostCommandError([command, ...args].join(' '), result.status, result.stderr || result.stdout);
  return result.stdout;
}

/** True when `name` is an executable on PATH. */
export function onPath(name: string): boolean {
  return tryRun('sh', ['-c', `command -v ${name}`]).status === 0;
}

/** Resolves after `ms` milliseconds. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/** Polls `check` every 100 ms until it returns true; throws naming `what` after `timeoutMs`. */
export async function waitFor(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(100);
  }
}

/**
 * Like tryRun but asynchronous: the event loop keeps running while the
 * command does (needed when the command talks to a server in this process).
 */
export function runAsync(command: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> {
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...options.env }, stdio: ['pipe', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => { stdout += chunk.toString(); });
    child.stderr.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.once('error', (error) => { clearTimeout(timer); resolve({ status: null, stdout, stderr: stderr + String(error) }); });
    child.once('close', (status) => { clearTimeout(timer); resolve({ status, stdout, stderr }); });
    // A command that exits before reading its input closes the pipe: that is its answer, not a crash of ours.
    child.stdin.on('error', () => {});
    child.stdin.end(options.input ?? '');
  });
}
