import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { OvsdbClient } from '../../ovsdb/ovsdb-client.ts';
import type { Replica } from '../../ovsdb/replica.ts';
import { Transaction } from '../../ovsdb/transaction.ts';
import type { DesiredState, PortView, SegmentView, SubnetView } from '../driver.ts';
import { portOfKey, subnetOfKey, type PortDhcpColumns } from './dhcp-plan.ts';
import { AddressSetReconcile } from './address-set-reconcile.ts';
import { DhcpReconcile } from './dhcp-reconcile.ts';
import { DnsReconcile } from './dns-reconcile.ts';
import { withIpBlockSecurity } from './ip-block-routes.ts';
import { desiredLocalnetPort, localnetPortName } from './localnet-model.ts';
import { LogReconcile } from './log-reconcile.ts';
import { SecurityGroupReconcile } from './security-group-reconcile.ts';
import { EchoFilter } from './echo-filter.ts';
import { NbIndex, planNetwork, planPort, planPortRemoval } from './nb-plan.ts';
import { desiredPort, desiredSwitch, networkIdOf, switchName, type PortSpec } from './ovn-model.ts';
import { subportBindings, withTrunkParents } from './trunk-model.ts';

/** What to reconcile: a network (its switch and every port on it), one port, or a subnet (its network's ports). */
export type ReconcileKey = `network:${string}` | `port:${string}` | `subnet:${string}`
  // localnet ports: a segment (its network's switch)
  | `segment:${string}`
  // security groups: a group's port group and ACLs, a rule's group, the drop group (`port_group:neutron_pg_drop`)
  | `security_group:${string}` | `security_group_rule:${string}` | `port_group:${string}`
  // address groups: a group's address sets
  | `address_group:${string}`
  // network logs: the meters of logged ACLs (`log_meter:all`; the ACLs' log columns come with their port groups)
  | `log_meter:${string}`;

/*
 * The reconcile loop (level-based, as controller-runtime and northd)
 * ------------------------------------------------------------------
 * A key names what to look at, never what happened: `reconcile` reads muon's
 * desired state now and the northbound rows now (the monitor's replica), and
 * writes only the difference, in one OVSDB transaction. Running it twice, or
 * for a key nothing happened to, writes nothing. So the change feed only has
 * to say *which* keys to look at, a lost or repeated change is harmless, and
 * a row someone changed behind muon's back is put back by the same code.
 *
 * `fullResync` is the same computation for every network at once (one
 * transaction per network, so its size is bounded by the largest network),
 * plus the removal of `neutron-<uuid>` switches muon no longer has.
 * Incremental reconciles must leave the database exactly as a full resync
 * would (test/ovn/ovn-driver.test.ts checks it).
 */
export class OvnReconciler {
  private readonly dhcp: DhcpReconcile;
  private readonly sg: SecurityGroupReconcile;
  private readonly addressSets: AddressSetReconcile;
  private readonly dns: DnsReconcile;
  private readonly logs: LogReconcile;

  constructor(private readonly client: OvsdbClient, private readonly replica: () => Replica, private readonly state: DesiredState,
    /** Echo suppression: registers each transaction while in flight (echo-filter.ts). */
    private readonly echo: EchoFilter = new EchoFilter()) {
    this.dhcp = new DhcpReconcile(() => this.replica().rows('DHCP_Options').values(), state);
    const writer = { replica, transaction: () => this.transaction(), commit: (txn: Transaction<OvnNorthbound>) => this.commit(txn) };
    this.sg = new SecurityGroupReconcile(writer, state);
    this.addressSets = new AddressSetReconcile(writer, state);
    this.dns = new DnsReconcile(writer, state);
    this.logs = new LogReconcile(writer, state);
  }

  async reconcile(key: ReconcileKey): Promise<void> {
    const [kind, id] = key.split(/:(.*)/s) as [string, string];
    if (kind === 'network') return this.reconcileNetwork(id);
    if (kind === 'port') return this.reconcilePort(id);
    if (kind === 'segment') return this.reconcileSegment(id);
    if (kind === 'security_group') return void (await this.sg.reconcileGroup(id));
    if (kind === 'security_group_rule') return this.sg.reconcileRule(id);
    if (kind === 'port_group') return void (await this.sg.reconcileDropGroup());
    if (kind === 'address_group') return void (await this.addressSets.reconcile(id));
    if (kind === 'log_meter') return void (await this.logs.reconcileMeters());
    const subnet = await this.state.subnet(id);
    // A deleted subnet's network has its revision moved too: that change brings the network's key.
    if (subnet) return this.reconcileNetwork(subnet.network_id);
    // DHCP: a deleted subnet's DHCP_Options rows (its own and its ports') go.
    const txn = this.transaction();
    this.dhcp.planRemoval(txn, (key) => subnetOfKey(key) === id);
    await this.commit(txn);
  }

  /** The switch of one network with exactly the network's ports (or no switch if the network is gone). */
  async reconcileNetwork(networkId: string): Promise<void> {
    const network = await this.state.network(networkId);
    const [subnets, ports, segments] = network ? await Promise.all([this.state.subnets(networkId), this.state.ports(networkId), this.state.segments(networkId)]) : [[], [], []];
    const txn = this.transaction();
    const dhcp = network && this.dhcp.planNetwork(txn, network, subnets, ports);
    const specs = withIpBlockSecurity(await this.trunked(portSpecs(ports, subnets, dhcp)), await this.state.routedIpBlocks(ports.map((p) => p.id)));
    planNetwork(txn, this.index(), switchName(networkId), network && desiredSwitch(network), [...specs, ...localnetSpecs(segments)]);
    await this.commit(txn);
    // Security groups: the ports' switch ports in their port groups.
    await this.sg.syncMembership(ports);
    // DNS: the switch's records, once the switch is there.
    await this.dns.reconcile(networkId, { network, ports });
  }

  /** One port's switch port; a port whose switch is missing brings its whole network. */
  async reconcilePort(portId: string): Promise<void> {
    const port = await this.state.port(portId);
    const index = this.index();
    const txn = this.transaction();
    if (port === undefined) {
      // DHCP: the metadata port's address is in its subnets' options, so its network is looked at again.
      const metadataOf = metadataNetworkOf(index, portId);
      if (metadataOf) return this.reconcileNetwork(metadataOf);
      const networkId = networkOfPort(index, portId);
      planPortRemoval(txn, index, portId);
      this.dhcp.planRemoval(txn, (key) => portOfKey(key) === portId);
      await this.commit(txn);
      // DNS: the port's names go from its network's records.
      if (networkId && this.dns.hasRow(networkId)) await this.dns.reconcile(networkId);
      return;
    }
    const switchRow = index.switches.get(switchName(port.network_id));
    if (switchRow === undefined || port.device_owner === 'network:distributed') return this.reconcileNetwork(port.network_id);
    const subnets = await this.state.subnets(port.network_id);
    // DHCP: undefined when the port needs a subnet row that is not there yet (its network's reconcile writes it).
    const dhcp = await this.dhcp.planPort(txn, port, subnets);
    if (dhcp === undefined) return this.reconcileNetwork(port.network_id);
    const spec = withIpBlockSecurity(await this.trunked(portSpecs([port], subnets, new Map([[port.id, dhcp]]))), await this.state.routedIpBlocks([port.id]))[0];
    if (spec === undefined) planPortRemoval(txn, index, portId);
    else if (planPort(txn, index, spec, switchRow, 'lsp')) txn.mutate('Logical_Switch', [['_uuid', '==', switchRow._uuid]], [['ports', 'insert', ['lsp']]]);
    await this.commit(txn);
    // Security groups: the switch port in its port groups.
    await this.sg.syncMembership([port]);
    // DNS: the network's records, when the port has names or the network had some.
    if (this.dns.concerns(port)) await this.dns.reconcile(port.network_id);
  }

  /** localnet ports: a segment's network (found through the localnet port when the segment is gone). */
  async reconcileSegment(segmentId: string): Promise<void> {
    const segment = await this.state.segment(segmentId);
    const index = this.index();
    const row = index.ports.get(localnetPortName(segmentId));
    const networkId = segment?.network_id ?? (row && networkIdOf(index.switchOfPort.get(row._uuid)?.name as string ?? ''));
    if (networkId) await this.reconcileNetwork(networkId);
  }

  /** Every network at once, and no switch muon owns that has no network. Returns the number of transactions that changed something. */
  async fullResync(): Promise<number> {
    const [networks, subnets, ports, segments] = await Promise.all([this.state.networks(), this.state.subnets(), this.state.ports(), this.state.segments()]);
    const subnetsOf = groupBy(subnets, (s) => s.network_id);
    const portsOf = groupBy(ports, (p) => p.network_id);
    const segmentsOf = groupBy(segments, (s) => s.network_id);
    const subports = subportBindings(await this.state.trunks());
    const blocks = await this.state.routedIpBlocks();
    let written = 0;
    const wanted = new Set<string>();
    for (const network of networks) {
      wanted.add(switchName(network.id));
      const txn = this.transaction();
      const [netSubnets, netPorts] = [subnetsOf.get(network.id) ?? [], portsOf.get(network.id) ?? []];
      const dhcp = this.dhcp.planNetwork(txn, network, netSubnets, netPorts);
      const specs = withIpBlockSecurity(withTrunkParents(portSpecs(netPorts, netSubnets, dhcp), subports), blocks);
      planNetwork(txn, this.index(), switchName(network.id), desiredSwitch(network), [...specs, ...localnetSpecs(segmentsOf.get(network.id) ?? [])]);
      if (await this.commit(txn)) written++;
    }
    const txn = this.transaction();
    // DHCP: rows of subnets muon no longer has.
    const subnetIds = new Set(subnets.map((s) => s.id));
    this.dhcp.planRemoval(txn, (key) => !subnetIds.has(subnetOfKey(key)));
    for (const name of this.index().switches.keys()) {
      if (networkIdOf(name) !== undefined && !wanted.has(name)) planNetwork(txn, this.index(), name, undefined, []);
    }
    if (await this.commit(txn)) written++;
    // Network logs' meters, then security groups (their ACLs logged), once every switch port is there.
    if (await this.logs.reconcileMeters()) written++;
    written += await this.sg.fullResync(ports);
    written += await this.addressSets.fullResync();
    written += await this.dns.fullResync(networks, portsOf);
    return written;
  }

  /** Network logs: the keys a log's change brings (its port groups, the meters). */
  keysOfLog(logId: string): Promise<string[]> {
    return this.logs.keysOfLog(logId);
  }

  /** Trunk subports: `specs` with their parent and tag (trunk-model.ts). */
  private async trunked(specs: PortSpec[]): Promise<PortSpec[]> {
    return withTrunkParents(specs, subportBindings(await this.state.trunks()));
  }

  private index(): NbIndex {
    const replica = this.replica();
    return new NbIndex(replica.rows('Logical_Switch').values(), replica.rows('Logical_Switch_Port').values());
  }

  private transaction(): Transaction<OvnNorthbound> {
    return new Transaction<OvnNorthbound>(this.client.schema);
  }

  /** Sends the transaction unless it is empty; true when it was sent. */
  private async commit(txn: Transaction<OvnNorthbound>): Promise<boolean> {
    if (txn.isEmpty) return false;
    await this.echo.track(txn.operations, () => this.client.transact(txn.operations));
    return true;
  }
}

function portSpecs(ports: readonly PortView[], subnets: readonly SubnetView[], dhcp?: ReadonlyMap<string, PortDhcpColumns>): PortSpec[] {
  const byId = new Map(subnets.map((s) => [s.id, s]));
  return ports.flatMap((port) => {
    const spec = desiredPort(port, byId);
    if (spec === undefined) return [];
    // DHCP: router ports never point at DHCP_Options.
    const columns = spec.type === 'router' ? { dhcpv4_options: null, dhcpv6_options: null } : dhcp?.get(port.id);
    return [{ ...spec, ...columns }];
  });
}

/** The localnet ports of a network's segments. */
function localnetSpecs(segments: readonly SegmentView[]): PortSpec[] {
  return segments.flatMap((segment) => desiredLocalnetPort(segment) ?? []);
}

/** The network of a (deleted) port, from its switch port. */
function networkOfPort(index: NbIndex, portId: string): string | undefined {
  const row = index.ports.get(portId);
  return row && networkIdOf((row.external_ids as Record<string, string>)['neutron:network_name'] ?? '');
}

/** DHCP: the network of a (deleted) port whose switch port is a localport, i.e. the metadata port. */
function metadataNetworkOf(index: NbIndex, portId: string): string | undefined {
  const row = index.ports.get(portId);
  if (row?.type !== 'localport') return undefined;
  return networkIdOf((row.external_ids as Record<string, string>)['neutron:network_name'] ?? '');
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const group = groups.get(key(item));
    if (group) group.push(item);
    else groups.set(key(item), [item]);
  }
  return groups;
}
