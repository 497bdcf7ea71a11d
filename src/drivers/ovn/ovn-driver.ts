import { OvsdbClient, type Monitor } from '../../ovsdb/ovsdb-client.ts';
import type { RowChange } from '../../ovsdb/replica.ts';
import type { ChangeView, DesiredState, Driver } from '../driver.ts';
import { WorkQueue } from '../work-queue.ts';
import type { OvnDriverConfig } from './config.ts';
import { addressGroupIdOf } from './address-set-model.ts';
import { dhcpKeyOf } from './dhcp-model.ts';
import { isLogMeter } from './log-meter-model.ts';
import { DNS_LS_NAME_KEY } from './dns-model.ts';
import { EchoFilter } from './echo-filter.ts';
import { routersRoutingTo } from './ip-block-routes.ts';
import { portOfKey, subnetOfKey } from './dhcp-plan.ts';
import { segmentIdOf } from './localnet-model.ts';
import { securityKeysOf } from './security-group-plan.ts';
import { networkIdOf } from './ovn-model.ts';
import { OvnReconciler, type ReconcileKey } from './ovn-reconciler.ts';
import { routerIdOf } from './router-model.ts';
import { ROUTER_KEY_KINDS, RouterReconciler, type RouterKey } from './router-reconciler.ts';
import { QOS_FIP_KEY, QOS_PORT_KEY, QOS_ROUTER_KEY } from './qos-model.ts';
import { QosReconciler } from './qos-reconciler.ts';
import { SbChassis } from './sb-chassis.ts';

/** What the driver reports (the caller logs it). */
export type OvnDriverEvent =
  | { type: 'connected' | 'disconnected' | 'resynced'; detail?: string }
  | { type: 'reconcile-failed'; key: string; error: unknown; retryInMs?: number }
  | { type: 'feed-failed'; error: unknown };

/** The northbound rows and columns muon owns (and monitors); tools that count muon's writes watch the same. */
export const MONITORED_NB = {
  // load_balancer: port forwardings' (router-plan.ts), so that a switch change brings its routers back; dns_records: dns-reconcile.ts.
  Logical_Switch: { columns: ['name', 'external_ids', 'other_config', 'ports', 'qos_rules', 'load_balancer', 'dns_records'] },
  Logical_Switch_Port: { columns: ['name', 'type', 'addresses', 'port_security', 'enabled', 'external_ids', 'options', 'dhcpv4_options', 'dhcpv6_options', 'parent_name', 'tag'] },
  // DHCP
  DHCP_Options: { columns: ['cidr', 'options', 'external_ids'] },
  // Security groups
  Port_Group: { columns: ['name', 'ports', 'acls', 'external_ids'] },
  ACL: { columns: ['priority', 'direction', 'match', 'action', 'external_ids', 'log', 'name', 'severity', 'meter', 'label', 'options'] },
  Address_Set: { columns: ['name', 'addresses', 'external_ids'] },
  // DNS records (dns-reconcile.ts)
  DNS: { columns: ['records', 'external_ids'] },
  // Routing (router-reconciler.ts): whole rows, muon owns them under its routers.
  Logical_Router: {},
  Logical_Router_Port: {},
  Logical_Router_Static_Route: {},
  NAT: {},
  Gateway_Chassis: {},
  Load_Balancer: {},
  // QoS (qos-reconciler.ts)
  QoS: {},
  // Network logs' meters (log-reconcile.ts)
  Meter: {},
  Meter_Band: {},
};
const ROUTER_CHILD_COLUMNS = { NAT: 'nat', Logical_Router_Static_Route: 'static_routes', Logical_Router_Port: 'ports', Load_Balancer: 'load_balancer' } as const;

/**
 * The OVN driver: keeps OVN's northbound database equal to muon's networks
 * and ports. At start it connects, monitors the rows it owns, takes the
 * change feed's horizon, resyncs fully, then follows the feed from there;
 * every change becomes a key for the reconciler (ovn-reconciler.ts), and so
 * does every change of a monitored row — which puts back, within the time
 * of one reconcile, a row someone else changed or deleted. Failures retry
 * with backoff; the database is never rolled back (DESIGN.md §3).
 *
 * @example
 *   const driver = new OvnDriver({ nbConnection: 'unix:/run/ovn/ovnnb_db.sock' }, coreDesiredState(services));
 *   await driver.start();   // resolves after the first full resync
 */
export class OvnDriver implements Driver {
  private readonly client: OvsdbClient;
  private readonly queue: WorkQueue;
  private readonly reconciler: OvnReconciler;
  private readonly routers: RouterReconciler;
  private readonly qos: QosReconciler;
  /** Gateway candidates from the southbound DB (when configured). */
  private readonly sb: SbChassis | undefined;
  private monitor: Monitor | undefined;
  private following: Promise<void> | undefined;
  private readonly stopping = new AbortController();
  /** Echo suppression: the driver's own writes coming back through the monitor requeue nothing. */
  private readonly echo = new EchoFilter();
  /** Monitor changes that queued keys (`nbKeys`) and those recognised as the driver's own writes (`echoes`). */
  readonly stats = { nbKeys: 0, echoes: 0 };
  /** The change-feed revision every change up to which has been queued. */
  revision = 0;

  constructor(config: OvnDriverConfig, private readonly state: DesiredState, private readonly onEvent: (event: OvnDriverEvent) => void = () => {}) {
    this.client = new OvsdbClient({
      remote: config.nbConnection,
      database: 'OVN_Northbound',
      probeIntervalMs: config.probeIntervalMs,
      onEvent: (e) => { if (e.type !== 'retry') onEvent({ type: e.type, detail: e.error?.message }); },
    });
    this.reconciler = new OvnReconciler(this.client, () => this.monitor!.replica, state, this.echo);
    this.sb = config.sbConnection === undefined ? undefined : new SbChassis(config.sbConnection, () => this.gatewaysChanged(), config.probeIntervalMs);
    const gateways = () => this.sb?.candidates ?? config.gatewayChassis ?? [];
    this.routers = new RouterReconciler(this.client, () => this.monitor!.replica, state, gateways, (key) => this.queue.add(key));
    this.qos = new QosReconciler(this.client, () => this.monitor!.replica, state);
    this.queue = new WorkQueue((key) => this.reconcile(key), (key, error, retryInMs) => onEvent({ type: 'reconcile-failed', key, error, retryInMs }));
  }

  async start(): Promise<void> {
    await this.sb?.start();
    await this.client.start();
    this.monitor = await this.client.monitor(MONITORED_NB, (changes) => { if (this.following) this.nbChanged(changes); });
    this.revision = await this.state.headRevision();
    await this.resync();
    this.following = this.follow();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.queue.stop();
    await this.following;
    await this.client.stop();
    await this.sb?.stop();
  }

  /** A full resync now (also what `start` does), then whatever was queued meanwhile. */
  async resync(): Promise<void> {
    const written = await this.reconciler.fullResync() + await this.routers.fullResync();
    await this.qos.fullResync();
    this.onEvent({ type: 'resynced', detail: `${written} transaction(s) changed the northbound database` });
  }

  /** Resolves once every change up to `revision` has been reconciled (tests, `muon status`). */
  async settled(revision: number, timeoutMs = 30_000): Promise<void> {
    const until = Date.now() + timeoutMs;
    while (this.revision < revision) {
      if (Date.now() > until) throw new Error(`the OVN driver is at revision ${this.revision}, not ${revision}, after ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    await this.queue.idle();
  }

  /** One key: routing keys go to the router reconciler; switch keys to the switch reconciler, then bring the routers they touch. */
  private async reconcile(key: string): Promise<void> {
    const kind = key.slice(0, key.indexOf(':'));
    if (ROUTER_KEY_KINDS.has(kind)) {
      await this.routers.reconcile(key as RouterKey);
      return this.qosRelated(key);
    }
    if (kind === 'trunk') return this.trunkChanged(key.slice(kind.length + 1));
    if (kind === 'qos') return this.qos.reconcile(key.slice(kind.length + 1));
    if (kind === 'qos-policy') return this.qosPolicyChanged(key.slice(kind.length + 1));
    if (kind === 'log') return this.logChanged(key.slice(kind.length + 1));
    await this.reconciler.reconcile(key as ReconcileKey);
    await this.routers.related(key);
    await this.qosRelated(key);
    if (kind === 'port') await this.ipBlocksRelated(key.slice(kind.length + 1));
    if (kind === 'port') await this.logsRelated(key.slice(kind.length + 1));
  }

  /** Network logs: a log changed: the port groups it covers or covered, and the meters (log-reconcile.ts). */
  private async logChanged(logId: string): Promise<void> {
    for (const key of await this.reconciler.keysOfLog(logId)) this.queue.add(key);
  }

  /** Network logs: a port changed: the logs that target it (the groups they cover follow the port's). */
  private async logsRelated(portId: string): Promise<void> {
    for (const log of await this.state.logs([portId])) this.queue.add(`log:${log.id}`);
  }

  /** IP blocks: the routers that route a block to the port, or should (ip-block-routes.ts). */
  private async ipBlocksRelated(portId: string): Promise<void> {
    const port = await this.state.port(portId);
    const holds = port !== undefined && (await this.state.routedIpBlocks([portId])).length > 0;
    for (const id of routersRoutingTo(this.monitor!.replica, portId, holds ? { networkId: port.network_id } : undefined)) this.queue.add(`router:${id}`);
  }

  /** QoS: a policy (or one of its rules) changed: the networks it applies to. */
  private async qosPolicyChanged(policyId: string): Promise<void> {
    for (const networkId of await this.state.networksUsingQosPolicy(policyId)) this.queue.add(`qos:${networkId}`);
  }

  /**
   * QoS: a network, its port, a floating IP or a router changed: the QoS rows
   * of the switch it is on now, and of the switches that hold rows of it (a
   * deleted port, a moved or dropped gateway, a disassociated floating IP).
   */
  private async qosRelated(key: string): Promise<void> {
    const [kind, id] = key.split(/:(.*)/s) as [string, string];
    if (kind === 'network') this.queue.add(`qos:${id}`);
    const owner = QOS_OWNERS[kind];
    if (owner === undefined) return;
    const now = await owner.networkOf(this.state, id);
    if (now) this.queue.add(`qos:${now}`);
    for (const networkId of this.qos.networksWithRowsOf(owner.key, id)) this.queue.add(`qos:${networkId}`);
  }

  /** The gateway candidates changed: every router muon has in the northbound DB is looked at again. */
  private gatewaysChanged(): void {
    if (!this.following) return;
    for (const name of this.monitor!.replica.rows('Logical_Router').values()) {
      const id = routerIdOf(name.name as string);
      if (id) this.queue.add(`router:${id}`);
    }
  }

  /**
   * A trunk changed: its subports now, and every switch port that names a
   * parent (a deleted trunk's subports are not told: their rows say so).
   */
  private async trunkChanged(trunkId: string): Promise<void> {
    const trunk = (await this.state.trunks()).find((t) => t.id === trunkId);
    for (const sub of trunk?.sub_ports ?? []) this.queue.add(`port:${sub.port_id}`);
    for (const row of this.monitor!.replica.rows('Logical_Switch_Port').values()) {
      if (row.parent_name) this.queue.add(`port:${row.name as string}`);
    }
  }

  private async follow(): Promise<void> {
    const abort = this.stopping.signal;
    let failures = 0;
    while (!abort.aborted) {
      try {
        const batch = await this.state.changes(this.revision, 30_000, abort);
        for (const change of batch.changes) {
          const key = keyOf(change);
          if (key) this.queue.add(key);
        }
        this.revision = batch.revision;
        failures = 0;
      } catch (error) {
        this.onEvent({ type: 'feed-failed', error });
        await new Promise((resolve) => setTimeout(resolve, Math.min(5000, 100 * 2 ** failures++)));
      }
    }
  }

  /** Rows of the northbound DB changed (by anyone): look at what muon owns there again. */
  private nbChanged(changes: RowChange[]): void {
    for (const change of changes) {
      if (this.echo.isEcho(change)) {
        this.stats.echoes++;
        continue;
      }
      this.stats.nbKeys++;
      const row = change.new ?? change.old!;
      if (this.routerRowChanged(change)) continue;
      if (change.table === 'QoS') {
        const networkId = this.qos.networkOfRow(row._uuid);
        if (networkId) this.queue.add(`qos:${networkId}`);
        continue;
      }
      if (change.table === 'Meter' || change.table === 'Meter_Band') {
        if (this.isLogMeterRow(change.table, row)) this.queue.add('log_meter:all');
      } else if (change.table === 'Logical_Switch') {
        const networkId = networkIdOf(row.name as string);
        if (networkId) this.queue.add(`network:${networkId}`);
      } else if (change.table === 'DHCP_Options') {
        const key = dhcpKeyOf(row.external_ids as Record<string, string>);
        if (key !== undefined) this.queue.add(portOfKey(key) === undefined ? `subnet:${subnetOfKey(key)}` : `port:${portOfKey(key)!}`);
      } else if (change.table === 'DNS') {
        const networkId = networkIdOf(String((row.external_ids as Record<string, string>)[DNS_LS_NAME_KEY] ?? ''));
        if (networkId) this.queue.add(`network:${networkId}`);
      } else if (change.table === 'Address_Set') {
        const groupId = addressGroupIdOf(row.name as string);
        if (groupId) this.queue.add(`address_group:${groupId}`);
      } else if (change.table === 'Port_Group' || change.table === 'ACL') {
        for (const key of securityKeysOf(change.table, row, this.monitor!.replica.rows('Port_Group').values())) this.queue.add(key);
      } else if (segmentIdOf(row.name as string) !== undefined) {
        this.queue.add(`segment:${segmentIdOf(row.name as string)!}`);
      } else if ((row.external_ids as Record<string, string>)['neutron:network_name'] !== undefined) {
        this.queue.add(`port:${row.name as string}`);
      }
    }
  }

  /** Network logs: a log meter, or a band one holds. */
  private isLogMeterRow(table: string, row: { _uuid: string; name?: unknown }): boolean {
    if (table === 'Meter') return isLogMeter(row.name);
    return [...this.monitor!.replica.rows('Meter').values()].some((meter) => isLogMeter(meter.name) && (meter.bands as string[]).includes(row._uuid));
  }

  /**
   * A routing row changed (true), or the row is not one (false): requeue the
   * router muon owns that holds it — by name, by external_ids, or by the
   * router (or router port) that references it.
   */
  private routerRowChanged(change: RowChange): boolean {
    const row = change.new ?? change.old!;
    const replica = this.monitor!.replica;
    const requeue = (name: unknown) => { const id = routerIdOf(String(name ?? '')); if (id) this.queue.add(`router:${id}`); };
    if (change.table === 'Logical_Router') requeue(row.name);
    else if (change.table === 'Gateway_Chassis') {
      for (const lrp of replica.rows('Logical_Router_Port').values()) {
        if ((lrp.gateway_chassis as string[]).includes(row._uuid)) requeue((lrp.external_ids as Record<string, string>)['neutron:router_name']);
      }
    } else if (change.table in ROUTER_CHILD_COLUMNS) {
      requeue((row.external_ids as Record<string, string>)['neutron:router_name']);
      const column = ROUTER_CHILD_COLUMNS[change.table as keyof typeof ROUTER_CHILD_COLUMNS];
      for (const router of replica.rows('Logical_Router').values()) {
        if ((router[column] as string[]).includes(row._uuid)) requeue(router.name);
      }
    } else return false;
    return true;
  }
}

/** What may own QoS rows, by reconcile key kind: the external_ids key of its rows and the network whose switch it is on. */
const QOS_OWNERS: Record<string, { key: string; networkOf(state: DesiredState, id: string): Promise<string | undefined> }> = {
  port: { key: QOS_PORT_KEY, networkOf: async (state, id) => (await state.port(id))?.network_id },
  floatingip: { key: QOS_FIP_KEY, networkOf: async (state, id) => (await state.floatingIp(id))?.floating_network_id },
  router: { key: QOS_ROUTER_KEY, networkOf: async (state, id) => (await state.router(id))?.external_gateway_info?.network_id },
};

function keyOf(change: ChangeView): string | undefined {
  switch (change.resource_type) {
    case 'router': return `router:${change.resource_id}`;
    case 'floatingip': return `floatingip:${change.resource_id}`;
    case 'port_forwarding': return `port_forwarding:${change.resource_id}`;
    case 'trunk': return `trunk:${change.resource_id}`;
    case 'policy': return `qos-policy:${change.resource_id}`;
    case 'network': return `network:${change.resource_id}`;
    case 'port': return `port:${change.resource_id}`;
    case 'subnet': return `subnet:${change.resource_id}`;
    case 'segment': return `segment:${change.resource_id}`;
    case 'security_group': return `security_group:${change.resource_id}`;
    case 'security_group_rule': return `security_group_rule:${change.resource_id}`;
    case 'address_group': return `address_group:${change.resource_id}`;
    case 'log': return `log:${change.resource_id}`;
    default: return undefined;
  }
}
