import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { AddressGroupAction } from '../../core/address-group/address-group-actions.ts';
import type { Services } from '../../core/services.ts';
import { parseListQuery, valuesOf, type QueryParams } from '../wire/query.ts';
import { renderRecord } from '../wire/render.ts';
import { stripJson } from '../wire/request.ts';
import { contextOf } from './resource-routes.ts';

/** Lists that first make the listed project's default security group, as Neutron's do (path → collection). */
const ENSURING_DEFAULT = new Map([['/v2.0/security-groups', 'security_groups'], ['/v2.0/security-group-rules', 'security_group_rules']]);

/**
 * What security groups and address groups need beyond the generated CRUD
 * routes: listing groups or rules first makes the project's default group
 * (the project of a project_id/tenant_id filter, else the caller's), and
 * the address groups' add_addresses / remove_addresses member actions.
 */
export function registerSecurityGroupRoutes(app: FastifyInstance, services: Services): void {
  // Only on the two list routes (added after this, hence onRoute): a global hook would run on every request.
  app.addHook('onRoute', (route) => {
    const collection = route.method === 'GET' ? ENSURING_DEFAULT.get(route.url) : undefined;
    if (collection === undefined) return;
    const ensureDefault = async (request: FastifyRequest): Promise<void> => {
      const binding = services.resources.get(collection);
      if (binding === undefined) return;
      const ctx = contextOf(request);
      const params = request.query as QueryParams;
      // A list its filters, sorting or paging would refuse makes nothing (Neutron validates them first).
      parseListQuery(binding.resource, params, binding.hooks, 0);
      const projectId = valuesOf(params, 'project_id')[0] ?? valuesOf(params, 'tenant_id')[0] ?? ctx.projectId;
      await services.defaultSecurityGroups.ensureNow(ctx, projectId);
    };
    route.preHandler = [...[route.preHandler ?? []].flat(), ensureDefault];
  });

  const binding = services.resources.get('address_groups');
  if (binding === undefined) return;
  for (const action of ['add_addresses', 'remove_addresses'] as const satisfies readonly AddressGroupAction[]) {
    app.put(`/v2.0/address-groups/:id/${action}`, async (request) => {
      const ctx = contextOf(request);
      const id = stripJson((request.params as { id: string }).id);
      const record = await services.addressGroupActions.run(ctx, id, action, request.body);
      return { address_group: renderRecord(binding.resource, record, binding.service.hiddenAttributes(ctx, [record]), []) };
    });
  }
}
