import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { onPath, run, sleep, waitFor } from '../../src/sandbox/host-command.ts';
import { instanceNetns, type Instance } from '../../src/sandbox/instance.ts';
import { addNetns, netnsExec } from '../../src/sandbox/netns.ts';
import { SCHEMAS } from '../../src/sandbox/ovn-paths.ts';
import { stackSkipReason, type OvnStack } from './ovn-stack.ts';

/*
 * What a VM on a trunk port runs, for the trunk end-to-end test. This kernel
 * has no 802.1Q (no VLAN interfaces, no VLAN-aware bridge), so the VM sorts
 * its VLANs the way a VM without kernel VLANs would: with its own Open
 * vSwitch (userspace, netdev datapath) inside the instance namespace. Its
 * bridge has the VM's eth0 as a trunk of the subports' VLANs and, per
 * subport, an access port to a nested "container" namespace; untagged frames
 * stay with the VM's own kernel (eth0 keeps its address: the netdev datapath
 * reads the veth beside the kernel, not instead of it). tcpdump shows what
 * arrives on an interface, tags included.
 *
 * Everything lives under the stack: the daemons' pidfiles in its directory,
 * the containers' namespaces under its prefix, so the stack's teardown ends
 * them with the rest.
 */

/** Why the trunk test cannot run here (the stack's reasons, or no tcpdump), or false; with MUON_REQUIRE_OVN=1 it throws instead. */
export function trunkSkipReason(): string | false {
  const stack = stackSkipReason();
  if (stack !== false || onPath('tcpdump')) return stack;
  const reason = 'the trunk end-to-end test needs tcpdump: run scripts/setup-ovn.sh';
  if (process.env.MUON_REQUIRE_OVN === '1') throw new Error(`${reason} (MUON_REQUIRE_OVN=1)`);
  console.log(`# skipped: ${reason}`);
  return reason;
}

/** A VM's own Open vSwitch: `br-vm` with eth0 as its trunk. */
export interface GuestSwitch {
  readonly vm: Instance;
  readonly dir: string;
  readonly remote: string;
}

/** Starts ovsdb-server and ovs-vswitchd in the VM's namespace; eth0 trunks `vlans` (untagged frames are left to the VM's kernel). */
export function startGuestSwitch(stack: OvnStack, vm: Instance, vlans: readonly number[]): GuestSwitch {
  const dir = join(stack.dir, `guest-${vm.name}`);
  mkdirSync(dir, { recursive: true });
  const guest: GuestSwitch = { vm, dir, remote: `unix:${join(dir, 'db.sock')}` };
  run('ovsdb-tool', ['create', join(dir, 'conf.db'), SCHEMAS.vswitch]);
  daemon(guest, 'ovsdb-server', [join(dir, 'conf.db'), `--remote=punix:${join(dir, 'db.sock')}`]);
  guestVsctl(guest, '--no-wait', 'init');
  daemon(guest, 'ovs-vswitchd', [guest.remote]);
  guestVsctl(guest, 'add-br', 'br-vm', '--', 'set', 'bridge', 'br-vm', 'datapath_type=netdev',
    '--', 'add-port', 'br-vm', 'eth0', '--', 'set', 'port', 'eth0', 'vlan_mode=trunk', `trunks=${vlans.join(',')}`);
  return guest;
}

/** A namespace nested in the VM ("container") on VLAN `vlan` of its switch, with the subport's MAC and `address` (CIDR). */
export function addContainer(stack: OvnStack, guest: GuestSwitch, spec: { name: string; vlan: number; portId: string; macAddress: string; address: string }): Instance {
  const netns = instanceNetns(stack.manifest.prefix, spec.name);
  const inVm = `v${spec.vlan}`;
  addNetns(netns);
  run('ip', ['link', 'add', 'eth0', 'netns', netns, 'address', spec.macAddress, 'type', 'veth', 'peer', 'name', inVm, 'netns', guest.vm.netns]);
  // The netdev datapath reads veths through AF_PACKET: checksums must be filled by the sender (as for every sandbox instance).
  netnsExec(netns, 'ethtool', ['-K', 'eth0', 'tx', 'off']);
  netnsExec(guest.vm.netns, 'ethtool', ['-K', inVm, 'tx', 'off']);
  run('ip', ['-n', netns, 'link', 'set', 'eth0', 'up']);
  run('ip', ['-n', guest.vm.netns, 'link', 'set', inVm, 'up']);
  run('ip', ['-n', netns, 'addr', 'add', spec.address, 'dev', 'eth0']);
  guestVsctl(guest, 'add-port', 'br-vm', inVm, `tag=${spec.vlan}`);
  return { name: spec.name, chassis: guest.vm.chassis, portId: spec.portId, macAddress: spec.macAddress, netns, tap: inVm };
}

/** One frame as tcpdump -e printed it: its 802.1Q tag (undefined when untagged) and the line. */
export interface Frame { readonly vlan: number | undefined; readonly line: string }

/**
 * tcpdump on `dev` of namespace `netns`, from `start` (resolves once it
 * listens) to `stop` (resolves with the frames). Link-level headers are
 * printed (-e), so a tagged frame shows "vlan N"; --immediate-mode hands
 * over each frame as it comes (else a frame may wait in a ring-buffer block
 * past `stop`).
 */
export class FrameCapture {
  private output = '';
  private constructor(private readonly child: ReturnType<typeof spawn>) {
    child.stdout!.on('data', (chunk: Buffer) => { this.output += chunk.toString(); });
  }

  static async start(netns: string, dev = 'eth0'): Promise<FrameCapture> {
    const child = spawn('ip', ['netns', 'exec', netns, 'tcpdump', '--immediate-mode', '-l', '-nn', '-e', '-i', dev], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.on('error', () => {});
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => { stderr += chunk.toString(); });
    const capture = new FrameCapture(child);
    await waitFor(`tcpdump listening on ${dev} in ${netns}`, () => {
      if (child.exitCode !== null) throw new Error(`tcpdump exited: ${stderr}`);
      return stderr.includes('listening on');
    }, 10_000);
    return capture;
  }

  /** Ends the capture (after a short grace, so that frames of the exchange just ended are printed); every frame it saw. */
  async stop(): Promise<Frame[]> {
    if (this.child.exitCode === null) {
      await sleep(300);
      const closed = new Promise((resolve) => this.child.once('close', resolve));
      this.child.kill('SIGINT');
      await closed;
    }
    return this.output.split('\n').filter((line) => line.trim() !== '').map((line) => {
      const tag = /\bvlan (\d+),/.exec(line);
      return { vlan: tag ? Number(tag[1]) : undefined, line };
    });
  }
}

/** The frames that name `address` (as source, destination or ARP target); the `\b` keeps 10.0.0.1 from matching 10.0.0.10. */
export function framesAbout(frames: readonly Frame[], address: string): Frame[] {
  const pattern = new RegExp(`\\b${address.replaceAll('.', '\\.')}\\b(?!\\.\\d)`);
  return frames.filter((f) => pattern.test(f.line));
}

function guestVsctl(guest: GuestSwitch, ...args: string[]): string {
  return run('ovs-vsctl', [`--db=${guest.remote}`, '--timeout=20', ...args], { env: privateEnv(guest.dir) });
}

/** A daemon detached in the VM's namespace, its pidfile, log and control socket in the guest's directory. */
function daemon(guest: GuestSwitch, name: string, args: readonly string[]): void {
  const own = [`--pidfile=${join(guest.dir, `${name}.pid`)}`, `--log-file=${join(guest.dir, `${name}.log`)}`, `--unixctl=${join(guest.dir, `${name}.ctl`)}`, '--detach', '--no-chdir'];
  netnsExec(guest.vm.netns, name, [...args, ...own], privateEnv(guest.dir));
}

/** Keeps OVS tools inside the guest's directory (never /var/run/openvswitch). */
function privateEnv(dir: string): Record<string, string> {
  return { OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir, OVS_SYSCONFDIR: dir };
}
