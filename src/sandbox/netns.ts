import { run, tryRun } from './host-command.ts';

/*
 * Network namespaces of the sandbox. Every name starts with the caller's
 * prefix, so parallel stacks (and anything else on the host) never collide,
 * and teardown touches only what it made. Deleting a namespace does not end
 * the processes inside it, so `deleteNetns` ends them first, by PID.
 */

/** Creates namespace `name` with its loopback up; an existing one is an error (a leftover of a crashed run). */
export function addNetns(name: string): void {
  run('ip', ['netns', 'add', name]);
  run('ip', ['-n', name, 'link', 'set', 'lo', 'up']);
}

/** The namespaces whose names start with `prefix`. */
export function listNetns(prefix: string): string[] {
  return tryRun('ip', ['netns', 'list']).stdout.split('\n').map((line) => line.split(' ')[0]!).filter((name) => name !== '' && name.startsWith(prefix));
}

/** PIDs of the processes in namespace `name`. */
export function pidsIn(name: string): number[] {
  return tryRun('ip', ['netns', 'pids', name]).stdout.split('\n').filter((l) => /^\d+$/.test(l)).map(Number);
}

/** Ends every process in namespace `name` by PID (TERM, then KILL), then deletes it. Idempotent. */
export async function deleteNetns(name: string): Promise<void> {
  await killPids(pidsIn(name));
  tryRun('ip', ['netns', 'del', name]);
}

/** SIGTERM to each PID, up to 3 s for them to go, then SIGKILL to the rest. */
export async function killPids(pids: readonly number[]): Promise<void> {
  for (const pid of pids) signal(pid, 'SIGTERM');
  const end = Date.now() + 3_000;
  while (pids.some(alive) && Date.now() < end) await new Promise((r) => setTimeout(r, 50));
  for (const pid of pids.filter(alive)) signal(pid, 'SIGKILL');
}

/** True while process `pid` exists. */
export function alive(pid: number): boolean {
  try { process.kill(pid, 0); return true; } catch { return false; }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try { process.kill(pid, name); } catch { /* already gone */ }
}

/** `ip netns exec name command args…`, returning stdout (throws on failure). */
export function netnsExec(name: string, command: string, args: readonly string[], env?: Readonly<Record<string, string>>): string {
  return run('ip', ['netns', 'exec', name, command, ...args], { env });
}
