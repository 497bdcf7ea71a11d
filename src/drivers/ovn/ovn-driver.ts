import { OvsdbClient, type Monitor } from '../../ovsdb/ovsdb-client.ts';
import type { RowChange } from '../../ovsdb/replica.ts';
import type { ChangeView, DesiredState, Driver } from '../driver.ts';
import { WorkQueue } from '../work-queue.ts';
import type { OvnDriverConfig } from './config.ts';
import { dhcpKeyOf } from './dhcp-model.ts';
import { EchoFilter } from './echo-filter.ts';
import { portOfKey, subnetOfKey } from './dhcp-plan.ts';
import { segmentIdOf } from './localnet-model.ts';
import { securityKeysOf } from './security-group-plan.ts';
import { networkIdOf } from './ovn-model.ts';
import { OvnReconciler, type ReconcileKey } from './ovn-reconciler.ts';

/** What the driver reports (the caller logs it). */
export type OvnDriverEvent =
  | { type: 'connected' | 'disconnected' | 'resynced'; detail?: string }
  | { type: 'reconcile-failed'; key: string; error: unknown; retryInMs?: number }
  | { type: 'feed-failed'; error: unknown };

const MONITORED = {
  Logical_Switch: { columns: ['name', 'external_ids', 'other_config', 'ports'] },
  Logical_Switch_Port: { columns: ['name', 'type', 'addresses', 'port_security', 'enabled', 'external_ids', 'options', 'dhcpv4_options', 'dhcpv6_options', 'tag'] },
  // DHCP
  DHCP_Options: { columns: ['cidr', 'options', 'external_ids'] },
  // Security groups
  Port_Group: { columns: ['name', 'ports', 'acls', 'external_ids'] },
  ACL: { columns: ['priority', 'direction', 'match', 'action', 'external_ids', 'log', 'name', 'severity', 'meter', 'label', 'options'] },
};

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
    this.queue = new WorkQueue((key) => this.reconciler.reconcile(key as ReconcileKey), (key, error, retryInMs) => onEvent({ type: 'reconcile-failed', key, error, retryInMs }));
  }

  async start(): Promise<void> {
    await this.client.start();
    this.monitor = await this.client.monitor(MONITORED, (changes) => { if (this.following) this.nbChanged(changes); });
    this.revision = await this.state.headRevision();
    await this.resync();
    this.following = this.follow();
  }

  async stop(): Promise<void> {
    this.stopping.abort();
    this.queue.stop();
    await this.following;
    await this.client.stop();
  }

  /** A full resync now (also what `start` does), then whatever was queued meanwhile. */
  async resync(): Promise<void> {
    const written = await this.reconciler.fullResync();
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
      if (change.table === 'Logical_Switch') {
        const networkId = networkIdOf(row.name as string);
        if (networkId) this.queue.add(`network:${networkId}`);
      } else if (change.table === 'DHCP_Options') {
        const key = dhcpKeyOf(row.external_ids as Record<string, string>);
        if (key !== undefined) this.queue.add(portOfKey(key) === undefined ? `subnet:${subnetOfKey(key)}` : `port:${portOfKey(key)!}`);
      } else if (change.table === 'Port_Group' || change.table === 'ACL') {
        for (const key of securityKeysOf(change.table, row, this.monitor!.replica.rows('Port_Group').values())) this.queue.add(key);
      } else if (segmentIdOf(row.name as string) !== undefined) {
        this.queue.add(`segment:${segmentIdOf(row.name as string)!}`);
      } else if ((row.external_ids as Record<string, string>)['neutron:network_name'] !== undefined) {
        this.queue.add(`port:${row.name as string}`);
      }
    }
  }
}

function keyOf(change: ChangeView): ReconcileKey | undefined {
  switch (change.resource_type) {
    case 'network': return `network:${change.resource_id}`;
    case 'port': return `port:${change.resource_id}`;
    case 'subnet': return `subnet:${change.resource_id}`;
    case 'segment': return `segment:${change.resource_id}`;
    case 'security_group': return `security_group:${change.resource_id}`;
    case 'security_group_rule': return `security_group_rule:${change.resource_id}`;
    default: return undefined;
  }
}
