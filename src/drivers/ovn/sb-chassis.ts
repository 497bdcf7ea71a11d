import { OvsdbClient, type Monitor } from '../../ovsdb/ovsdb-client.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';

/**
 * The chassis that may host router gateways, as ML2/OVN finds them: those
 * whose `ovn-cms-options` (in the southbound Chassis row's other_config, or
 * external_ids on older OVN) list `enable-chassis-as-gw`. Pure.
 */
export function gatewayCandidates(chassis: Iterable<ReplicaRow>): string[] {
  const names: string[] = [];
  for (const row of chassis) {
    const options = [(row.other_config as Record<string, string> | undefined)?.['ovn-cms-options'], (row.external_ids as Record<string, string> | undefined)?.['ovn-cms-options']];
    if (options.some((o) => (o ?? '').split(',').map((s) => s.trim()).includes('enable-chassis-as-gw'))) names.push(row.name as string);
  }
  return [...new Set(names)].sort();
}

/**
 * Follows the southbound Chassis table (read only) and says when the
 * gateway candidates change. `candidates` is what is known now (empty until
 * `start` resolves). Reconnects on its own, as every OvsdbClient does.
 *
 * @example
 *   const sb = new SbChassis('unix:/run/ovn/ovnsb_db.sock', () => requeueRouters());
 *   await sb.start();
 *   sb.candidates   // ['gw1', 'gw2']
 */
export class SbChassis {
  private readonly client: OvsdbClient;
  private monitor: Monitor | undefined;
  candidates: readonly string[] = [];

  constructor(remote: string, private readonly onChange: () => void, probeIntervalMs?: number) {
    this.client = new OvsdbClient({ remote, database: 'OVN_Southbound', probeIntervalMs });
  }

  async start(): Promise<void> {
    await this.client.start();
    this.monitor = await this.client.monitor({ Chassis: { columns: ['name', 'other_config', 'external_ids'] } }, () => this.refresh());
    this.refresh();
  }

  async stop(): Promise<void> {
    await this.client.stop();
  }

  private refresh(): void {
    if (!this.monitor) return;
    const now = gatewayCandidates(this.monitor.replica.rows('Chassis').values());
    if (now.join(' ') === this.candidates.join(' ')) return;
    this.candidates = now;
    this.onChange();
  }
}
