import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { Replica, ReplicaRow } from '../../ovsdb/replica.ts';
import type { Transaction } from '../../ovsdb/transaction.ts';
import { changes, planChildren } from './child-plan.ts';
import { mergeOwned } from './nb-plan.ts';
import { networkIdOf } from './ovn-model.ts';
import { natKey, PORT_FORWARDING_OWNER } from './nat-model.ts';
import { ROUTER_OPTION_KEYS, ROUTER_PORT_OPTION_KEYS, routerIdOf, type RouterPortSpec } from './router-model.ts';
import type { RouterSpec } from './router-spec.ts';

type Txn = Transaction<OvnNorthbound>;
type Map_ = Record<string, string>;

/** The router rows of the northbound DB muon reads (from the monitor's replica; cheap to rebuild). */
export class RouterIndex {
  /** Logical routers by name (muon's own win over strays of the same name). */
  readonly routers = new Map<string, ReplicaRow>();
  /** Router ports by name, and the router holding each (by port uuid). */
  readonly routerPorts = new Map<string, ReplicaRow>();
  readonly routerOfPort = new Map<string, ReplicaRow>();
  /** Load balancers port forwarding owns, by name. */
  readonly forwardingLbs = new Map<string, ReplicaRow>();
  /** Logical switches by name (muon's own win over strays of the same name). */
  readonly switches = new Map<string, ReplicaRow>();

  constructor(readonly replica: Replica) {
    for (const row of replica.rows('Logical_Router').values()) {
      const name = row.name as string;
      if (!this.routers.has(name) || routerIdOf(name) !== undefined) this.routers.set(name, row);
      for (const uuid of row.ports as string[]) this.routerOfPort.set(uuid, row);
    }
    for (const row of replica.rows('Logical_Router_Port').values()) this.routerPorts.set(row.name as string, row);
    for (const row of replica.rows('Logical_Switch').values()) {
      if (!this.switches.has(row.name as string) || networkIdOf(row.name as string) !== undefined) this.switches.set(row.name as string, row);
    }
    for (const row of replica.rows('Load_Balancer').values()) {
      if ((row.external_ids as Map_)['neutron:device_owner'] === PORT_FORWARDING_OWNER) this.forwardingLbs.set(row.name as string, row);
    }
  }

  row(table: string, uuid: string): ReplicaRow | undefined {
    return this.replica.rows(table).get(uuid);
  }
}

const neutronKey = (key: string) => key.startsWith('neutron:');
const owns = (keys: readonly string[]) => (key: string) => keys.includes(key);

function routerPortColumns(txn: Txn, index: RouterIndex, spec: RouterPortSpec, row: ReplicaRow | undefined, uuidName: string): Record<string, unknown> {
  const gatewayChassis = planChildren(txn, index, 'Gateway_Chassis', (row?.gateway_chassis as string[]) ?? [], spec.gateway_chassis,
    (r) => String(r.name), (gc) => ({ name: gc.name, chassis_name: gc.chassis_name, priority: gc.priority }), `${uuidName}_gc`);
  return {
    name: spec.name,
    mac: spec.mac,
    networks: spec.networks,
    external_ids: mergeOwned((row?.external_ids as Map_) ?? {}, spec.external_ids, neutronKey),
    options: mergeOwned((row?.options as Map_) ?? {}, spec.options, owns(ROUTER_PORT_OPTION_KEYS)),
    // Whole column: what ML2/OVN writes there is all derived from the subnets.
    ipv6_ra_configs: spec.ipv6_ra_configs,
    gateway_chassis: gatewayChassis,
  };
}

/** Router ports: like planChildren, plus their own gateway chassis, and a port held by another router is taken from it. */
function planRouterPorts(txn: Txn, index: RouterIndex, routerRow: ReplicaRow | undefined, specs: readonly RouterPortSpec[]): string[] {
  const current = new Set((routerRow?.ports as string[]) ?? []);
  return specs.map((spec, i) => {
    const row = index.routerPorts.get(spec.name);
    const uuidName = `lrp${i}`;
    if (row === undefined || !current.has(row._uuid)) {
      const holder = row && index.routerOfPort.get(row._uuid);
      // Router port names are unique: the other router must let go in the same transaction.
      if (holder) txn.mutate('Logical_Router', [['_uuid', '==', holder._uuid]], [['ports', 'delete', [row!._uuid]]]);
      txn.insert('Logical_Router_Port', routerPortColumns(txn, index, spec, undefined, uuidName) as never, uuidName);
      return uuidName;
    }
    const update = changes(row, routerPortColumns(txn, index, spec, row, uuidName));
    if (update) txn.update('Logical_Router_Port', [['_uuid', '==', row._uuid]], update as never);
    return row._uuid;
  });
}

/**
 * Port forwarding load balancers of router `name`: inserted, updated,
 * deleted; returns the router's new load_balancer column and the reference
 * (uuid or uuid-name) of each wanted load balancer.
 */
function planLoadBalancers(txn: Txn, index: RouterIndex, name: string, spec: RouterSpec | undefined, routerRow: ReplicaRow | undefined): { column: string[]; wanted: string[] } {
  const wanted = new Map((spec?.load_balancers ?? []).map((lb) => [lb.name, lb]));
  for (const [lbName, row] of index.forwardingLbs) {
    if ((row.external_ids as Map_)['neutron:router_name'] === name && !wanted.has(lbName)) txn.delete('Load_Balancer', [['_uuid', '==', row._uuid]]);
  }
  const others = ((routerRow?.load_balancer as string[]) ?? []).filter((uuid) => ![...index.forwardingLbs.values()].some((r) => r._uuid === uuid));
  const refs = [...wanted.values()].map((lb, i) => {
    const row = index.forwardingLbs.get(lb.name);
    const columns = { name: lb.name, protocol: lb.protocol, vips: lb.vips, external_ids: lb.external_ids };
    if (row === undefined) {
      txn.insert('Load_Balancer', columns, `lb${i}`);
      return `lb${i}`;
    }
    const update = changes(row, columns);
    if (update) txn.update('Load_Balancer', [['_uuid', '==', row._uuid]], update as never);
    return row._uuid;
  });
  return { column: [...others, ...refs], wanted: refs };
}

/**
 * The router's forwarding load balancers on exactly the switches of its
 * interfaces. Only references to this router's load balancers are inserted
 * or deleted (others', e.g. ovn-octavia-provider's, stay); a load balancer
 * deleted in this transaction leaves every switch on its own (weak references).
 */
function planSwitchLoadBalancers(txn: Txn, index: RouterIndex, spec: RouterSpec | undefined, wanted: readonly string[]): void {
  // Nothing of this router's to place or take away: the deleted ones leave the switches by themselves.
  if (wanted.length === 0) return;
  const onSwitches = new Set(spec?.load_balancer_switches ?? []);
  const kept = new Set(wanted);
  for (const row of index.switches.values()) {
    const current = row.load_balancer as string[];
    const insert = onSwitches.has(row.name as string) ? wanted.filter((ref) => !current.includes(ref)) : [];
    const remove = onSwitches.has(row.name as string) ? [] : current.filter((uuid) => kept.has(uuid));
    const mutations: Array<['load_balancer', 'insert' | 'delete', string[]]> = [];
    if (insert.length > 0) mutations.push(['load_balancer', 'insert', insert]);
    if (remove.length > 0) mutations.push(['load_balancer', 'delete', remove]);
    if (mutations.length > 0) txn.mutate('Logical_Switch', [['_uuid', '==', row._uuid]], mutations);
  }
}

/**
 * Adds to `txn` what makes the northbound DB hold `spec`'s router with
 * exactly its ports, routes, NAT and forwarding load balancers (on the
 * router and on the switches of its interfaces), or no router
 * named `name` when `spec` is undefined. Adds nothing when the rows match.
 */
export function planRouter(txn: Txn, index: RouterIndex, name: string, spec: RouterSpec | undefined): void {
  const row = index.routers.get(name);
  const loadBalancers = planLoadBalancers(txn, index, name, spec, row);
  planSwitchLoadBalancers(txn, index, spec, loadBalancers.wanted);
  if (spec === undefined) {
    if (row !== undefined) txn.delete('Logical_Router', [['_uuid', '==', row._uuid]]);
    return;
  }
  const columns = {
    name,
    enabled: spec.enabled,
    external_ids: mergeOwned((row?.external_ids as Map_) ?? {}, spec.external_ids, neutronKey),
    options: mergeOwned((row?.options as Map_) ?? {}, spec.options, owns(ROUTER_OPTION_KEYS)),
    ports: planRouterPorts(txn, index, row, spec.ports),
    static_routes: planChildren(txn, index, 'Logical_Router_Static_Route', (row?.static_routes as string[]) ?? [], spec.static_routes,
      (r) => `${String(r.ip_prefix)} ${String(r.nexthop)}`, (route) => ({ ip_prefix: route.ip_prefix, nexthop: route.nexthop, external_ids: route.external_ids }), 'route'),
    nat: planChildren(txn, index, 'NAT', (row?.nat as string[]) ?? [], spec.nat, natKey, (nat) => ({ ...nat }), 'nat'),
    load_balancer: loadBalancers.column,
  };
  if (row === undefined) {
    // Router names are not unique in OVN: refuse to add a second one if another writer was faster.
    txn.wait('Logical_Router', [['name', '==', name]], ['name'], '==', []);
    txn.insert('Logical_Router', columns as never);
    return;
  }
  const update = changes(row, columns);
  if (update) txn.update('Logical_Router', [['_uuid', '==', row._uuid]], update as never);
}
