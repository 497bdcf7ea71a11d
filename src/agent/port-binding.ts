/*
 * What the agent reports about one port, decided from what OVS shows on this
 * chassis and what muon says the port is. Pure.
 *
 * ovn-controller claims a logical port when an Interface of br-int carries
 * external_ids:iface-id=<port id>, and sets external_ids:ovn-installed=true on
 * it once the port's flows are in: that is "bound and forwarding", ACTIVE.
 * ML2/OVN puts the port's binding:host_id into requested-chassis, so a port
 * plugged on another host is never claimed — a binding failure whose reason
 * the user should read, as is an interface OVS could not open.
 */

/** One br-int interface with an iface-id, as the local Open_vSwitch DB shows it. */
export interface LocalInterface {
  readonly name: string;
  readonly portId: string;
  readonly ovnInstalled: boolean;
  /** OVS's Interface.error, when it could not open the device. */
  readonly error?: string;
}

/** The port as muon has it (the fields the decision needs). */
export interface MuonPort {
  readonly id: string;
  readonly status: string;
  readonly 'binding:host_id': string;
  readonly 'binding:vif_type': string;
  /** The active binding's profile; `migrating_to` names a live migration's destination. */
  readonly 'binding:profile'?: Readonly<Record<string, unknown>>;
}

export interface PortStatusReport { readonly host: string; readonly status: 'ACTIVE' | 'DOWN'; readonly reason?: string }

/**
 * The report to send for `port` given its interface on host `host` (undefined
 * when not plugged here), or undefined when there is nothing to say: a port
 * not plugged here and bound elsewhere is another agent's business, and so
 * is a port plugged here ahead of a live migration to this host (Nova plugs
 * the destination first): its profile says `migrating_to` this host, or it
 * has an inactive binding here (`inactiveBindingHere`, binding-extended)
 * that Nova activates once the instance has moved.
 */
export function reportFor(host: string, port: MuonPort, iface: LocalInterface | undefined, inactiveBindingHere = false): PortStatusReport | undefined {
  const boundHost = port['binding:host_id'];
  if (iface === undefined) {
    return boundHost === host && port.status !== 'DOWN' ? { host, status: 'DOWN' } : undefined;
  }
  if (iface.error) return { host, status: 'DOWN', reason: `Open vSwitch could not add interface ${iface.name} on ${host}: ${iface.error}` };
  if (boundHost !== '' && boundHost !== host) {
    if (inactiveBindingHere || port['binding:profile']?.migrating_to === host) return undefined;
    return { host, status: 'DOWN', reason: `port is plugged on host ${host} but its binding:host_id is ${boundHost}; OVN binds it only on the requested chassis ${boundHost}` };
  }
  return { host, status: iface.ovnInstalled ? 'ACTIVE' : 'DOWN' };
}

/** True when sending `report` would change nothing muon shows (so the agent skips the call). */
export function alreadyReported(port: MuonPort, report: PortStatusReport): boolean {
  if (report.status === 'ACTIVE') return port.status === 'ACTIVE' && port['binding:vif_type'] === 'ovs';
  if (report.reason !== undefined) return port.status === 'DOWN' && port['binding:vif_type'] === 'binding_failed';
  return port.status === 'DOWN';
}

/** The interfaces of an Interface-table replica that carry an iface-id (os-vif's plugged ports). */
export function localInterfaces(rows: Iterable<Record<string, unknown>>): LocalInterface[] {
  const found: LocalInterface[] = [];
  for (const row of rows) {
    const ids = (row.external_ids ?? {}) as Record<string, string>;
    const portId = ids['iface-id'];
    if (!portId) continue;
    const error = Array.isArray(row.error) ? undefined : (row.error as string | null | undefined) ?? undefined;
    found.push({ name: String(row.name), portId, ovnInstalled: ids['ovn-installed'] === 'true', error: error || undefined });
  }
  return found;
}
