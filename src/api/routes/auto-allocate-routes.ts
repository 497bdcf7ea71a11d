import type { FastifyInstance, FastifyReply } from 'fastify';
import type { AutoAllocator } from '../../core/auto-allocate/auto-allocator.ts';
import { exactJson } from '../wire/exact-json.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { contextOf } from './resource-routes.ts';

/** /auto-allocated-topology/{project_id} (auto-allocated-topology): GET builds or returns, DELETE takes down. */
export function registerAutoAllocateRoutes(app: FastifyInstance, allocator: AutoAllocator): void {
  const base = '/v2.0/auto-allocated-topology/:projectId';
  app.get(base, async (request, reply) => {
    const fields = valuesOf(request.query as QueryParams, 'fields').flatMap((f) => f.split(',')).filter((f) => f !== '');
    const topology = await allocator.get(contextOf(request), (request.params as { projectId: string }).projectId, fields);
    return reply.type('application/json; charset=utf-8').send(exactJson({ auto_allocated_topology: topology }));
  });
  app.delete(base, async (request, reply: FastifyReply) => {
    await allocator.delete(contextOf(request), (request.params as { projectId: string }).projectId);
    reply.code(204);
    return reply.send();
  });
}
