import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/context.ts';
import { HTTPBadRequest, PolicyNotAuthorized } from '../../core/errors.ts';
import type { QuotaService } from '../../core/quota/quota-service.ts';
import { contextOf } from './resource-routes.ts';

/** The {projectId} of a quota URL: project ids are at most 255 characters. */
function projectParam(request: FastifyRequest): string {
  const { projectId } = request.params as { projectId: string };
  if (projectId.length > 255) throw new HTTPBadRequest('Invalid input for project_id. Reason: exceeds maximum length of 255.');
  return projectId;
}

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

  app.get('/v2.0/quotas', async (request) => {
    const ctx = contextOf(request);
    const list = await quotas.listOverrides();
    return {
      quotas: list.filter((q) => ctx.isAdmin || q.projectId === ctx.projectId)
        .map((q) => ({ ...q.limits, tenant_id: q.projectId, project_id: q.projectId })),
    };
  });

  app.get('/v2.0/quotas/:projectId/default', async (request) => {
    const projectId = projectParam(request);
    canRead(contextOf(request), projectId);
    return { quota: quotas.defaultLimits() };
  });

  app.get('/v2.0/quotas/:projectId/details', async (request) => {
    const projectId = projectParam(request);
    canRead(contextOf(request), projectId);
    return { quota: await quotas.details(projectId) };
  });

  app.get('/v2.0/quotas/:projectId', async (request) => {
    const projectId = projectParam(request);
    canRead(contextOf(request), projectId);
    return { quota: await quotas.limits(projectId) };
  });

  app.put('/v2.0/quotas/:projectId', async (request) => {
    const projectId = projectParam(request);
    adminOnly(contextOf(request), 'update_quota');
    const body = (request.body as { quota?: unknown } | null)?.quota;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HTTPBadRequest("Unable to find 'quota' in request body");
    const { force } = body as Record<string, unknown>;
    // Null prototype: a "__proto__" key is an (unknown) resource name, not a prototype.
    const parsed: Record<string, number> = Object.create(null);
    for (const [resource, raw] of Object.entries(body)) {
      if (resource === 'force') continue;
      const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new HTTPBadRequest(`Invalid input for ${resource}. Reason: a ${Array.isArray(raw) ? 'list' : typeof raw} is not an integer.`);
      parsed[resource] = value;
    }
    return { quota: await quotas.update(projectId, parsed, force === true || force === 'true' || force === 'True') };
  });

  app.delete('/v2.0/quotas/:projectId', async (request, reply) => {
    const projectId = projectParam(request);
    adminOnly(contextOf(request), 'delete_quota');
    await quotas.reset(projectId);
    return reply.code(204).send();
  });
}
