import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { RequestContext } from '../../core/context.ts';
import { HTTPBadRequest, PolicyNotAuthorized } from '../../core/errors.ts';
import type { QuotaService } from '../../core/quota/quota-service.ts';
import type { Policy } from '../../policy/policy.ts';
import { contextOf } from './resource-routes.ts';

/** The {projectId} of a quota URL: project ids are at most 255 characters. */
function projectParam(request: FastifyRequest): string {
  const { projectId } = request.params as { projectId: string };
  if (projectId.length > 255) throw new HTTPBadRequest('Invalid input for project_id. Reason: exceeds maximum length of 255.');
  return projectId;
}

/**
 * /quotas (quotas, quota_details). As Neutron: a project reads its own
 * limits without a policy check; another project's, the list of all, and
 * changes go through get_quota / update_quota / delete_quota (admin, and for
 * reads the project's manager, by default).
 */
export function registerQuotaRoutes(app: FastifyInstance, quotas: QuotaService, policy: Policy): void {
  const canRead = (ctx: RequestContext, projectId: string) => {
    if (ctx.projectId === projectId) return;
    if (!policy.authorize(ctx, 'get_quota', { project_id: projectId, tenant_id: projectId })) throw new PolicyNotAuthorized('rule:get_quota');
  };
  const mayChange = (ctx: RequestContext, action: string, projectId: string) => {
    if (!policy.authorize(ctx, action, { project_id: projectId, tenant_id: projectId })) throw new PolicyNotAuthorized(`rule:${action}`);
  };

  app.get('/v2.0/quotas', async (request) => {
    const ctx = contextOf(request);
    if (!policy.authorize(ctx, 'get_quota', {})) throw new PolicyNotAuthorized('rule:get_quota');
    const list = await quotas.listOverrides();
    return { quotas: list.map((q) => ({ ...q.limits, tenant_id: q.projectId, project_id: q.projectId })) };
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
    mayChange(contextOf(request), 'update_quota', projectId);
    const body = (request.body as { quota?: unknown } | null)?.quota;
    if (body === null || typeof body !== 'object' || Array.isArray(body)) throw new HTTPBadRequest("Unable to find 'quota' in request body");
    // quota-check-limit (as the Neutron release muon's conformance is measured against): a limit
    // below current usage is accepted unless the caller asks for the check; `force` is accepted too.
    const { check_limit: checkLimit, force } = body as Record<string, unknown>;
    // Null prototype: a "__proto__" key is an (unknown) resource name, not a prototype.
    const parsed: Record<string, number> = Object.create(null);
    for (const [resource, raw] of Object.entries(body)) {
      if (resource === 'force' || resource === 'check_limit') continue;
      const value = typeof raw === 'string' && /^-?\d+$/.test(raw) ? Number(raw) : raw;
      if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new HTTPBadRequest(`Invalid input for ${resource}. Reason: a ${Array.isArray(raw) ? 'list' : typeof raw} is not an integer.`);
      parsed[resource] = value;
    }
    const check = isTrue(checkLimit) && !isTrue(force);
    return { quota: await quotas.update(projectId, parsed, check) };
  });

  app.delete('/v2.0/quotas/:projectId', async (request, reply) => {
    const projectId = projectParam(request);
    mayChange(contextOf(request), 'delete_quota', projectId);
    await quotas.reset(projectId);
    return reply.code(204).send();
  });
}

function isTrue(flag: unknown): boolean {
  return flag === true || flag === 'true' || flag === 'True';
}
