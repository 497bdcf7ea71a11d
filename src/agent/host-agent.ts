import { OvsdbClient, type Monitor } from '../ovsdb/ovsdb-client.ts';
import { WorkQueue } from '../drivers/work-queue.ts';
import { MuonApiError, type MuonClient } from './muon-client.ts';
import { MetadataAgent } from './metadata-agent.ts';
import { MetadataNamespaces } from './metadata-namespaces.ts';
import { MetadataProxy } from './metadata-proxy.ts';
import { alreadyReported, localInterfaces, reportFor, type LocalInterface, type MuonPort } from './port-binding.ts';

/** The metadata proxy's settings; without them the agent runs none. */
export interface MetadataOptions {
  /** Nova's metadata API, e.g. http://127.0.0.1:8775. */
  readonly novaUrl: string;
  readonly sharedSecret: string;
  /** The agent's Unix socket for the per-network listeners. */
  readonly socketPath: string;
  /** The namespace where br-int's host side lives (sandbox chassis); the agent's own by default. */
  readonly hostNetns?: string;
  /** Prefix of the `ovnmeta-<network id>` namespace names. */
  readonly netnsPrefix?: string;
}

export interface HostAgentOptions {
  /** This host's name: the chassis (OVS system-id) and the binding:host_id of its ports. */
  readonly host: string;
  /** The local Open_vSwitch database, e.g. `unix:/run/openvswitch/db.sock`. */
  readonly ovsRemote: string;
  /** Seconds between heartbeats (agents are shown dead after agentDownTime, 75 s). */
  readonly heartbeatS?: number;
  /** Seconds between full passes over this host's ports (catches anything a lost report missed). */
  readonly resyncS?: number;
  readonly metadata?: MetadataOptions;
  readonly log?: (line: string) => void;
}

export const AGENT_TYPE = 'OVN Controller agent';
/** The port fields the agent reads (one port, or the list of those bound here). */
const PORT_FIELDS = ['id', 'status', 'binding:host_id', 'binding:vif_type', 'binding:profile', 'network_id', 'device_owner'].map((f) => `fields=${f}`).join('&');
type SeenPort = MuonPort & { network_id: string; device_owner: string };
const BINARY = 'muon-agent';

/*
 * `muon agent`: one per chassis. Level-based like the drivers: a change of
 * the local Interface table (monitored, so ovn-controller's ovn-installed
 * mark arrives as it is written) queues the port ids it touches; working a
 * port reads it from muon, decides (port-binding.ts) and reports only what
 * differs. A periodic pass queues every port plugged here or bound here, so
 * a report lost while muon was down is made again. Heartbeats go to the
 * agents API. Keys `network:<id>` are the metadata side (metadata-agent.ts):
 * a network is wanted here while one of its instance ports is plugged here.
 */
export class HostAgent {
  private readonly ovs: OvsdbClient;
  private readonly queue: WorkQueue;
  private interfaces: Monitor | undefined;
  private timers: NodeJS.Timeout[] = [];
  private firstHeartbeat = true;
  /** Ports read by the periodic pass's list call, not yet reconciled (see `resync`). */
  private readonly listed = new Map<string, SeenPort>();
  /** Status reports sent to muon since start (those that changed something). */
  private reportsSent = 0;
  /** What muon said about ports seen here: their network and owner (for the metadata side). */
  private readonly known = new Map<string, { networkId: string; deviceOwner: string }>();
  private readonly metadata: { agent: MetadataAgent; proxy: MetadataProxy; namespaces: MetadataNamespaces } | undefined;

  constructor(private readonly muon: MuonClient, private readonly options: HostAgentOptions) {
    this.ovs = new OvsdbClient({ remote: options.ovsRemote, database: 'Open_vSwitch' });
    const md = options.metadata;
    if (md) {
      const namespaces = new MetadataNamespaces({ hostNetns: md.hostNetns, netnsPrefix: md.netnsPrefix ?? '', ovsRemote: options.ovsRemote, socketPath: md.socketPath });
      this.metadata = { namespaces, agent: new MetadataAgent(muon, namespaces), proxy: new MetadataProxy(muon, md) };
    }
    this.queue = new WorkQueue((key) => (key.startsWith('network:') ? this.reconcileNetwork(key.slice(8)) : this.reconcilePort(key)), (key, error, retryInMs) =>
      this.log(`port ${key}: ${(error as Error).message}${retryInMs === undefined ? '' : `; retrying in ${retryInMs} ms`}`));
  }

  /**
   * Connects to OVS and reports ports as they change. Resolves once running;
   * muon being unreachable does not stop it (heartbeats and the periodic pass
   * retry, and each port's report is retried with backoff).
   */
  async start(): Promise<void> {
    await this.heartbeat().catch((error: Error) => this.log(`heartbeat failed (${error.message}); retrying every ${this.options.heartbeatS ?? 30} s`));
    await this.metadata?.proxy.start();
    await this.ovs.start();
    this.interfaces = await this.ovs.monitor({ Interface: { columns: ['name', 'external_ids', 'error'] } }, (changes) => {
      for (const change of changes) {
        for (const row of [change.old, change.new]) {
          const id = (row?.external_ids as Record<string, string> | undefined)?.['iface-id'];
          if (id) this.queue.add(id);
        }
      }
    });
    const started = performance.now();
    await this.resync().then(
      // "first pass done" is this agent's converge signal (a restart is judged by it): every port here looked at, every report sent.
      (ports) => void this.queue.idle().then(() => this.log(`first pass done in ${Math.round(performance.now() - started)} ms: ${ports} port(s) looked at, ${this.reportsSent} status report(s) sent`)),
      (error: Error) => this.log(`first pass failed (${error.message}); retrying every ${this.options.resyncS ?? 60} s`));
    this.every(this.options.heartbeatS ?? 30, () => this.heartbeat());
    this.every(this.options.resyncS ?? 60, () => this.resync());
  }

  /** Stops timers, the queue and the OVS connection. */
  async stop(): Promise<void> {
    for (const timer of this.timers) clearInterval(timer);
    this.queue.stop();
    await this.interfaces?.cancel();
    await this.ovs.stop();
    this.metadata?.namespaces.stopListeners();
    await this.metadata?.proxy.stop();
  }

  /** Resolves when every queued port has been worked (tests). */
  idle(): Promise<void> { return this.queue.idle(); }

  private local(): Map<string, LocalInterface> {
    const rows = this.interfaces ? [...this.interfaces.replica.rows('Interface').values()] : [];
    return new Map(localInterfaces(rows).map((i) => [i.portId, i]));
  }

  private async reconcilePort(portId: string): Promise<void> {
    let port: MuonPort;
    try {
      port = this.takeListed(portId) ?? (await this.muon.call('GET', `/v2.0/ports/${encodeURIComponent(portId)}?${PORT_FIELDS}`)).port;
      const seen = port as SeenPort;
      this.known.set(portId, { networkId: seen.network_id, deviceOwner: seen.device_owner });
      if (this.metadata) this.queue.add(`network:${seen.network_id}`);
      // The network's own ports (the metadata localport is on every chassis) have no host to report for.
      if (seen.device_owner.startsWith('network:')) return;
    } catch (error) {
      if (error instanceof MuonApiError && error.status === 404) { this.log(`port ${portId} is plugged here but muon has no such port`); return; }
      throw error;
    }
    const iface = this.local().get(portId);
    const boundElsewhere = iface !== undefined && port['binding:host_id'] !== '' && port['binding:host_id'] !== this.options.host;
    const report = reportFor(this.options.host, port, iface, boundElsewhere && (await this.hasInactiveBindingHere(portId)));
    if (report === undefined || alreadyReported(port, report)) return;
    await this.muon.call('PUT', `/v2.0/muon/ports/${encodeURIComponent(portId)}/status`, { port_status: report });
    this.reportsSent++;
    this.log(`port ${portId}: ${report.status}${report.reason ? ` (${report.reason})` : ''}`);
  }

  /** The metadata side of one network: wanted while an instance port of it is plugged here. */
  private async reconcileNetwork(networkId: string): Promise<void> {
    const local = this.local();
    const wanted = [...this.known].some(([portId, p]) => p.networkId === networkId && !p.deviceOwner.startsWith('network:') && local.has(portId));
    await this.metadata?.agent.reconcile(networkId, wanted);
  }

  /**
   * Queues every port bound or plugged here (and the metadata networks);
   * returns how many ports. The ports bound here come from one list call,
   * kept for their first reconcile: a restarted agent looks at 1,000 ports
   * without 1,000 GETs. A record is at most one pass old when used, and only
   * this agent reports these ports' status, so it is as good as a GET.
   */
  private async resync(): Promise<number> {
    for (const networkId of this.metadata?.namespaces.networks() ?? []) this.queue.add(`network:${networkId}`);
    const bound = (await this.muon.call('GET', `/v2.0/ports?binding:host_id=${encodeURIComponent(this.options.host)}&${PORT_FIELDS}`)).ports as SeenPort[];
    for (const port of bound) this.listed.set(port.id, port);
    const ids = new Set([...bound.map((p) => p.id), ...this.local().keys()]);
    for (const id of ids) this.queue.add(id);
    return ids.size;
  }

  /**
   * Whether the port has an INACTIVE binding on this host (binding-extended):
   * plugged here ahead of a live migration, not a wrong plug. Asked only for
   * ports plugged here but bound elsewhere; any refusal counts as no.
   */
  private async hasInactiveBindingHere(portId: string): Promise<boolean> {
    try {
      const { binding } = await this.muon.call('GET', `/v2.0/ports/${encodeURIComponent(portId)}/bindings/${encodeURIComponent(this.options.host)}?fields=status`);
      return binding?.status === 'INACTIVE';
    } catch (error) {
      if (error instanceof MuonApiError && error.status >= 400 && error.status < 500) return false;
      throw error;
    }
  }

  /** The port as the last pass's list showed it, once (later reconciles read it again). */
  private takeListed(portId: string): SeenPort | undefined {
    const port = this.listed.get(portId);
    this.listed.delete(portId);
    return port;
  }

  private async heartbeat(): Promise<void> {
    await this.muon.call('POST', '/v2.0/muon/agents', { agent: {
      agent_type: AGENT_TYPE, binary: BINARY, host: this.options.host, topic: 'N/A', start_flag: this.firstHeartbeat,
      configurations: { chassis_name: this.options.host, bridge_mappings: {} },
    } });
    this.firstHeartbeat = false;
  }

  private every(seconds: number, task: () => Promise<unknown>): void {
    this.timers.push(setInterval(() => { task().catch((error: Error) => this.log(`${task.name || 'periodic task'} failed: ${error.message}`)); }, seconds * 1000));
  }

  private log(line: string): void {
    this.options.log?.(`muon agent ${this.options.host}: ${line}`);
  }
}
