import { datumEquals } from '../../ovsdb/datum.ts';
import type { LogicalSwitch, LogicalSwitchPort, OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { ReplicaRow } from '../../ovsdb/replica.ts';
import type { Transaction } from '../../ovsdb/transaction.ts';
import { networkIdOf, PORT_OPTION_KEYS, SWITCH_OTHER_CONFIG_KEYS, type PortSpec, type SwitchSpec } from './ovn-model.ts';

/** The northbound rows muon reads, by name (built from the monitor's replica; cheap to rebuild). */
export class NbIndex {
  readonly switches = new Map<string, ReplicaRow>();
  readonly ports = new Map<string, ReplicaRow>();
  readonly portsByUuid = new Map<string, ReplicaRow>();
  /** Switch port uuid → the switch that holds it. */
  readonly switchOfPort = new Map<string, ReplicaRow>();

  constructor(switches: Iterable<ReplicaRow>, ports: Iterable<ReplicaRow>) {
    for (const row of switches) {
      // Names are not unique in OVN; muon's own switch wins over a stray one of the same name.
      if (!this.switches.has(row.name as string) || networkIdOf(row.name as string) !== undefined) this.switches.set(row.name as string, row);
      for (const uuid of row.ports as string[]) this.switchOfPort.set(uuid, row);
    }
    for (const row of ports) {
      this.ports.set(row.name as string, row);
      this.portsByUuid.set(row._uuid, row);
    }
  }
}

type Map_ = Record<string, string>;

/** `existing` with the keys muon owns replaced by `desired` (others' keys kept). */
export function mergeOwned(existing: Map_, desired: Map_, owns: (key: string) => boolean): Map_ {
  const merged: Map_ = {};
  for (const [key, value] of Object.entries(existing)) if (!owns(key)) merged[key] = value;
  return { ...merged, ...desired };
}

const neutronKey = (key: string) => key.startsWith('neutron:');
const switchOtherConfigKey = (key: string) => (SWITCH_OTHER_CONFIG_KEYS as readonly string[]).includes(key);
const portOptionKey = (key: string) => (PORT_OPTION_KEYS as readonly string[]).includes(key);

/** The columns of a switch row that differ from `spec` (undefined when none do). */
export function switchChanges(spec: SwitchSpec, row: ReplicaRow): Partial<LogicalSwitch> | undefined {
  const wanted = {
    external_ids: mergeOwned(row.external_ids as Map_, spec.external_ids, neutronKey),
    other_config: mergeOwned(row.other_config as Map_, spec.other_config, switchOtherConfigKey),
  };
  return changed(row, wanted);
}

/** The columns of a switch port row that differ from `spec` (undefined when none do). */
export function portChanges(spec: PortSpec, row: ReplicaRow): Partial<LogicalSwitchPort> | undefined {
  const wanted = {
    type: spec.type,
    addresses: spec.addresses,
    port_security: spec.port_security,
    enabled: spec.enabled,
    external_ids: mergeOwned(row.external_ids as Map_, spec.external_ids, neutronKey),
    options: mergeOwned(row.options as Map_, spec.options, portOptionKey),
    ...optionalColumns(spec),
    ...trunkColumns(spec),
  };
  return changed(row, wanted);
}

function changed<T extends Record<string, unknown>>(row: ReplicaRow, wanted: T): Partial<T> | undefined {
  const diff: Partial<T> = {};
  for (const [column, value] of Object.entries(wanted)) {
    if (!datumEquals(row[column] ?? null, value as never)) (diff as Record<string, unknown>)[column] = value;
  }
  return Object.keys(diff).length > 0 ? diff : undefined;
}

function portRow(spec: PortSpec): Partial<LogicalSwitchPort> {
  return { name: spec.name, type: spec.type, addresses: spec.addresses, port_security: spec.port_security, enabled: spec.enabled, external_ids: spec.external_ids, options: spec.options, ...optionalColumns(spec), ...trunkColumns(spec) };
}

/** The DHCP and localnet columns `spec` sets (none when it leaves them alone). */
function optionalColumns(spec: PortSpec): Partial<LogicalSwitchPort> {
  const columns: Partial<LogicalSwitchPort> = {};
  if (spec.dhcpv4_options !== undefined) columns.dhcpv4_options = spec.dhcpv4_options;
  if (spec.dhcpv6_options !== undefined) columns.dhcpv6_options = spec.dhcpv6_options;
  if (spec.tag !== undefined) columns.tag = spec.tag;
  return columns;
}

/** A trunk subport's parent and tag (trunk-model.ts), when the spec manages them. */
function trunkColumns(spec: PortSpec): Partial<LogicalSwitchPort> {
  return spec.parent_name === undefined ? {} : { parent_name: spec.parent_name, tag: spec.tag ?? null };
}

/**
 * Adds to `txn` what makes the northbound DB hold `spec`'s switch with
 * exactly `ports` (all of the network's ports: others in the switch go), or
 * no switch when `spec` is undefined. `networkSwitch` names the switch in
 * both cases. Adds nothing when the rows already match.
 */
export function planNetwork(txn: Transaction<OvnNorthbound>, index: NbIndex, name: string, spec: SwitchSpec | undefined, ports: readonly PortSpec[]): void {
  const row = index.switches.get(name);
  if (spec === undefined) {
    if (row !== undefined) txn.delete('Logical_Switch', [['_uuid', '==', row._uuid]]);
    return;
  }
  if (row === undefined) {
    ports.forEach((port, i) => txn.insert('Logical_Switch_Port', portRow(port), `lsp${i}`));
    // Switch names are not unique in OVN: refuse to add a second one if another writer was faster.
    txn.wait('Logical_Switch', [['name', '==', name]], ['name'], '==', []);
    txn.insert('Logical_Switch', { name, external_ids: spec.external_ids, other_config: spec.other_config, ports: ports.map((_, i) => `lsp${i}`) });
    return;
  }
  const update = switchChanges(spec, row);
  if (update) txn.update('Logical_Switch', [['_uuid', '==', row._uuid]], update);
  const wanted = new Set(ports.map((p) => p.name));
  const stale = (row.ports as string[]).filter((uuid) => !wanted.has(index.portsByUuid.get(uuid)?.name as string));
  const added: string[] = [];
  ports.forEach((port, i) => { if (planPort(txn, index, port, row, `lsp${i}`)) added.push(`lsp${i}`); });
  const mutations: Array<['ports', 'insert' | 'delete', string[]]> = [];
  if (added.length > 0) mutations.push(['ports', 'insert', added]);
  if (stale.length > 0) mutations.push(['ports', 'delete', stale]);
  if (mutations.length > 0) txn.mutate('Logical_Switch', [['_uuid', '==', row._uuid]], mutations);
}

/**
 * One port in an existing switch: updates its row, or inserts it under
 * `uuidName` and returns true (the caller adds it to the switch's ports).
 * A port row found in another switch is moved (switch ports belong to one switch).
 */
export function planPort(txn: Transaction<OvnNorthbound>, index: NbIndex, spec: PortSpec, switchRow: ReplicaRow, uuidName: string): boolean {
  const row = index.ports.get(spec.name);
  if (row === undefined) {
    txn.insert('Logical_Switch_Port', portRow(spec), uuidName);
    return true;
  }
  const update = portChanges(spec, row);
  if (update) txn.update('Logical_Switch_Port', [['_uuid', '==', row._uuid]], update);
  const holder = index.switchOfPort.get(row._uuid);
  if (holder?._uuid === switchRow._uuid) return false;
  if (holder) txn.mutate('Logical_Switch', [['_uuid', '==', holder._uuid]], [['ports', 'delete', [row._uuid]]]);
  txn.mutate('Logical_Switch', [['_uuid', '==', switchRow._uuid]], [['ports', 'insert', [row._uuid]]]);
  return false;
}

/** Removes a port's row from the muon switch that holds it (the row goes with it: switch ports are not root rows). */
export function planPortRemoval(txn: Transaction<OvnNorthbound>, index: NbIndex, portId: string): void {
  const row = index.ports.get(portId);
  const holder = row && index.switchOfPort.get(row._uuid);
  if (row && holder && networkIdOf(holder.name as string) !== undefined) {
    txn.mutate('Logical_Switch', [['_uuid', '==', holder._uuid]], [['ports', 'delete', [row._uuid]]]);
  }
}
