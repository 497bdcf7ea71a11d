import type { FastifyInstance } from 'fastify';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { IpAvailabilityService } from '../../core/ipam/ip-availability-service.ts';
import { exactJson } from '../wire/exact-json.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { contextOf } from './resource-routes.ts';

const FILTERS = new Set(['network_id', 'network_name', 'project_id', 'tenant_id', 'ip_version', 'fields']);

/** /network-ip-availabilities (network-ip-availability). */
export function registerIpAvailabilityRoutes(app: FastifyInstance, service: IpAvailabilityService): void {
  app.get('/v2.0/network-ip-availabilities', async (request, reply) => {
    const params = request.query as QueryParams;
    for (const key of Object.keys(params)) if (!FILTERS.has(key)) throw new HTTPBadRequest(`['${key}'] is invalid attribute for filtering`);
    const ipVersions = valuesOf(params, 'ip_version').map(Number);
    if (ipVersions.some((v) => v !== 4 && v !== 6)) throw new HTTPBadRequest("Invalid input for ip_version. Reason: not in [4, 6].");
    const list = await service.list(contextOf(request), {
      network_id: valuesOf(params, 'network_id'), network_name: valuesOf(params, 'network_name'),
      project_id: [...valuesOf(params, 'project_id'), ...valuesOf(params, 'tenant_id')], ip_version: ipVersions,
    });
    return reply.type('application/json; charset=utf-8').send(exactJson({ network_ip_availabilities: list }));
  });
  app.get('/v2.0/network-ip-availabilities/:id', async (request, reply) => {
    const found = await service.show(contextOf(request), (request.params as { id: string }).id);
    return reply.type('application/json; charset=utf-8').send(exactJson({ network_ip_availability: found }));
  });
}
