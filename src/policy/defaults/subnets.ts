import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_NET_OWNER_MEMBER, ADMIN_OR_NET_OWNER_READER, PROJECT_MEMBER, PROJECT_READER, SERVICE } from './base.ts';

/**
 * Subnets: only members of the network's project create them (not even on a
 * shared network); the subnet's own project or the network's may change and
 * delete them; subnets of shared and external networks are readable by all.
 * Segment and service-type assignment is the administrator's.
 */
export const subnetPolicy: ResourcePolicy = {
  resource: 'subnet',
  enforced: ['shared', 'segment_id'],
  rules: {
    external_network: 'field:subnets:router:external=True',

    create_subnet: ADMIN_OR_NET_OWNER_MEMBER,
    'create_subnet:segment_id': ADMIN,
    'create_subnet:service_types': ADMIN,

    get_subnet: anyOf(PROJECT_READER, 'rule:shared', 'rule:external_network', ADMIN_OR_NET_OWNER_READER, SERVICE),
    'get_subnet:segment_id': ADMIN,

    update_subnet: anyOf(PROJECT_MEMBER, ADMIN_OR_NET_OWNER_MEMBER),
    'update_subnet:segment_id': ADMIN,
    'update_subnet:service_types': ADMIN,

    delete_subnet: anyOf(PROJECT_MEMBER, ADMIN_OR_NET_OWNER_MEMBER),

    'get_subnet:tags': anyOf(PROJECT_READER, 'rule:shared', 'rule:external_network', ADMIN_OR_NET_OWNER_READER),
    'create_subnet:tags': anyOf(PROJECT_MEMBER, ADMIN_OR_NET_OWNER_MEMBER),
    'update_subnet:tags': anyOf(PROJECT_MEMBER, ADMIN_OR_NET_OWNER_MEMBER),
    'delete_subnet:tags': anyOf(PROJECT_MEMBER, ADMIN_OR_NET_OWNER_MEMBER),
  },
};
