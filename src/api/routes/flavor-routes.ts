import type { FastifyInstance } from 'fastify';
import type { Services } from '../../core/services.ts';
import { HTTPBadRequest } from '../../core/errors.ts';
import { uuid } from '../../definitions/validators/index.ts';
import { stripJson } from '../wire/request.ts';
import { contextOf } from './resource-routes.ts';

/**
 * The flavor ↔ service profile association, a sub-resource of flavors:
 * POST /v2.0/flavors/{id}/service_profiles with {"service_profile": {"id": …}}
 * (201, the same body back), GET and DELETE
 * /v2.0/flavors/{id}/service_profiles/{profile_id} (200 {"service_profile":
 * {"id": …}}, 204). Neutron serves no list of them: a flavor's
 * `service_profiles` is that list.
 */
export function registerFlavorRoutes(app: FastifyInstance, services: Services): void {
  const base = '/v2.0/flavors/:id/service_profiles';
  app.post(base, async (request, reply) => {
    const flavorId = (request.params as { id: string }).id;
    const binding = await services.flavorProfiles.associate(contextOf(request), flavorId, profileIdOf(request.body));
    reply.code(201);
    return { service_profile: binding };
  });

  app.get(`${base}/:profileId`, async (request) => {
    const { id, profileId } = request.params as { id: string; profileId: string };
    return { service_profile: await services.flavorProfiles.show(contextOf(request), id, stripJson(profileId)) };
  });

  app.delete(`${base}/:profileId`, async (request, reply) => {
    const { id, profileId } = request.params as { id: string; profileId: string };
    await services.flavorProfiles.dissociate(contextOf(request), id, stripJson(profileId));
    reply.code(204);
    return reply.send();
  });
}

/** The profile id of an association body, checked as Neutron's sub-resource attribute map says (id: a UUID, required, alone). */
function profileIdOf(body: unknown): string {
  const envelope = asObject(body);
  if (!('service_profile' in envelope)) throw new HTTPBadRequest("Unable to find 'service_profile' in request body");
  const item = asObject(envelope.service_profile);
  const unknown = Object.keys(item).filter((key) => key !== 'id');
  if (unknown.length > 0) throw new HTTPBadRequest(`Unrecognized attribute(s) '${unknown.join(', ')}'`);
  if (!('id' in item)) throw new HTTPBadRequest("Failed to parse request. Required attribute 'id' not specified");
  const reason = uuid(item.id);
  if (reason !== undefined) throw new HTTPBadRequest(`Invalid input for id. Reason: ${reason}.`);
  return item.id as string;
}

function asObject(value: unknown): Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new HTTPBadRequest('Malformed request body');
  return value as Record<string, unknown>;
}
