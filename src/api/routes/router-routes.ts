import type { FastifyInstance } from 'fastify';
import type { ExtrarouteAction, InterfaceAction } from '../../core/router/router-actions.ts';
import type { Services } from '../../core/services.ts';
import type { QueryParams } from '../wire/query.ts';
import { renderRecord } from '../wire/render.ts';
import { stripJson } from '../wire/request.ts';
import { contextOf } from './resource-routes.ts';

/**
 * What routers and floating IPs need beyond the generated CRUD routes: the
 * routers' member actions (add/remove_router_interface answer the interface
 * info; add/remove_extraroutes the whole router) and GET /floatingip-pools (also /floatingip_pools).
 */
export function registerRouterRoutes(app: FastifyInstance, services: Services): void {
  const binding = services.resources.get('routers');
  if (binding === undefined) return;
  for (const action of ['add_router_interface', 'remove_router_interface'] as const satisfies readonly InterfaceAction[]) {
    app.put(`/v2.0/routers/:id/${action}`, async (request) => {
      const id = stripJson((request.params as { id: string }).id);
      return services.routerActions.interface(contextOf(request), id, action, request.body);
    });
  }
  for (const action of ['add_extraroutes', 'remove_extraroutes'] as const satisfies readonly ExtrarouteAction[]) {
    app.put(`/v2.0/routers/:id/${action}`, async (request) => {
      const ctx = contextOf(request);
      const id = stripJson((request.params as { id: string }).id);
      const record = await services.routerActions.extraroutes(ctx, id, action, request.body);
      return { router: renderRecord(binding.resource, record, binding.service.hiddenAttributes(ctx, [record]), []) };
    });
  }

  // Neutron serves the pools at /floatingip-pools (its extension translates the collection's name, and
  // clients such as neutron-tempest-plugin use it); the API reference's /floatingip_pools stays served too.
  for (const path of ['/v2.0/floatingip-pools', '/v2.0/floatingip_pools']) {
    app.get(path, async (request) => {
      const raw = (request.query as QueryParams).fields;
      const fields = raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      const pools = await services.floatingipPools.list(contextOf(request));
      if (fields.length === 0) return { floatingip_pools: pools };
      return { floatingip_pools: pools.map((p) => Object.fromEntries(Object.entries(p).filter(([k]) => fields.includes(k)))) };
    });
  }
}
