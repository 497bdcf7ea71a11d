import type { FastifyInstance, FastifyRequest } from 'fastify';
import { buildCatalog } from '../../identity/catalog.ts';
import type { Identity } from '../../identity/identity.ts';
import { enforce, policy } from '../../identity/identity-policy.ts';
import { NotFound } from '../../identity/identity-errors.ts';
import { collection } from './render.ts';
import { baseUrl, queryParam, requireCaller, selfUrl, v3Url } from './identity-request.ts';

/**
 * /v3/services, /v3/endpoints, /v3/regions: read-only views of the built-in
 * catalog (muon serves exactly these two services; there is nothing to edit).
 */
export function registerCatalogRoutes(app: FastifyInstance, identity: Identity): void {
  const catalogOf = (request: FastifyRequest) => buildCatalog(baseUrl(identity, request), identity.options.region);

  const service = (request: FastifyRequest, s: ReturnType<typeof buildCatalog>[number]) => ({
    id: s.id, type: s.type, name: s.name, enabled: true, description: '', links: { self: `${v3Url(identity, request)}/services/${s.id}` },
  });
  const endpoints = (request: FastifyRequest) => catalogOf(request).flatMap((s) => s.endpoints.map((e) => ({
    ...e, service_id: s.id, enabled: true, links: { self: `${v3Url(identity, request)}/endpoints/${e.id}` },
  })));
  const region = (request: FastifyRequest) => ({
    id: identity.options.region, description: '', parent_region_id: null, links: { self: `${v3Url(identity, request)}/regions/${identity.options.region}` },
  });

  app.get('/v3/services', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_services');
    const type = queryParam(request, 'type');
    const name = queryParam(request, 'name');
    const list = catalogOf(request).filter((s) => (type === undefined || s.type === type) && (name === undefined || s.name === name));
    return collection('services', list.map((s) => service(request, s)), selfUrl(identity, request));
  });
  app.get<{ Params: { id: string } }>('/v3/services/:id', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:get_service');
    const found = catalogOf(request).find((s) => s.id === request.params.id);
    if (!found) throw NotFound.of('service', request.params.id);
    return { service: service(request, found) };
  });

  app.get('/v3/endpoints', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:list_endpoints');
    const iface = queryParam(request, 'interface');
    const serviceId = queryParam(request, 'service_id');
    const regionId = queryParam(request, 'region_id');
    const list = endpoints(request).filter((e) => (iface === undefined || e.interface === iface)
      && (serviceId === undefined || e.service_id === serviceId) && (regionId === undefined || e.region_id === regionId));
    return collection('endpoints', list, selfUrl(identity, request));
  });
  app.get<{ Params: { id: string } }>('/v3/endpoints/:id', async (request) => {
    enforce(policy.canReadAll(await requireCaller(identity, request)), 'identity:get_endpoint');
    const found = endpoints(request).find((e) => e.id === request.params.id);
    if (!found) throw NotFound.of('endpoint', request.params.id);
    return { endpoint: found };
  });

  // Regions are public information in Keystone's default policy.
  app.get('/v3/regions', async (request) => {
    await requireCaller(identity, request);
    return collection('regions', [region(request)], selfUrl(identity, request));
  });
  app.get<{ Params: { id: string } }>('/v3/regions/:id', async (request) => {
    await requireCaller(identity, request);
    if (request.params.id !== identity.options.region) throw NotFound.of('region', request.params.id);
    return { region: region(request) };
  });
}
