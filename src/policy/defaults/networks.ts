import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER, ADVSVC, SERVICE } from './base.ts';

/**
 * Networks: members create and change their project's networks; readers of
 * the project, services, and everyone for shared or external networks may
 * read them. Sharing, the external flag, the default-network flag and the
 * provider segments are the administrator's, to set and to see.
 */
export const networkPolicy: ResourcePolicy = {
  resource: 'network',
  enforced: [
    'shared', 'router:external', 'is_default', 'port_security_enabled', 'mtu', 'segments',
    'provider:network_type', 'provider:physical_network', 'provider:segmentation_id',
  ],
  rules: {
    external: 'field:networks:router:external=True',

    create_network: ADMIN_OR_PROJECT_MEMBER,
    'create_network:shared': ADMIN,
    'create_network:router:external': ADMIN,
    'create_network:is_default': ADMIN,
    'create_network:port_security_enabled': ADMIN_OR_PROJECT_MEMBER,
    'create_network:segments': ADMIN,
    'create_network:provider:network_type': ADMIN,
    'create_network:provider:physical_network': ADMIN,
    'create_network:provider:segmentation_id': ADMIN,

    get_network: anyOf(ADMIN_OR_PROJECT_READER, SERVICE, 'rule:shared', 'rule:external', ADVSVC),
    'get_network:segments': ADMIN,
    'get_network:provider:network_type': ADMIN,
    'get_network:provider:physical_network': ADMIN,
    'get_network:provider:segmentation_id': ADMIN,

    update_network: ADMIN_OR_PROJECT_MEMBER,
    'update_network:shared': ADMIN,
    'update_network:router:external': ADMIN,
    'update_network:is_default': ADMIN,
    'update_network:port_security_enabled': ADMIN_OR_PROJECT_MEMBER,
    'update_network:segments': ADMIN,
    'update_network:provider:network_type': ADMIN,
    'update_network:provider:physical_network': ADMIN,
    'update_network:provider:segmentation_id': ADMIN,

    delete_network: ADMIN_OR_PROJECT_MEMBER,

    // The /tags sub-resource: changing tags is changing the network (OSSA-2024-005).
    'get_network:tags': anyOf(ADMIN_OR_PROJECT_READER, 'rule:shared', 'rule:external', ADVSVC),
    'create_network:tags': ADMIN_OR_PROJECT_MEMBER,
    'update_network:tags': ADMIN_OR_PROJECT_MEMBER,
    'delete_network:tags': ADMIN_OR_PROJECT_MEMBER,
  },
};
