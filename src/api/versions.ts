import type { FastifyInstance } from 'fastify';
import type { ResolvedResource } from '../definitions/index.ts';
import { requestBaseUrl } from './wire/request.ts';

/** GET / (the version document) and GET /v2.0 (the resource index). */
export function registerVersionRoutes(app: FastifyInstance, resources: readonly ResolvedResource[]): void {
  app.get('/', async (request) => ({
    versions: [{ id: 'v2.0', status: 'CURRENT', links: [{ rel: 'self', href: `${requestBaseUrl(request)}/v2.0/` }] }],
  }));
  app.get('/v2.0', async (request) => ({
    resources: resources.map((r) => ({
      name: r.name,
      collection: r.collection,
      links: [{ rel: 'self', href: `${requestBaseUrl(request)}/v2.0/${r.path}` }],
    })),
  }));
}
