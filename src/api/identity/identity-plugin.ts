import type { FastifyInstance } from 'fastify';
import type { Identity } from '../../identity/identity.ts';
import { registerAppCredentialRoutes } from './app-credential-routes.ts';
import { registerAssignmentRoutes } from './assignment-routes.ts';
import { registerAuthRoutes } from './auth-routes.ts';
import { registerCatalogRoutes } from './catalog-routes.ts';
import { registerDiscoveryRoutes } from './discovery-routes.ts';
import { registerDomainRoutes } from './domain-routes.ts';
import { registerGroupRoutes } from './group-routes.ts';
import { baseUrl } from './identity-request.ts';
import { keystoneError, renderIdentityError } from './keystone-error.ts';
import { registerProjectRoutes } from './project-routes.ts';
import { registerRoleRoutes } from './role-routes.ts';
import { registerUserRoutes } from './user-routes.ts';

/**
 * The Keystone v3 subset at /identity, as an encapsulated fastify plugin: its
 * own error handler renders Keystone's `{"error": {code, title, message}}`
 * (the Networking API's NeutronError handler stays outside), and every 401
 * says where to authenticate (`WWW-Authenticate: Keystone uri=…`).
 */
export function registerIdentity(app: FastifyInstance, identity: Identity): void {
  app.register(async (scope) => {
    scope.setErrorHandler((error, request, reply) => {
      const { status, body } = renderIdentityError(error);
      if (status >= 500) request.log.error({ err: error }, 'identity request failed');
      if (status === 401) reply.header('www-authenticate', `Keystone uri="${baseUrl(identity, request)}/identity"`);
      return reply.code(status).type('application/json').send(body);
    });
    scope.setNotFoundHandler((_request, reply) => reply.code(404).send(keystoneError(404, 'The resource could not be found.')));
    registerDiscoveryRoutes(scope, identity);
    registerAuthRoutes(scope, identity);
    registerDomainRoutes(scope, identity);
    registerProjectRoutes(scope, identity);
    registerUserRoutes(scope, identity);
    registerGroupRoutes(scope, identity);
    registerRoleRoutes(scope, identity);
    registerAssignmentRoutes(scope, identity);
    registerAppCredentialRoutes(scope, identity);
    registerCatalogRoutes(scope, identity);
  }, { prefix: '/identity' });
}
