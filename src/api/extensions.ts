import type { FastifyInstance } from 'fastify';
import { ExtensionNotFound } from '../core/errors.ts';
import type { ExtensionDefinition } from '../definitions/index.ts';

/** /v2.0/extensions lists exactly the implemented extensions (definitions/index.ts). */
export function registerExtensionRoutes(app: FastifyInstance, extensions: readonly ExtensionDefinition[]): void {
  const describe = (e: ExtensionDefinition) => ({ name: e.name, alias: e.alias, description: e.description, updated: e.updated, links: [] });
  app.get('/v2.0/extensions', async () => ({ extensions: extensions.map(describe) }));
  app.get('/v2.0/extensions/:alias', async (request) => {
    const { alias } = request.params as { alias: string };
    const extension = extensions.find((e) => e.alias === alias);
    if (!extension) throw new ExtensionNotFound(alias);
    return { extension: describe(extension) };
  });
}
