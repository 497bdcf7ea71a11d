import { datumEquals } from '../../ovsdb/datum.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { DesiredState, NetworkView, PortView } from '../driver.ts';
import { desiredDns, DNS_LS_NAME_KEY, publishesDns, type DnsSpec } from './dns-model.ts';
import { networkIdOf, switchName } from './ovn-model.ts';
import type { NbWriter } from './security-group-reconcile.ts';

type Txn = ReturnType<NbWriter['transaction']>;

/**
 * The DNS rows of networks (dns-model.ts). A network's row is muon's when its
 * external_ids `ls_name` names the network's switch; DNS rows of others, and
 * others' rows in a switch's `dns_records`, are left alone. Runs after the
 * switch is written (the row hangs off it; DNS is a root table, the switch's
 * reference is weak).
 */
export class DnsReconcile {
  constructor(private readonly nb: NbWriter, private readonly state: DesiredState) {}

  /**
   * Whether a port's change may change its network's records: it publishes a
   * name, or the network has a row (which may hold the port's old names).
   * Networks without names are never read again for their ports' sake.
   */
  concerns(port: PortView): boolean {
    return publishesDns(port) || this.hasRow(port.network_id);
  }

  /** Whether the network has a muon DNS row now. */
  hasRow(networkId: string): boolean {
    return this.rowsOf(switchName(networkId)).length > 0;
  }

  /** One network's row (none when the network is gone or has no names). */
  async reconcile(networkId: string, known?: { network: NetworkView | undefined; ports: readonly PortView[] }): Promise<boolean> {
    const network = known ? known.network : await this.state.network(networkId);
    const ports = known ? known.ports : network ? await this.state.ports(networkId) : [];
    const txn = this.nb.transaction();
    this.plan(txn, networkId, network && desiredDns(network, ports));
    return this.nb.commit(txn);
  }

  /** Every network's row, and none for a switch muon no longer has. Returns the transactions sent. */
  async fullResync(networks: readonly NetworkView[], portsOf: ReadonlyMap<string, readonly PortView[]>): Promise<number> {
    const txn = this.nb.transaction();
    const wanted = new Set(networks.map((n) => n.id));
    for (const network of networks) this.plan(txn, network.id, desiredDns(network, portsOf.get(network.id) ?? []));
    for (const row of this.nb.replica().rows('DNS').values()) {
      const networkId = networkIdOf(lsNameOf(row) ?? '');
      if (networkId !== undefined && !wanted.has(networkId)) txn.delete('DNS', [['_uuid', '==', row._uuid]]);
    }
    return (await this.nb.commit(txn)) ? 1 : 0;
  }

  private plan(txn: Txn, networkId: string, spec: DnsSpec | undefined): void {
    const name = switchName(networkId);
    const [row, ...extra] = this.rowsOf(name);
    for (const stray of extra) txn.delete('DNS', [['_uuid', '==', stray._uuid]]);
    const switchRow = [...this.nb.replica().rows('Logical_Switch').values()].find((ls) => ls.name === name);
    if (spec === undefined || switchRow === undefined) {
      // No names, or no switch (its network's reconcile comes back here once it is written).
      if (row) txn.delete('DNS', [['_uuid', '==', row._uuid]]);
      return;
    }
    if (row === undefined) {
      txn.insert('DNS', { records: spec.records, external_ids: spec.external_ids }, 'dns');
      txn.mutate('Logical_Switch', [['_uuid', '==', switchRow._uuid]], [['dns_records', 'insert', ['dns']]]);
      return;
    }
    const update: Record<string, unknown> = {};
    if (!datumEquals(row.records as never, spec.records as never)) update.records = spec.records;
    if (!datumEquals(row.external_ids as never, spec.external_ids as never)) update.external_ids = spec.external_ids;
    if (Object.keys(update).length > 0) txn.update('DNS', [['_uuid', '==', row._uuid]], update);
    if (!(switchRow.dns_records as string[]).includes(row._uuid)) {
      txn.mutate('Logical_Switch', [['_uuid', '==', switchRow._uuid]], [['dns_records', 'insert', [row._uuid]]]);
    }
  }

  /** muon's DNS rows of a switch, by uuid (any after the first is a stray). */
  private rowsOf(lsName: string): ReplicaRow[] {
    return [...this.nb.replica().rows('DNS').values()].filter((row) => lsNameOf(row) === lsName).sort((a, b) => a._uuid.localeCompare(b._uuid));
  }
}

function lsNameOf(row: ReplicaRow): string | undefined {
  return (row.external_ids as Record<string, string>)[DNS_LS_NAME_KEY];
}
