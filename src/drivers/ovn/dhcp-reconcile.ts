import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { Transaction } from '../../ovsdb/transaction.ts';
import type { DesiredState, NetworkView, PortView, SubnetView } from '../driver.ts';
import { desiredPortDhcp, desiredSubnetDhcp, dhcpKeyOf, type DhcpSpec } from './dhcp-model.ts';
import { planDhcpRows, planNetworkDhcp, portOfKey, refOf, type PortDhcpColumns } from './dhcp-plan.ts';

/**
 * The DHCP part of the OVN reconciler: reads what it needs of the desired
 * state and plans DHCP_Options rows into the caller's transaction (so a
 * switch port and the row it points at are written together). Writes nothing
 * itself; `rows` is the monitor's current DHCP_Options table.
 */
export class DhcpReconcile {
  constructor(private readonly rows: () => Iterable<ReplicaRow>, private readonly state: DesiredState) {}

  /** Every row of the network's subnets; the DHCP columns of each of its ports. */
  planNetwork(txn: Transaction<OvnNorthbound>, network: NetworkView, subnets: readonly SubnetView[], ports: readonly PortView[]): Map<string, PortDhcpColumns> {
    return planNetworkDhcp(txn, this.rows(), network, subnets, ports);
  }

  /** Removes every muon row whose key `inScope` accepts. */
  planRemoval(txn: Transaction<OvnNorthbound>, inScope: (key: string) => boolean): void {
    planDhcpRows(txn, this.rows(), inScope, []);
  }

  /**
   * One port: its own rows (extra DHCP options), and its columns. Undefined
   * when a subnet row it needs is missing or its network is gone: the
   * network's reconcile is the one to write that.
   */
  async planPort(txn: Transaction<OvnNorthbound>, port: PortView, subnets: readonly SubnetView[]): Promise<PortDhcpColumns | undefined> {
    const network = await this.state.network(port.network_id);
    if (network === undefined) return undefined;
    // Only a port with options of its own copies its subnet's options, which name the metadata port's address.
    const ports = (port.extra_dhcp_opts ?? []).length > 0 ? await this.state.ports(port.network_id) : [];
    const subnetRows = new Map(subnets.flatMap((s) => {
      const spec = desiredSubnetDhcp(s, network, ports);
      return spec ? [[s.id, spec] as const] : [];
    }));
    const [v4, v6] = [desiredPortDhcp(port, 4, subnetRows), desiredPortDhcp(port, 6, subnetRows)];
    const existing = this.subnetRowUuids();
    if ([v4, v6].some((d) => d.kind === 'subnet' && !existing.has(d.key))) return undefined;
    const own: DhcpSpec[] = [v4, v6].flatMap((d) => (d.kind === 'port' ? [d.spec] : []));
    const refs = planDhcpRows(txn, this.rows(), (key) => portOfKey(key) === port.id, own);
    for (const [key, uuid] of existing) refs.set(key, uuid);
    return { dhcpv4_options: refOf(v4, refs), dhcpv6_options: refOf(v6, refs) };
  }

  /** Subnet key → uuid of the subnet rows there now. */
  private subnetRowUuids(): Map<string, string> {
    const uuids = new Map<string, string>();
    for (const row of this.rows()) {
      const key = dhcpKeyOf(row.external_ids as Record<string, string>);
      if (key !== undefined && portOfKey(key) === undefined) uuids.set(key, row._uuid);
    }
    return uuids;
  }
}
