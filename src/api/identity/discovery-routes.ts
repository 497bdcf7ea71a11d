import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Identity } from '../../identity/identity.ts';
import { v3Url } from './identity-request.ts';

/** The one API version offered (Keystone's current v3 minor version). */
function version(identity: Identity, request: FastifyRequest): Record<string, unknown> {
  return {
    id: 'v3.14',
    status: 'stable',
    updated: '2020-04-07T00:00:00Z',
    links: [{ rel: 'self', href: `${v3Url(identity, request)}/` }],
    'media-types': [{ base: 'application/json', type: 'application/vnd.openstack.identity-v3+json' }],
  };
}

/**
 * Version discovery, anonymous as in Keystone: GET /identity answers
 * 300 Multiple Choices with the version list (keystoneauth follows the v3
 * link), GET /identity/v3 answers the v3 document.
 */
export function registerDiscoveryRoutes(app: FastifyInstance, identity: Identity): void {
  app.get('/', async (request, reply) => {
    reply.code(300).header('location', `${v3Url(identity, request)}/`);
    return { versions: { values: [version(identity, request)] } };
  });
  app.get('/v3', async (request) => ({ version: version(identity, request) }));
}
