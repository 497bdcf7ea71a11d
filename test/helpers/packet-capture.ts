import { spawn, type ChildProcess } from 'node:child_process';
import { waitFor } from '../../src/sandbox/host-command.ts';

/**
 * tcpdump on an interface of a namespace, printing link-level headers
 * (`-e`: VLAN tags show as `vlan <id>`), one line per frame, read as it
 * comes. `start` resolves once tcpdump listens; `stop` ends it by PID
 * (deleting the namespace would too) and returns every line captured.
 *
 * @example
 *   const capture = await PacketCapture.start(ns, 'br-ex', 'icmp or (vlan and icmp)');
 *   …send traffic…
 *   const lines = await capture.stop();
 */
export class PacketCapture {
  private output = '';
  private listening = false;

  private constructor(private readonly child: ChildProcess) {
    child.on('error', () => {});
    child.stdout!.on('data', (chunk: Buffer) => { this.output += chunk.toString(); });
    child.stderr!.on('data', (chunk: Buffer) => { if (chunk.toString().includes('listening on')) this.listening = true; });
  }

  static async start(netns: string, iface: string, filter: string): Promise<PacketCapture> {
    const capture = new PacketCapture(spawn('ip', ['netns', 'exec', netns, 'tcpdump', '-e', '-n', '-l', '-i', iface, filter], { stdio: ['ignore', 'pipe', 'pipe'] }));
    try {
      await waitFor(`tcpdump listening on ${iface} in ${netns}`, () => capture.listening || capture.child.exitCode !== null, 15_000);
      if (!capture.listening) throw new Error(`tcpdump on ${iface} in ${netns} exited (${capture.child.exitCode})`);
    } catch (error) {
      await capture.stop();
      throw error;
    }
    return capture;
  }

  /** The lines captured so far. */
  get lines(): string[] {
    return this.output.split('\n').filter(Boolean);
  }

  async stop(): Promise<string[]> {
    if (this.child.pid !== undefined && this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      this.child.kill();
      await exited;
    }
    return this.lines;
  }
}
