import { hostRoutes } from '../../definitions/validators/index.ts';
import type { Policy } from '../../policy/policy.ts';
import type { ResourceRepo, Row } from '../../store/repos/resource-repo.ts';
import type { Store, Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { HTTPBadRequest, PolicyNotAuthorized, RouterNotFound } from '../errors.ts';
import { rowToRecord, type ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceService } from '../resource/resource-service.ts';
import { bumpRevision } from '../resource/revision.ts';
import type { L3Deps } from './l3-deps.ts';
import { addRoutes, removeRoutes, type Route } from './route-rules.ts';
import { addInterface, removeInterface, type InterfaceInfo } from './router-interfaces.ts';

export type InterfaceAction = 'add_router_interface' | 'remove_router_interface';
export type ExtrarouteAction = 'add_extraroutes' | 'remove_extraroutes';

/**
 * The member actions of routers, one transaction each, as Neutron's API
 * runs them: the router must be visible to the caller (404 RouterNotFound),
 * then the action's policy rule decides (403); a change bumps the router's
 * revision.
 */
export class RouterActions {
  constructor(
    private readonly store: Store,
    private readonly policy: Policy,
    private readonly routers: ResourceRepo,
    private readonly service: ResourceService,
    private readonly deps: L3Deps,
  ) {}

  /** add_router_interface / remove_router_interface with the request body ({subnet_id} or {port_id}). */
  async interface(ctx: RequestContext, id: string, action: InterfaceAction, body: unknown): Promise<InterfaceInfo> {
    return this.store.transaction(async (tx) => {
      const row = await this.routers.get(tx, id, { forUpdate: true });
      if (!row) throw new RouterNotFound(id);
      this.authorize(ctx, action, rowToRecord(this.service.resource, row), id);
      return this.changeInterface(tx, ctx, row, action, body);
    });
  }

  /**
   * add/remove_router_interface inside an open transaction on the system's
   * behalf (get-me-a-network plugs its subnets): no policy; the router is
   * locked and its revision bumped as for a request.
   */
  async interfaceWithin(tx: Tx, ctx: RequestContext, id: string, action: InterfaceAction, body: unknown): Promise<InterfaceInfo> {
    const row = await this.routers.get(tx, id, { forUpdate: true });
    if (!row) throw new RouterNotFound(id);
    return this.changeInterface(tx, ctx, row, action, body);
  }

  /** The interface change on a locked router; bumps its revision. */
  private async changeInterface(tx: Tx, ctx: RequestContext, row: Row, action: InterfaceAction, body: unknown): Promise<InterfaceInfo> {
    const info = action === 'add_router_interface' ? await addInterface(this.deps, tx, ctx, row, body) : await removeInterface(this.deps, tx, ctx, row, body);
    await bumpRevision(tx, 'routers', String(row.id), { force: true });
    return info;
  }

  /** add_extraroutes / remove_extraroutes with `{"router": {"routes": [...]}}`; returns the whole router. */
  async extraroutes(ctx: RequestContext, id: string, action: ExtrarouteAction, body: unknown): Promise<ResourceRecord> {
    const routes = requestedRoutes(body);
    return this.store.transaction(async (tx) => {
      const row = await this.routers.get(tx, id, { forUpdate: true });
      if (!row) throw new RouterNotFound(id);
      const record = rowToRecord(this.service.resource, row);
      this.authorize(ctx, action, record, id);
      const current = record.routes as Route[];
      const next = action === 'add_extraroutes' ? addRoutes(current, routes) : removeRoutes(current, routes);
      return this.service.updateWithin(tx, ctx, id, { routes: next });
    });
  }

  private authorize(ctx: RequestContext, action: string, record: ResourceRecord, id: string): void {
    const decision = this.policy.checkAction(ctx, action, record, {}, 'get_router');
    if (!decision.allowed) throw decision.notFound ? new RouterNotFound(id) : new PolicyNotAuthorized(decision.rule);
  }
}

function requestedRoutes(body: unknown): Route[] {
  const router = (body as { router?: unknown } | null)?.router;
  const routes = (router as { routes?: unknown } | null | undefined)?.routes;
  if (router === null || typeof router !== 'object' || !Array.isArray(routes)) throw new HTTPBadRequest("Unable to find 'router' with 'routes' in request body");
  const problem = hostRoutes(routes);
  if (problem !== undefined) throw new HTTPBadRequest(`Invalid input for routes. Reason: ${problem}.`);
  return routes as Route[];
}
