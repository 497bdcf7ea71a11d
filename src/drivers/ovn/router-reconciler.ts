import type { OvnNorthbound } from '../../ovsdb/generated/ovn-nb.ts';
import type { OvsdbClient } from '../../ovsdb/ovsdb-client.ts';
import type { Replica, ReplicaRow } from '../../ovsdb/replica.ts';
import { Transaction } from '../../ovsdb/transaction.ts';
import type { DesiredState, NetworkView, PortView, RouterView, SubnetView } from '../driver.ts';
import { switchName } from './ovn-model.ts';
import { routerIdOf, routerName, routerPortName } from './router-model.ts';
import { RouterIndex, planRouter } from './router-plan.ts';
import { desiredRouter, type RouterSpec } from './router-spec.ts';
import { readIpBlockRoutes } from './ip-block-routes.ts';

/** What to reconcile on the routing side: a router (all its rows), or what a floating IP or a port forwarding is on. */
export type RouterKey = `router:${string}` | `floatingip:${string}` | `port_forwarding:${string}`;
export const ROUTER_KEY_KINDS: ReadonlySet<string> = new Set(['router', 'floatingip', 'port_forwarding']);

type Map_ = Record<string, string>;

/*
 * The routing half of the reconcile loop (see ovn-reconciler.ts for the
 * loop itself). The unit is a whole router: `reconcileRouter` reads the
 * router, its ports, their subnets and networks, its floating IPs and their
 * forwardings, and writes the difference under `neutron-<router id>` in one
 * transaction. Every other key only finds the routers to look at: from
 * muon's state while the resource exists, and from the northbound rows
 * (external_ids) once it is gone, so a deletion needs no memory of its own.
 */
export class RouterReconciler {
  constructor(
    private readonly client: OvsdbClient,
    private readonly replica: () => Replica,
    private readonly state: DesiredState,
    /** The chassis that may host gateways now. */
    private readonly gatewayChassis: () => readonly string[],
    /** Queues a key of the driver's work queue (a router found by a port, network or subnet change). */
    private readonly requeue: (key: string) => void,
  ) {}

  async reconcile(key: RouterKey): Promise<void> {
    const [kind, id] = key.split(/:(.*)/s) as ['router' | 'floatingip' | 'port_forwarding', string];
    if (kind === 'router') return this.reconcileRouter(id);
    if (kind === 'floatingip') return this.reconcileRouters(await this.routersOfFloatingIp(id));
    const forwarding = await this.state.portForwarding(id);
    if (forwarding) return this.reconcileRouters(await this.routersOfFloatingIp(forwarding.floatingip_id));
    // A deleted forwarding: look again at every router with forwardings (their load balancers say which).
    const index = this.index();
    return this.reconcileRouters(new Set([...index.forwardingLbs.values()].flatMap((lb) => routerIdOf((lb.external_ids as Map_)['neutron:router_name'] ?? '') ?? [])));
  }

  /**
   * Queues the routers a port, network or subnet change may touch: a port's
   * own router, the routers with a port on the network (addresses, MTU,
   * gateway IPs), the router of a floating IP NAT on the port.
   */
  async related(key: string): Promise<void> {
    const [kind, id] = key.split(/:(.*)/s) as [string, string];
    const routers = new Set<string>();
    const index = this.index();
    if (kind === 'port') {
      const port = await this.state.port(id);
      if (port && port.device_id && /^network:(router|ha_router)/.test(port.device_owner)) routers.add(port.device_id);
      const lrp = index.routerPorts.get(routerPortName(id));
      const held = lrp && index.routerOfPort.get(lrp._uuid);
      if (held) addRouter(routers, held.name as string);
      for (const nat of this.replica().rows('NAT').values()) {
        if (nat.logical_port === id) addRouter(routers, (nat.external_ids as Map_)['neutron:router_name'] ?? '');
      }
    } else if (kind === 'network' || kind === 'subnet') {
      const networkId = kind === 'network' ? id : (await this.state.subnet(id))?.network_id;
      for (const lrp of networkId === undefined ? [] : index.routerPorts.values()) {
        if ((lrp.external_ids as Map_)['neutron:network_name'] === switchName(networkId!)) addRouter(routers, (lrp.external_ids as Map_)['neutron:router_name'] ?? '');
      }
    }
    for (const routerId of routers) this.requeue(`router:${routerId}`);
  }

  /** One router's rows (none when the router is gone). */
  async reconcileRouter(routerId: string): Promise<void> {
    const router = await this.state.router(routerId);
    const spec = router && await this.spec(router);
    const txn = this.transaction();
    planRouter(txn, this.index(), routerName(routerId), spec);
    await this.commit(txn);
  }

  /** Every router, and no router muon owns that has no router in muon. Returns the number of transactions that changed something. */
  async fullResync(): Promise<number> {
    const routers = await this.state.routers();
    let written = 0;
    const wanted = new Set<string>();
    for (const router of routers) {
      wanted.add(routerName(router.id));
      const txn = this.transaction();
      planRouter(txn, this.index(), routerName(router.id), await this.spec(router));
      if (await this.commit(txn)) written++;
    }
    const txn = this.transaction();
    const index = this.index();
    const owned = new Set([...index.routers.keys(), ...[...index.forwardingLbs.values()].map((lb) => (lb.external_ids as Map_)['neutron:router_name'] ?? '')]);
    for (const name of owned) {
      if (routerIdOf(name) !== undefined && !wanted.has(name)) planRouter(txn, index, name, undefined);
    }
    if (await this.commit(txn)) written++;
    return written;
  }

  /** Reads everything the router's rows depend on and computes them. */
  private async spec(router: RouterView): Promise<RouterSpec> {
    const [ports, fips] = await Promise.all([this.state.routerPorts(router.id), this.state.floatingIps(router.id)]);
    const networkIds = [...new Set(ports.map((p) => p.network_id))];
    const [networks, subnets] = await Promise.all([
      Promise.all(networkIds.map((id) => this.state.network(id))),
      Promise.all(networkIds.map((id) => this.state.subnets(id))),
    ]);
    const forwardings = (await Promise.all(fips.filter((f) => !f.port_id).map((f) => this.state.portForwardings(f.id)))).flat();
    const fipPorts = await Promise.all(fips.flatMap((f) => (f.floating_port_id ? [this.state.port(f.floating_port_id)] : [])));
    const subnetsById = byId<SubnetView>(subnets.flat());
    const spec = desiredRouter(router, {
      ports,
      subnets: subnetsById,
      networks: byId<NetworkView>(networks.flatMap((n) => n ?? [])),
      gatewayChassis: this.gatewayChassis(),
    }, { fips, forwardings, macs: new Map(fipPorts.flatMap((p: PortView | undefined) => (p ? [[p.id, p.mac_address] as const] : []))) });
    // IP blocks routed to ports behind the router (ip-block-routes.ts).
    return { ...spec, static_routes: [...spec.static_routes, ...await readIpBlockRoutes(this.state, ports, subnetsById)] };
  }

  /** The routers a floating IP is on: in muon now, and in the northbound DB (it may have moved or gone). */
  private async routersOfFloatingIp(fipId: string): Promise<Set<string>> {
    const routers = new Set<string>();
    const fip = await this.state.floatingIp(fipId);
    if (fip?.router_id) routers.add(fip.router_id);
    const rows: ReplicaRow[] = [...this.replica().rows('NAT').values(), ...this.index().forwardingLbs.values()];
    for (const row of rows) {
      if ((row.external_ids as Map_)['neutron:fip_id'] === fipId) addRouter(routers, (row.external_ids as Map_)['neutron:router_name'] ?? '');
    }
    return routers;
  }

  private async reconcileRouters(routerIds: Iterable<string>): Promise<void> {
    for (const id of routerIds) await this.reconcileRouter(id);
  }

  private index(): RouterIndex {
    return new RouterIndex(this.replica());
  }

  private transaction(): Transaction<OvnNorthbound> {
    return new Transaction<OvnNorthbound>(this.client.schema);
  }

  private async commit(txn: Transaction<OvnNorthbound>): Promise<boolean> {
    if (txn.isEmpty) return false;
    await this.client.transact(txn.operations);
    return true;
  }
}

function addRouter(routers: Set<string>, logicalRouterName: string): void {
  const id = routerIdOf(logicalRouterName);
  if (id) routers.add(id);
}

function byId<T extends { id: string }>(items: readonly T[]): Map<string, T> {
  return new Map(items.map((item) => [item.id, item]));
}
