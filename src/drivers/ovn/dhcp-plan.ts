import { datumEquals } from '../../ovsdb/datum.ts';
import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { Transaction } from '../../ovsdb/transaction.ts';
import type { NetworkView, PortView, SubnetView } from '../driver.ts';
import { desiredPortDhcp, desiredSubnetDhcp, dhcpKeyOf, type DhcpSpec, type PortDhcp } from './dhcp-model.ts';

/** A switch port's two DHCP columns: a row's uuid, the uuid-name of a row inserted in the same transaction, or null. */
export interface PortDhcpColumns {
  readonly dhcpv4_options: string | null;
  readonly dhcpv6_options: string | null;
}

/** The subnet id of a muon DHCP_Options key (`<subnet id>` or `<subnet id>/<port id>`). */
export const subnetOfKey = (key: string): string => key.split('/')[0]!;
/** The port id of a per-port key, or undefined for a subnet's row. */
export const portOfKey = (key: string): string | undefined => key.split('/')[1];

/**
 * Adds to `txn` what makes muon's DHCP_Options rows whose key `inScope`
 * accepts exactly `wanted` (rows in scope that are not wanted, and second
 * rows of one key, go; missing ones are inserted first in `txn`). Returns,
 * per wanted key, what a switch port's dhcpv*_options column should hold.
 * Rows without a `subnet_id` in external_ids are not muon's and never touched.
 */
export function planDhcpRows(txn: Transaction<OvnNorthbound>, rows: Iterable<ReplicaRow>, inScope: (key: string) => boolean, wanted: readonly DhcpSpec[]): Map<string, string> {
  const existing = new Map<string, ReplicaRow>();
  const specs = new Map(wanted.map((spec) => [spec.key, spec]));
  for (const row of rows) {
    const key = dhcpKeyOf(row.external_ids as Record<string, string>);
    if (key === undefined || !inScope(key)) continue;
    if (!specs.has(key) || existing.has(key)) txn.delete('DHCP_Options', [['_uuid', '==', row._uuid]]);
    else existing.set(key, row);
  }
  const refs = new Map<string, string>();
  let inserted = 0;
  for (const spec of specs.values()) {
    const row = existing.get(spec.key);
    const columns = { cidr: spec.cidr, options: spec.options, external_ids: spec.external_ids };
    if (row === undefined) {
      const uuidName = `dhcp${inserted++}`;
      txn.insert('DHCP_Options', columns, uuidName);
      refs.set(spec.key, uuidName);
      continue;
    }
    const changed = Object.entries(columns).filter(([column, value]) => !datumEquals(row[column] ?? null, value as never));
    if (changed.length > 0) txn.update('DHCP_Options', [['_uuid', '==', row._uuid]], Object.fromEntries(changed));
    refs.set(spec.key, row._uuid);
  }
  return refs;
}

/**
 * A network's DHCP: its subnets' rows and its ports' own rows, all in `txn`
 * (scope: every muon row of these subnets). Returns the DHCP columns of each
 * port by port id.
 */
export function planNetworkDhcp(txn: Transaction<OvnNorthbound>, rows: Iterable<ReplicaRow>, network: NetworkView, subnets: readonly SubnetView[], ports: readonly PortView[]): Map<string, PortDhcpColumns> {
  const subnetRows = new Map(subnets.flatMap((subnet) => {
    const spec = desiredSubnetDhcp(subnet, network, ports);
    return spec ? [[subnet.id, spec] as const] : [];
  }));
  const perPort = ports.map((port) => ({ port, v4: desiredPortDhcp(port, 4, subnetRows), v6: desiredPortDhcp(port, 6, subnetRows) }));
  const wanted = [...subnetRows.values(), ...perPort.flatMap(({ v4, v6 }) => [v4, v6].flatMap((d) => (d.kind === 'port' ? [d.spec] : [])))];
  const ids = new Set(subnets.map((s) => s.id));
  const refs = planDhcpRows(txn, rows, (key) => ids.has(subnetOfKey(key)), wanted);
  return new Map(perPort.map(({ port, v4, v6 }) => [port.id, { dhcpv4_options: refOf(v4, refs), dhcpv6_options: refOf(v6, refs) }]));
}

/** What a port's column holds for `dhcp` given the refs of planned rows (null if the row is not there). */
export function refOf(dhcp: PortDhcp, refs: ReadonlyMap<string, string>): string | null {
  if (dhcp.kind === 'none') return null;
  return refs.get(dhcp.kind === 'subnet' ? dhcp.key : dhcp.spec.key) ?? null;
}
