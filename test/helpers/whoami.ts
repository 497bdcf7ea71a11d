import { spawn, type ChildProcess } from 'node:child_process';
import { tryRun, waitFor } from '../../src/sandbox/host-command.ts';

/*
 * A "who am I" TCP service for NAT tests: it answers every connection with
 * its own name and the address it sees the peer at, then closes. A client in
 * another namespace reads one line and learns both which host it reached
 * (port forwarding, floating IP) and the address it was seen from (SNAT).
 * node runs it (a busybox listener cannot tell the peer's address).
 */
const SERVER = `
const [name, port] = process.argv.slice(1);
require('node:net').createServer((s) => { s.on('error', () => {}); s.end(name + ' ' + s.remoteAddress.replace(/^::ffff:/, '') + '\\n'); })
  .listen(Number(port), '0.0.0.0', () => console.log('listening'));
`;

/** A running whoami listener; `stop` ends it by PID (deleting its namespace would too). */
export class Whoami {
  private constructor(private readonly child: ChildProcess) {}

  /** Starts a listener named `name` on `port` in namespace `netns`; resolves once it listens. */
  static async start(netns: string, name: string, port: number): Promise<Whoami> {
    const child = spawn('ip', ['netns', 'exec', netns, process.execPath, '-e', SERVER, name, String(port)], { stdio: ['ignore', 'pipe', 'inherit'] });
    child.on('error', () => {});
    let ready = false;
    child.stdout!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('listening')) ready = true; });
    const listener = new Whoami(child);
    try {
      await waitFor(`whoami ${name} listening in ${netns}`, () => ready || child.exitCode !== null, 15_000);
      if (!ready) throw new Error(`whoami ${name} in ${netns} exited (${child.exitCode})`);
    } catch (error) {
      listener.stop();
      throw error;
    }
    return listener;
  }

  stop(): void {
    if (this.child.pid !== undefined && this.child.exitCode === null) this.child.kill();
  }
}

/**
 * Connects from namespace `netns` to `address:port` (busybox nc, 2 s) and
 * returns the whoami answer — `{ name, peer }` — or undefined when no answer came.
 */
export function askWhoami(netns: string, address: string, port: number): { name: string; peer: string } | undefined {
  const result = tryRun('ip', ['netns', 'exec', netns, 'busybox', 'nc', '-w', '2', address, String(port)], { timeoutMs: 6_000, input: '' });
  const [name, peer] = result.stdout.trim().split(' ');
  return name && peer ? { name, peer } : undefined;
}
