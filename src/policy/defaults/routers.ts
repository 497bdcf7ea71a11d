import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * Routers (neutron/conf/policies/router.py): the project's members create,
 * change, delete them and add or remove interfaces and routes; its readers
 * see them. Where SNAT happens, which external addresses the gateway takes,
 * and the `distributed` flag are the administrator's, to set and to see.
 */
export const routerPolicy: ResourcePolicy = {
  resource: 'router',
  enforced: ['external_gateway_info', 'distributed'],
  dictAttributes: ['external_gateway_info'],
  rules: {
    create_router: ADMIN_OR_PROJECT_MEMBER,
    'create_router:distributed': ADMIN,
    'create_router:external_gateway_info': ADMIN_OR_PROJECT_MEMBER,
    'create_router:external_gateway_info:network_id': ADMIN_OR_PROJECT_MEMBER,
    'create_router:external_gateway_info:enable_snat': ADMIN,
    'create_router:external_gateway_info:external_fixed_ips': ADMIN,

    get_router: ADMIN_OR_PROJECT_READER,
    'get_router:distributed': ADMIN,

    update_router: ADMIN_OR_PROJECT_MEMBER,
    'update_router:distributed': ADMIN,
    'update_router:external_gateway_info': ADMIN_OR_PROJECT_MEMBER,
    'update_router:external_gateway_info:network_id': ADMIN_OR_PROJECT_MEMBER,
    'update_router:external_gateway_info:enable_snat': ADMIN,
    'update_router:external_gateway_info:external_fixed_ips': ADMIN,

    delete_router: ADMIN_OR_PROJECT_MEMBER,

    add_router_interface: ADMIN_OR_PROJECT_MEMBER,
    remove_router_interface: ADMIN_OR_PROJECT_MEMBER,
    add_extraroutes: ADMIN_OR_PROJECT_MEMBER,
    remove_extraroutes: ADMIN_OR_PROJECT_MEMBER,

    'get_router:tags': ADMIN_OR_PROJECT_READER,
    'create_router:tags': ADMIN_OR_PROJECT_MEMBER,
    'update_router:tags': ADMIN_OR_PROJECT_MEMBER,
    'delete_router:tags': ADMIN_OR_PROJECT_MEMBER,
  },
};
