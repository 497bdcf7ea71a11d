import type { FastifyInstance } from 'fastify';
import type { RequestContext } from '../../core/context.ts';
import { HTTPBadRequest, PolicyNotAuthorized } from '../../core/errors.ts';
import type { QuotaService } from '../../core/quota/quota-service.ts';
import { contextOf } from './resource-routes.ts';

/**
 * /quotas (quotas, quota_details): admins read and change any project;
 * others read their own project only.
 */
export function registerQuotaRoutes(app: FastifyInstance, quotas: QuotaService): void {
  const canRead = (ctx: RequestContext, projectId: string) => {
    if (!ctx.isAdmin && ctx.projectId !== projectId) throw new PolicyNotAuthorized('get_quota');
  };
  const adminOnly = (ctx: RequestContext, action: string) => {
    if (!ctx.isAdmin) throw new PolicyNotAuthorized(action);
  };
  type Params = { projectId: string };

  app.get('/v2.0/quotas', async (request) => {
    const ctx = contextOf(request);
    const list = await quotas.listOverrides();
    return {
      quotas: list.filter((q) => ctx.isAdmin || q.projectId === ctx.projectId)
        .map((q) => ({ ...q.limits, tenant_id: q.projectId, project_id: q.projectId })),
    };
  });

  app.get('/v2.0/quotas/:projectId/default', async (request) => {
    const { projectId } = request.params as Params;
    canRead(contextOf(request), projectId);
    return { quota: quotas.defaultLimits() };
  });

  app.get('/v2.0/quotas/:projectId/details', async (request) => {
    const { projectId } = request.params as Params;
    canRead(contextOf(request), projectId);
    return { quota: await quotas.details(projectId) };
  });

  app.get('/v2.0/quotas/:projectId', async (request) => {
    const { projectId } = request.params as Params;
    canRead(contextOf(request), projectId);
    return { quota: await quotas.limits(projectId) };
  });

  app.put('/v2.0/quotas/:projectId', async (request) => {
    const { projectId } = request.params as Params;
    adminOnly(contextOf(request), 'update_quota');
    const body = (request.body as { quota?: unknown } | null)?.quota;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HTTPBadRequest("Unable to find 'quota' in request body");
    const { force, ...limits } = body as Record<string, unknown>;
    const parsed: Record<string, number> = {};
    for (const [resource, raw] of Object.entries(limits)) {
      const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new HTTPBadRequest(`Invalid input for ${resource}. Reason: '${String(raw)}' is not an integer.`);
      parsed[resource] = value;
    }
    return { quota: await quotas.update(projectId, parsed, force === true || force === 'true' || force === 'True') };
  });

  app.delete('/v2.0/quotas/:projectId', async (request, reply) => {
    const { projectId } = request.params as Params;
    adminOnly(contextOf(request), 'delete_quota');
    await quotas.reset(projectId);
    return reply.code(204).send();
  });
}
