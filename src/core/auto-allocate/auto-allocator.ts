import type { Policy } from '../../policy/policy.ts';
import { execute, queryRow, queryRows } from '../../store/fast-sql.ts';
import type { Store, Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { AutoAllocationFailure, BadRequest, badRequest, NotAuthorizedError, NotFound, PolicyNotAuthorized } from '../errors.ts';
import type { ResourceService } from '../resource/resource-service.ts';
import type { RouterActions } from '../router/router-actions.ts';
import { defaultExternalNetworkId } from './default-external-network.ts';

/** What get-me-a-network builds with: the network, subnet and router services and the router's interface action. */
export interface AutoAllocatorDeps {
  readonly store: Store;
  readonly policy: Policy;
  readonly networks: ResourceService;
  readonly subnets: ResourceService;
  readonly routers: ResourceService;
  readonly routerActions: RouterActions;
}

/** The answer of GET /v2.0/auto-allocated-topology/{project_id}: the network's id. */
export interface AutoAllocatedTopology { id: string; tenant_id: string; project_id: string }

interface TopologyRow { network_id: string | null; router_id: string | null }

/** `?fields=dry-run`: check the prerequisites, build nothing. */
export const DRY_RUN = 'dry-run';

/**
 * Get-me-a-network (Neutron's services/auto_allocate): a project's network,
 * one subnet per default subnet pool (IPv4, IPv6 or both) and a router with
 * its gateway on the default external network and an interface on each
 * subnet — built on the first GET, in one transaction, so a failure leaves
 * nothing behind (Neutron cleans up by hand). One row per project in
 * `auto_allocated_topologies`, claimed before building: a concurrent first
 * GET waits on that row, loses, and its retry returns the winner's network.
 */
export class AutoAllocator {
  constructor(private readonly deps: AutoAllocatorDeps) {}

  /** The project's topology, built if missing; `dry-run` in `fields` only validates. May block; idempotent. */
  async get(ctx: RequestContext, requested: string, fields: readonly string[]): Promise<AutoAllocatedTopology> {
    const projectId = this.projectOf(ctx, requested, 'get_auto_allocated_topology');
    if (fields.includes(DRY_RUN)) {
      await this.deps.store.read((tx) => checkRequirements(tx));
      return { id: 'dry-run=pass', tenant_id: projectId, project_id: projectId };
    }
    if (fields.length > 0) throw badRequest('auto_allocate', 'Unrecognized field');
    const networkId = await this.deps.store.transaction(async (tx) => (await topologyOf(tx, projectId))?.network_id ?? this.build(tx, ctx, projectId));
    return { id: networkId, tenant_id: projectId, project_id: projectId };
  }

  /** Takes the project's topology down (router interfaces, router, network); a project without one is a no-op. */
  async delete(ctx: RequestContext, requested: string): Promise<void> {
    const projectId = this.projectOf(ctx, requested, 'delete_auto_allocated_topology');
    await this.deps.store.transaction(async (tx) => {
      const topology = await topologyOf(tx, projectId);
      if (!topology) return;
      if (topology.router_id !== null) {
        for (const subnet of await subnetIdsOf(tx, topology.network_id)) await this.unplug(tx, ctx, topology.router_id, subnet);
        await this.deps.routers.deleteWithin(tx, ctx, topology.router_id);
      }
      if (topology.network_id !== null) await this.deps.networks.deleteWithin(tx, ctx, topology.network_id);
      await execute(tx, 'delete from "auto_allocated_topologies" where "project_id" = ?', [projectId]);
    });
  }

  /**
   * The project the path names ('None': the caller's, as python clients send
   * it); another project's only for admins (403 NotAuthorized, Neutron's
   * _validate), then the action's rule.
   */
  private projectOf(ctx: RequestContext, requested: string, action: string): string {
    const projectId = requested === 'None' || requested === '' ? ctx.projectId : requested;
    if (!ctx.isAdmin && projectId !== ctx.projectId) throw new NotAuthorizedError();
    if (!this.deps.policy.authorize(ctx, action, { project_id: projectId, tenant_id: projectId })) throw new PolicyNotAuthorized(action);
    return projectId;
  }

  private async build(tx: Tx, ctx: RequestContext, projectId: string): Promise<string> {
    const external = await requireDefaultExternal(tx);
    // The claim: a concurrent builder blocks here and, once this commits, fails on the key and retries.
    await execute(tx, 'insert into "auto_allocated_topologies" ("project_id") values (?)', [projectId]);
    const pools = await defaultPools(tx);
    const subnetIds = await failingAs('Unable to provide tenant private network', async () => {
      if (pools.length === 0) throw new NotFound('No default subnetpools');
      const network = await this.deps.networks.createWithin(tx, ctx, { name: 'auto_allocated_network', admin_state_up: true, shared: false, project_id: projectId });
      const ids: string[] = [];
      for (const pool of pools) {
        const subnet = await this.deps.subnets.createWithin(tx, ctx, {
          name: `auto_allocated_subnet_v${pool.ip_version}`, network_id: network.id, project_id: projectId, ip_version: pool.ip_version, subnetpool_id: pool.id,
        });
        ids.push(String(subnet.id));
      }
      await execute(tx, 'update "auto_allocated_topologies" set "network_id" = ? where "project_id" = ?', [network.id, projectId]);
      return ids;
    });
    await failingAs('Unable to provide external connectivity', async () => {
      const router = await this.deps.routers.createWithin(tx, ctx, {
        name: 'auto_allocated_router', admin_state_up: true, project_id: projectId, external_gateway_info: { network_id: external },
      });
      for (const subnetId of subnetIds) await this.deps.routerActions.interfaceWithin(tx, ctx, String(router.id), 'add_router_interface', { subnet_id: subnetId });
      await execute(tx, 'update "auto_allocated_topologies" set "router_id" = ? where "project_id" = ?', [router.id, projectId]);
    });
    return String((await topologyOf(tx, projectId))!.network_id);
  }

  private async unplug(tx: Tx, ctx: RequestContext, routerId: string, subnetId: string): Promise<void> {
    try {
      await this.deps.routerActions.interfaceWithin(tx, ctx, routerId, 'remove_router_interface', { subnet_id: subnetId });
    } catch (error) {
      // A subnet the project added by hand, or one already unplugged: nothing to remove (Neutron ignores NotFound too).
      if (!(error instanceof NotFound)) throw error;
    }
  }
}

async function topologyOf(tx: Tx, projectId: string): Promise<TopologyRow | undefined> {
  return queryRow<TopologyRow>(tx, 'select "network_id", "router_id" from "auto_allocated_topologies" where "project_id" = ?', [projectId]);
}

async function subnetIdsOf(tx: Tx, networkId: string | null): Promise<string[]> {
  if (networkId === null) return [];
  return (await queryRows<{ id: string }>(tx, 'select "id" from "subnets" where "network_id" = ? order by "id"', [networkId])).map((r) => r.id);
}

/** The default subnet pools, IPv4 first. */
async function defaultPools(tx: Tx): Promise<Array<{ id: string; ip_version: number }>> {
  const rows = await queryRows<{ id: string; ip_version: number }>(tx, 'select "id", "ip_version" from "subnetpools" where "is_default" = 1 order by "ip_version", "id"');
  const first = new Map<number, { id: string; ip_version: number }>();
  for (const row of rows) if (!first.has(Number(row.ip_version))) first.set(Number(row.ip_version), { id: row.id, ip_version: Number(row.ip_version) });
  return [...first.values()];
}

async function requireDefaultExternal(tx: Tx): Promise<string> {
  const id = await defaultExternalNetworkId(tx);
  if (id === undefined) throw new AutoAllocationFailure('No default router:external network');
  return id;
}

/** `?fields=dry-run`: Neutron's _check_requirements. */
async function checkRequirements(tx: Tx): Promise<void> {
  await requireDefaultExternal(tx);
  if ((await defaultPools(tx)).length === 0) throw new AutoAllocationFailure('No default subnetpools defined');
}

/** A step's 400/404 as Neutron reports it: AutoAllocationFailure with the step's reason (the transaction rolls back the rest). */
async function failingAs<T>(reason: string, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof BadRequest || error instanceof NotFound) throw new AutoAllocationFailure(reason);
    throw error;
  }
}
