import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { run, tryRun, waitFor, type RunResult } from './host-command.ts';
import { addNetns, deleteNetns, killPids, listNetns, netnsExec, pidsIn } from './netns.ts';
import { SCHEMAS } from './ovn-paths.ts';

/*
 * A whole OVN deployment on one machine, for trying muon and for end-to-end
 * tests: the central part (NB and SB ovsdb-servers, ovn-northd) and N chassis,
 * each a network namespace with its own ovsdb-server, ovs-vswitchd (userspace
 * "netdev" datapath: the kernel has no openvswitch module) and ovn-controller,
 * joined by Geneve over veths to a Linux bridge in an "underlay" namespace.
 *
 * With a provider network, every chassis also has a netdev bridge br-ex
 * mapped to the physical network's name (ovn-bridge-mappings), and its uplink
 * joins a Linux bridge in an "outside" namespace that also holds an address
 * of its own: the host on the physical network that SNAT, floating IPs and
 * port forwardings are seen from. The Linux bridge passes 802.1Q frames
 * untouched (the kernel has no VLAN support; OVS userspace pushes the tags),
 * so a VLAN provider network works across chassis and shows its tags there.
 *
 * Everything is private: the databases listen on Unix sockets in the stack's
 * directory (never the host's 6641/6642), every namespace name starts with
 * the stack's prefix, and every daemon writes a pidfile there. The manifest
 * (stack.json) lets another process (`muon ovn stop`) tear the stack down:
 * daemons by PID, then whatever is still inside our namespaces, then the
 * namespaces themselves.
 */

export interface ChassisInfo {
  /** The chassis name (OVS system-id), also the `binding:host_id` that places ports on it. */
  readonly name: string;
  readonly netns: string;
  /** Its private directory: db, sockets, logs, pidfiles. */
  readonly dir: string;
  /** `unix:<dir>/db.sock`: its Open_vSwitch database. */
  readonly ovsRemote: string;
  /** Its tunnel endpoint on the underlay. */
  readonly encapIp: string;
}

/** The physical network every chassis reaches through its br-ex, and the outside host on it. */
export interface ProviderNetwork {
  /** The physical network name (`provider:physical_network`), e.g. `public`. */
  readonly physnet: string;
  /** The outside namespace: the Linux bridge joining the chassis' uplinks, and the outside host's address on it. */
  readonly netns: string;
  /** The Linux bridge in the outside namespace (where tcpdump sees the physical network's frames). */
  readonly bridge: string;
  /** The outside host's address with its prefix length, e.g. `172.24.4.1/24`. */
  readonly hostCidr: string;
}

export interface ProviderNetworkOptions {
  /** Physical network name chassis map to their br-ex; default `public`. */
  readonly physnet?: string;
  /** The outside host's address; default `172.24.4.1/24` (make it the external subnet's gateway). */
  readonly hostCidr?: string;
}

export interface StackManifest {
  readonly prefix: string;
  readonly dir: string;
  readonly nbRemote: string;
  readonly sbRemote: string;
  readonly chassis: readonly ChassisInfo[];
  /** The provider network, when the stack has one. */
  readonly provider?: ProviderNetwork;
  /** Namespaces the stack made (central, underlay, chassis); instances add theirs under instances/. */
  readonly namespaces: readonly string[];
}

export interface OvnStackOptions {
  /** Prefix of every namespace name, e.g. `moe-t1-`; keep it short (names appear in `ip netns`). */
  readonly prefix: string;
  /** Chassis names, e.g. ['hv1', 'hv2']. */
  readonly chassis: readonly string[];
  /** Directory for databases, sockets and logs; a fresh one under /tmp by default. Socket paths must stay < 108 bytes. */
  readonly dir?: string;
  /** Chassis that may host router gateways (`ovn-cms-options=enable-chassis-as-gw`, as ML2/OVN reads it); default the first. */
  readonly gatewayChassis?: readonly string[];
  /** A provider network shared by every chassis and an outside namespace (none by default). */
  readonly provider?: ProviderNetworkOptions;
  /** Seconds to wait for every chassis to register in the southbound DB. */
  readonly timeoutS?: number;
}

const UNDERLAY_BRIDGE = 'br0';
/** The name of the provider bridge: OVS's in each chassis, Linux's in the outside namespace. */
const PROVIDER_BRIDGE = 'br-ex';
const MANIFEST = 'stack.json';

/** A running stack; `stop()` removes all of it. */
export class OvnStack {
  private constructor(readonly manifest: StackManifest) {}

  get nbRemote(): string { return this.manifest.nbRemote; }
  get sbRemote(): string { return this.manifest.sbRemote; }
  get dir(): string { return this.manifest.dir; }

  /**
   * Builds and starts a stack; on any failure tears down what was made and
   * rethrows. Blocks for a few seconds (daemons start one after another).
   */
  static async start(options: OvnStackOptions): Promise<OvnStack> {
    checkNames(options);
    const dir = options.dir ?? mkdtempSync(`/tmp/${options.prefix}`);
    mkdirSync(dir, { recursive: true });
    const central = `${options.prefix}central`;
    const underlay = `${options.prefix}ul`;
    const chassis = options.chassis.map((name, i) => chassisInfo(options.prefix, dir, name, i));
    const provider = options.provider && providerNetwork(options.prefix, options.provider);
    const manifest: StackManifest = {
      prefix: options.prefix, dir, nbRemote: `unix:${join(dir, 'nb.sock')}`, sbRemote: `unix:${join(dir, 'sb.sock')}`,
      chassis, provider, namespaces: [central, underlay, ...(provider ? [provider.netns] : []), ...chassis.map((c) => c.netns)],
    };
    writeFileSync(join(dir, MANIFEST), JSON.stringify(manifest, null, 2));
    const stack = new OvnStack(manifest);
    try {
      startCentral(manifest, central);
      addNetns(underlay);
      run('ip', ['-n', underlay, 'link', 'add', UNDERLAY_BRIDGE, 'type', 'bridge']);
      run('ip', ['-n', underlay, 'link', 'set', UNDERLAY_BRIDGE, 'up']);
      if (provider) startOutside(provider);
      const gateways = new Set(options.gatewayChassis ?? options.chassis.slice(0, 1));
      chassis.forEach((c, i) => startChassis(manifest, c, underlay, i, gateways.has(c.name)));
      await waitFor('every chassis in the southbound DB', () => {
        const names = stack.sbctl('--bare', '--columns=name', 'list', 'chassis').split('\n').filter(Boolean);
        return chassis.every((c) => names.includes(c.name));
      }, (options.timeoutS ?? 30) * 1000);
      return stack;
    } catch (error) {
      await stack.stop({ keepDir: true });
      throw error;
    }
  }

  /** The stack whose manifest is in `dir` (made by `start`, maybe in another process). */
  static load(dir: string): OvnStack {
    return new OvnStack(JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as StackManifest);
  }

  /** The chassis named `name`; throws listing the known ones. */
  chassis(name: string): ChassisInfo {
    const found = this.manifest.chassis.find((c) => c.name === name);
    if (!found) throw new Error(`no chassis ${name} in this stack (${this.manifest.chassis.map((c) => c.name).join(', ')})`);
    return found;
  }

  /** The provider network; throws when the stack was started without one. */
  get provider(): ProviderNetwork {
    if (!this.manifest.provider) throw new Error('this stack has no provider network (start it with the provider option)');
    return this.manifest.provider;
  }

  /** Runs a command on the outside host (the provider network's namespace); never throws (look at status). */
  outside(command: string, args: readonly string[], timeoutMs = 30_000): RunResult {
    return tryRun('ip', ['netns', 'exec', this.provider.netns, command, ...args], { timeoutMs });
  }

  nbctl(...args: string[]): string { return run('ovn-nbctl', [`--db=${this.nbRemote}`, ...args]).trim(); }
  sbctl(...args: string[]): string { return run('ovn-sbctl', [`--db=${this.sbRemote}`, ...args]).trim(); }
  vsctl(chassis: string, ...args: string[]): string { return run('ovs-vsctl', [`--db=${this.chassis(chassis).ovsRemote}`, ...args]).trim(); }

  /**
   * The same teardown, synchronous and with SIGKILL, for process 'exit'
   * handlers (a test runner that times out exits without awaiting anything).
   */
  stopSync(): void {
    const { dir, prefix, namespaces } = this.manifest;
    const names = new Set([...listNetns(prefix), ...namespaces]);
    for (const pid of [...pidfilesUnder(dir).flatMap(readPid), ...[...names].flatMap(pidsIn)]) {
      try { process.kill(pid, 'SIGKILL'); } catch { /* gone */ }
    }
    for (const name of names) tryRun('ip', ['netns', 'del', name]);
  }

  /**
   * Tears the stack down: every pidfile's daemon, every process left in the
   * namespaces named with its prefix (instances and metadata namespaces
   * included), the namespaces, then the directory
   * (unless keepDir, e.g. to read logs after a failure). Idempotent; never throws.
   */
  async stop(options: { keepDir?: boolean } = {}): Promise<void> {
    const { dir, prefix, namespaces } = this.manifest;
    await killPids(pidfilesUnder(dir).flatMap(readPid));
    // Instances and agents' metadata namespaces carry the prefix too.
    for (const name of new Set([...listNetns(prefix), ...namespaces])) await deleteNetns(name);
    if (!options.keepDir) rmSync(dir, { recursive: true, force: true });
  }
}

function checkNames(options: OvnStackOptions): void {
  if (!/^[a-z][a-z0-9-]{0,15}$/.test(options.prefix)) throw new Error(`prefix must be 1-16 of [a-z0-9-] starting with a letter, not ${options.prefix}`);
  for (const name of options.chassis) if (!/^[a-z][a-z0-9-]{0,31}$/.test(name)) throw new Error(`bad chassis name ${name}`);
  if (new Set(options.chassis).size !== options.chassis.length) throw new Error('chassis names must be unique');
  if (options.chassis.length > 200) throw new Error('at most 200 chassis');
}

function providerNetwork(prefix: string, options: ProviderNetworkOptions): ProviderNetwork {
  const physnet = options.physnet ?? 'public';
  if (!/^[A-Za-z0-9_.-]{1,64}$/.test(physnet)) throw new Error(`bad physical network name ${physnet}`);
  return { physnet, netns: `${prefix}ext`, bridge: PROVIDER_BRIDGE, hostCidr: options.hostCidr ?? '172.24.4.1/24' };
}

/*
 * The outside namespace: a Linux bridge with the outside host's address. Its
 * transmit checksum offload is off for the same reason as an instance's: the
 * chassis' netdev datapath reads the other end of the veths through AF_PACKET
 * and would see TCP segments whose checksums nobody filled in.
 */
function startOutside(provider: ProviderNetwork): void {
  addNetns(provider.netns);
  run('ip', ['-n', provider.netns, 'link', 'add', provider.bridge, 'type', 'bridge']);
  run('ip', ['-n', provider.netns, 'addr', 'add', provider.hostCidr, 'dev', provider.bridge]);
  run('ip', ['-n', provider.netns, 'link', 'set', provider.bridge, 'up']);
  run('ip', ['netns', 'exec', provider.netns, 'ethtool', '-K', provider.bridge, 'tx', 'off']);
}

/** A chassis' br-ex (netdev) whose uplink is a veth into the outside namespace's bridge. */
function plugProviderBridge(c: ChassisInfo, provider: ProviderNetwork, index: number, vsctl: (...args: string[]) => string): void {
  const port = `x${index + 1}`;
  run('ip', ['link', 'add', 'phys', 'netns', c.netns, 'type', 'veth', 'peer', 'name', port, 'netns', provider.netns]);
  run('ip', ['netns', 'exec', provider.netns, 'ethtool', '-K', port, 'tx', 'off']);
  run('ip', ['-n', provider.netns, 'link', 'set', port, 'master', provider.bridge, 'up']);
  run('ip', ['-n', c.netns, 'link', 'set', 'phys', 'up']);
  vsctl('add-br', PROVIDER_BRIDGE, '--', 'set', 'bridge', PROVIDER_BRIDGE, 'datapath_type=netdev', '--', 'add-port', PROVIDER_BRIDGE, 'phys');
}

function chassisInfo(prefix: string, dir: string, name: string, index: number): ChassisInfo {
  const own = join(dir, name);
  return { name, netns: `${prefix}${name}`, dir: own, ovsRemote: `unix:${join(own, 'db.sock')}`, encapIp: `10.254.${Math.floor((index + 1) / 256)}.${(index + 1) % 256}` };
}

/** The environment that keeps OVS/OVN tools inside `dir` (never /var/run/openvswitch). */
function privateEnv(dir: string): Record<string, string> {
  return { OVS_RUNDIR: dir, OVS_LOGDIR: dir, OVS_DBDIR: dir, OVS_SYSCONFDIR: dir, OVN_RUNDIR: dir, OVN_LOGDIR: dir, OVN_DBDIR: dir, OVN_SYSCONFDIR: dir };
}

/** Starts a daemon detached inside `netns` with its pidfile, log and control socket in `dir`. */
function daemon(netns: string, dir: string, name: string, command: string, args: readonly string[], unixctl = true): void {
  const own = [`--pidfile=${join(dir, `${name}.pid`)}`, `--log-file=${join(dir, `${name}.log`)}`, '--detach', '--no-chdir'];
  if (unixctl) own.push(`--unixctl=${join(dir, `${name}.ctl`)}`);
  netnsExec(netns, command, [...args, ...own], privateEnv(dir));
}

function startCentral(manifest: StackManifest, netns: string): void {
  const { dir } = manifest;
  addNetns(netns);
  for (const db of ['nb', 'sb'] as const) {
    run('ovsdb-tool', ['create', join(dir, `${db}.db`), SCHEMAS[db]]);
    daemon(netns, dir, `${db}-ovsdb`, 'ovsdb-server', [join(dir, `${db}.db`), `--remote=punix:${join(dir, `${db}.sock`)}`]);
  }
  daemon(netns, dir, 'ovn-northd', 'ovn-northd', [`--ovnnb-db=${manifest.nbRemote}`, `--ovnsb-db=${manifest.sbRemote}`]);
}

/*
 * One chassis. Userspace tunnelling needs the tunnel endpoint's address on an
 * OVS netdev bridge's internal port that owns the uplink (br-phy), not on the
 * veth itself; br-int is netdev too and fail-mode=secure as ovn-controller wants.
 */
function startChassis(manifest: StackManifest, c: ChassisInfo, underlay: string, index: number, gateway: boolean): void {
  mkdirSync(c.dir, { recursive: true });
  addNetns(c.netns);
  const uplink = `c${index + 1}`;
  run('ip', ['link', 'add', 'ul', 'netns', c.netns, 'type', 'veth', 'peer', 'name', uplink, 'netns', underlay]);
  run('ip', ['-n', underlay, 'link', 'set', uplink, 'master', UNDERLAY_BRIDGE, 'up']);
  run('ip', ['-n', c.netns, 'link', 'set', 'ul', 'up']);
  run('ovsdb-tool', ['create', join(c.dir, 'conf.db'), SCHEMAS.vswitch]);
  daemon(c.netns, c.dir, 'ovsdb-server', 'ovsdb-server', [join(c.dir, 'conf.db'), `--remote=punix:${join(c.dir, 'db.sock')}`]);
  const vsctl = (...args: string[]) => run('ovs-vsctl', [`--db=${c.ovsRemote}`, '--timeout=20', ...args], { env: privateEnv(c.dir) });
  vsctl('--no-wait', 'init');
  daemon(c.netns, c.dir, 'ovs-vswitchd', 'ovs-vswitchd', [c.ovsRemote]);
  vsctl('add-br', 'br-phy', '--', 'set', 'bridge', 'br-phy', 'datapath_type=netdev', '--', 'add-port', 'br-phy', 'ul');
  run('ip', ['-n', c.netns, 'addr', 'add', `${c.encapIp}/16`, 'dev', 'br-phy']);
  run('ip', ['-n', c.netns, 'link', 'set', 'br-phy', 'up']);
  const { provider } = manifest;
  if (provider) plugProviderBridge(c, provider, index, vsctl);
  vsctl('set', 'open', '.', `external_ids:system-id=${c.name}`, `external_ids:hostname=${c.name}`, `external_ids:ovn-remote=${manifest.sbRemote}`,
    'external_ids:ovn-encap-type=geneve', `external_ids:ovn-encap-ip=${c.encapIp}`, 'external_ids:ovn-bridge-datapath-type=netdev',
    ...(gateway ? ['external_ids:ovn-cms-options=enable-chassis-as-gw'] : []),
    ...(provider ? [`external_ids:ovn-bridge-mappings=${provider.physnet}:${PROVIDER_BRIDGE}`] : []));
  vsctl('add-br', 'br-int', '--', 'set', 'bridge', 'br-int', 'datapath_type=netdev', 'fail-mode=secure', 'other-config:disable-in-band=true');
  // OVN 23.03's ovn-controller has no --unixctl: it puts its control socket in OVN_RUNDIR.
  daemon(c.netns, c.dir, 'ovn-controller', 'ovn-controller', [c.ovsRemote], false);
}

function pidfilesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, encoding: 'utf8' }).filter((f) => f.endsWith('.pid')).map((f) => join(dir, f));
}

function readPid(file: string): number[] {
  let pid = NaN;
  try { pid = Number(readFileSync(file, 'utf8').trim()); } catch { /* removed by its daemon on exit */ }
  return Number.isInteger(pid) && pid > 1 ? [pid] : [];
}
