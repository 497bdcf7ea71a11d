import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { run, tryRun } from '../sandbox/host-command.ts';
import { addNetns, deleteNetns, listNetns } from '../sandbox/netns.ts';

/** A network's metadata port as the namespace needs it. */
export interface MetadataPort {
  readonly id: string;
  readonly networkId: string;
  readonly macAddress: string;
  /** IPv4 addresses with their prefix length, e.g. 10.0.0.2/24. */
  readonly addresses: readonly string[];
}

export interface MetadataNamespacesOptions {
  /** The namespace br-int's host side lives in (a sandbox chassis), or undefined for the agent's own. */
  readonly hostNetns?: string;
  /** Put before `ovnmeta-<network id>` (sandbox stacks prefix everything they make). */
  readonly netnsPrefix: string;
  readonly ovsRemote: string;
  /** The agent's metadata socket the listeners forward to. */
  readonly socketPath: string;
}

const METADATA_ADDRESS = '169.254.169.254/32';
const LISTENER = fileURLToPath(new URL('./metadata-listener.ts', import.meta.url));
const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/*
 * The per-network side of the metadata service, laid out as ML2/OVN does:
 * a namespace `ovnmeta-<network id>` whose interface carries the metadata
 * port's MAC and addresses plus 169.254.169.254, joined to br-int by a veth
 * whose host end has iface-id = the metadata port (an OVN localport: present
 * on every chassis, answering only local instances), and a listener inside.
 * `ensure` and `remove` are idempotent; a dead listener is restarted.
 */
export class MetadataNamespaces {
  private readonly listeners = new Map<string, ChildProcess>();

  constructor(private readonly options: MetadataNamespacesOptions) {}

  /** The namespace name of a network. */
  netnsOf(networkId: string): string {
    return `${this.options.netnsPrefix}ovnmeta-${networkId}`;
  }

  /** Network ids with a metadata namespace here. */
  networks(): string[] {
    const prefix = this.netnsOf('');
    return listNetns(prefix).map((name) => name.slice(prefix.length));
  }

  /** Builds (or repairs) the namespace, veth, OVS port and listener of `port`'s network. */
  async ensure(port: MetadataPort): Promise<void> {
    const netns = this.netnsOf(port.networkId);
    const [outside, inside] = vethNames(port.networkId);
    if (listNetns(netns).length === 0) addNetns(netns);
    if (tryRun('ip', ['-n', netns, 'link', 'show', inside]).status !== 0) {
      run('ip', [...this.host(), 'link', 'add', outside, 'type', 'veth', 'peer', 'name', inside, 'netns', netns]);
      run('ip', ['-n', netns, 'link', 'set', inside, 'address', port.macAddress]);
      // The netdev datapath reads the veth with AF_PACKET: TCP needs checksums filled in here.
      run('ip', ['netns', 'exec', netns, 'ethtool', '-K', inside, 'tx', 'off']);
    }
    for (const address of [...port.addresses, METADATA_ADDRESS]) run('ip', ['-n', netns, 'addr', 'replace', address, 'dev', inside]);
    run('ip', ['-n', netns, 'link', 'set', inside, 'up']);
    run('ip', [...this.host(), 'link', 'set', outside, 'up']);
    run('ovs-vsctl', [`--db=${this.options.ovsRemote}`, '--may-exist', 'add-port', 'br-int', outside, '--', 'set', 'interface', outside,
      `external_ids:iface-id=${port.id}`, 'external_ids:muon-metadata=true']);
    this.ensureListener(port.networkId, netns);
  }

  /** Stops the listener and removes the OVS port, the veth and the namespace. */
  async remove(networkId: string): Promise<void> {
    const [outside] = vethNames(networkId);
    const listener = this.listeners.get(networkId);
    this.listeners.delete(networkId);
    listener?.kill('SIGTERM');
    tryRun('ovs-vsctl', [`--db=${this.options.ovsRemote}`, '--if-exists', 'del-port', 'br-int', outside]);
    await deleteNetns(this.netnsOf(networkId));
  }

  /** Stops every listener this agent started (namespaces stay; the next agent repairs or removes them). */
  stopListeners(): void {
    for (const listener of this.listeners.values()) listener.kill('SIGTERM');
    this.listeners.clear();
  }

  private ensureListener(networkId: string, netns: string): void {
    const current = this.listeners.get(networkId);
    if (current && current.exitCode === null && current.signalCode === null) return;
    const child = spawn('ip', ['netns', 'exec', netns, process.execPath, '--import', 'tsx', LISTENER, this.options.socketPath, networkId], { cwd: ROOT, stdio: 'ignore' });
    this.listeners.set(networkId, child);
  }

  private host(): string[] {
    return this.options.hostNetns ? ['-n', this.options.hostNetns] : [];
  }
}

/** ML2/OVN's names: tap<first 10 of the network id>0 outside, …1 inside. */
export function vethNames(networkId: string): [string, string] {
  const stem = `tap${networkId.slice(0, 10)}`;
  return [`${stem}0`, `${stem}1`];
}
