import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import {
  ADMIN, ADMIN_OR_NET_OWNER_MEMBER, ADMIN_OR_NET_OWNER_READER, ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_SERVICE, ADVSVC,
  NET_OWNER_MANAGER, NET_OWNER_MEMBER, NET_OWNER_READER, PROJECT_MEMBER, PROJECT_READER, SERVICE,
} from './base.ts';

/**
 * Ports: members of the network's project, services and (on shared
 * networks) anyone may create them; what a port may claim is narrower for
 * whoever does not own the network: no chosen IP address or MAC, no
 * port-security switch or address pairs, no `network:*` device owner.
 * Binding attributes belong to services (and, except the profile, admins).
 * Changing the MAC of an existing port needs the network project's manager.
 */
export const portPolicy: ResourcePolicy = {
  resource: 'port',
  enforced: [
    'mac_address', 'fixed_ips', 'device_id', 'device_owner', 'port_security_enabled', 'allowed_address_pairs',
    'binding:vif_type', 'binding:vif_details', 'binding:vnic_type', 'binding:host_id', 'binding:profile',
    'hints', 'trusted', 'data_plane_status',
  ],
  rules: {
    network_device: 'field:port:device_owner=~^network:',
    admin_or_data_plane_int: 'rule:context_is_admin or role:data_plane_integrator',

    create_port: anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER, 'rule:shared'),
    'create_port:device_id': anyOf(ADMIN_OR_PROJECT_MEMBER, SERVICE),
    'create_port:device_owner': anyOf('not rule:network_device', ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'create_port:mac_address': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'create_port:fixed_ips': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER, 'rule:shared'),
    'create_port:fixed_ips:ip_address': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'create_port:fixed_ips:subnet_id': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER, 'rule:shared'),
    'create_port:port_security_enabled': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'create_port:binding:host_id': ADMIN_OR_SERVICE,
    'create_port:binding:profile': SERVICE,
    'create_port:binding:vnic_type': anyOf(ADMIN_OR_PROJECT_MEMBER, SERVICE),
    'create_port:allowed_address_pairs': anyOf(ADMIN_OR_NET_OWNER_MEMBER, SERVICE),
    'create_port:allowed_address_pairs:mac_address': anyOf(ADMIN_OR_NET_OWNER_MEMBER, SERVICE),
    'create_port:allowed_address_pairs:ip_address': anyOf(ADMIN_OR_NET_OWNER_MEMBER, SERVICE),
    'create_port:hints': ADMIN,
    'create_port:trusted': ADMIN,

    get_port: anyOf(ADMIN_OR_SERVICE, NET_OWNER_READER, PROJECT_READER),
    'get_port:binding:vif_type': ADMIN_OR_SERVICE,
    'get_port:binding:vif_details': ADMIN_OR_SERVICE,
    'get_port:binding:host_id': ADMIN_OR_SERVICE,
    'get_port:binding:profile': ADMIN_OR_SERVICE,
    'get_port:resource_request': ADMIN,
    'get_port:hints': ADMIN,
    'get_port:trusted': ADMIN,

    update_port: anyOf(ADMIN_OR_SERVICE, PROJECT_MEMBER),
    'update_port:device_id': anyOf(ADMIN_OR_PROJECT_MEMBER, SERVICE),
    'update_port:device_owner': anyOf('not rule:network_device', ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'update_port:mac_address': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MANAGER),
    'update_port:fixed_ips': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'update_port:fixed_ips:ip_address': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'update_port:fixed_ips:subnet_id': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER, 'rule:shared'),
    'update_port:port_security_enabled': anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER),
    'update_port:binding:host_id': ADMIN_OR_SERVICE,
    'update_port:binding:profile': SERVICE,
    'update_port:binding:vnic_type': anyOf(ADMIN_OR_SERVICE, PROJECT_MEMBER),
    'update_port:allowed_address_pairs': anyOf(ADMIN_OR_NET_OWNER_MEMBER, SERVICE),
    'update_port:allowed_address_pairs:mac_address': anyOf(ADMIN_OR_NET_OWNER_MEMBER, SERVICE),
    'update_port:allowed_address_pairs:ip_address': anyOf(ADMIN_OR_NET_OWNER_MEMBER, SERVICE),
    'update_port:data_plane_status': anyOf(ADMIN, 'role:data_plane_integrator'),
    'update_port:hints': ADMIN,
    'update_port:trusted': ADMIN,

    delete_port: anyOf(ADMIN_OR_SERVICE, NET_OWNER_MEMBER, PROJECT_MEMBER),

    'get_port:tags': anyOf(ADVSVC, ADMIN_OR_NET_OWNER_READER, PROJECT_READER),
    'create_port:tags': anyOf(ADMIN_OR_PROJECT_MEMBER, ADVSVC),
    'update_port:tags': anyOf(ADMIN_OR_PROJECT_MEMBER, ADVSVC),
    'delete_port:tags': anyOf(ADVSVC, PROJECT_MEMBER, ADMIN_OR_NET_OWNER_MEMBER),
  },
};
