import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';
import type { TrunkAction } from '../../core/trunk/trunk-actions.ts';
import { renderRecord } from '../wire/render.ts';
import { stripJson } from '../wire/request.ts';
import { contextOf } from './resource-routes.ts';

/**
 * The trunk member actions: PUT add_subports / remove_subports answer the
 * trunk itself (no `trunk` envelope, as Neutron's actions do), GET
 * get_subports answers `{"sub_ports": [...]}`.
 */
export function registerTrunkRoutes(app: FastifyInstance, services: Services): void {
  const binding = services.resources.get('trunks');
  if (binding === undefined) return;
  for (const action of ['add_subports', 'remove_subports'] as const satisfies readonly TrunkAction[]) {
    app.put(`/v2.0/trunks/:id/${action}`, async (request) => {
      const ctx = contextOf(request);
      const record = await services.trunkActions.run(ctx, stripJson((request.params as { id: string }).id), action, request.body);
      return renderRecord(binding.resource, record, binding.service.hiddenAttributes(ctx, [record]), []);
    });
  }
  app.get('/v2.0/trunks/:id/get_subports', async (request) => {
    const ctx = contextOf(request);
    return { sub_ports: await services.trunkActions.subports(ctx, stripJson((request.params as { id: string }).id)) };
  });
}
