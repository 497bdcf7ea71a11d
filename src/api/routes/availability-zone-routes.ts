import type { FastifyInstance } from 'fastify';
import { HTTPBadRequest } from '../../core/errors.ts';
import type { Services } from '../../core/services.ts';
import { valuesOf, type QueryParams } from '../wire/query.ts';
import { contextOf } from './resource-routes.ts';

const ZONE_FILTERS = ['name', 'resource', 'state'];
const PROVIDER_FILTERS = ['service_type', 'name', 'default'];

/**
 * GET /v2.0/availability_zones (filters name, resource, state; `fields=`)
 * and GET /v2.0/service-providers (filters service_type, name, default).
 * Both are cloud-wide lists for any reader; an unknown filter is a 400 as
 * on every other collection.
 */
export function registerAvailabilityZoneRoutes(app: FastifyInstance, services: Services): void {
  app.get('/v2.0/availability_zones', async (request) => {
    const params = request.query as QueryParams;
    checkFilters(params, ZONE_FILTERS);
    const zones = await services.agents.availabilityZones.list(contextOf(request), {
      name: valuesOf(params, 'name'), resource: valuesOf(params, 'resource'), state: valuesOf(params, 'state'),
    });
    return { availability_zones: zones.map((z) => pick(z, valuesOf(params, 'fields'))) };
  });

  app.get('/v2.0/service-providers', async (request) => {
    const params = request.query as QueryParams;
    checkFilters(params, PROVIDER_FILTERS);
    const providers = services.agents.serviceProviders(contextOf(request), {
      service_type: valuesOf(params, 'service_type'), name: valuesOf(params, 'name'), default: valuesOf(params, 'default'),
    });
    return { service_providers: providers.map((p) => pick(p, valuesOf(params, 'fields'))) };
  });
}

function checkFilters(params: QueryParams, allowed: readonly string[]): void {
  const unknown = Object.keys(params).filter((k) => k !== 'fields' && !allowed.includes(k));
  if (unknown.length > 0) throw new HTTPBadRequest(`[${unknown.map((k) => `'${k}'`).join(', ')}] is invalid attribute for filtering`);
}

function pick<T extends object>(item: T, fields: readonly string[]): Partial<T> {
  if (fields.length === 0) return item;
  return Object.fromEntries(Object.entries(item).filter(([key]) => fields.includes(key))) as Partial<T>;
}
