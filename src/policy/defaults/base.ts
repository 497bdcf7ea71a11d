import type { ResourcePolicy } from '../resource-policy.ts';

/*
 * The personas of Neutron's 2023+ defaults ("secure RBAC": enforce_scope and
 * enforce_new_defaults on), as reusable check strings. Project-scoped roles
 * form a ladder: reader < member < manager; `admin` is the cloud
 * administrator and `service` the role of other services (Nova, Ironic …).
 */

/** The cloud administrator. */
export const ADMIN = 'rule:admin_only';
/** Another OpenStack service acting for a user (Nova binding a port). */
export const SERVICE = 'rule:service_api';
/** A reader, member or manager of the project that owns the target. */
export const PROJECT_READER = 'role:reader and project_id:%(project_id)s';
export const PROJECT_MEMBER = 'role:member and project_id:%(project_id)s';
export const PROJECT_MANAGER = 'role:manager and project_id:%(project_id)s';
/** A reader, member or manager of the project that owns the target's network (ports and subnets on it). */
export const NET_OWNER_READER = 'role:reader and rule:network_owner';
export const NET_OWNER_MEMBER = 'role:member and rule:network_owner';
export const NET_OWNER_MANAGER = 'role:manager and rule:network_owner';

export const ADMIN_OR_SERVICE = `(${ADMIN}) or (${SERVICE})`;
export const ADMIN_OR_PROJECT_READER = `(${ADMIN}) or (${PROJECT_READER})`;
export const ADMIN_OR_PROJECT_MEMBER = `(${ADMIN}) or (${PROJECT_MEMBER})`;
export const ADMIN_OR_PROJECT_MANAGER = `(${ADMIN}) or (${PROJECT_MANAGER})`;
export const ADMIN_OR_NET_OWNER_READER = `(${ADMIN}) or (${NET_OWNER_READER})`;
export const ADMIN_OR_NET_OWNER_MEMBER = `(${ADMIN}) or (${NET_OWNER_MEMBER})`;
/** Legacy "advanced services" role, still honoured by a few read rules. */
export const ADVSVC = 'rule:context_is_advsvc';

/** Building blocks every resource's rules refer to. */
export const basePolicy: ResourcePolicy = {
  rules: {
    context_is_admin: 'role:admin',
    context_is_advsvc: 'role:advsvc',
    service_api: 'role:service',
    admin_only: 'rule:context_is_admin',
    regular_user: '',
    owner: 'project_id:%(project_id)s',
    admin_or_owner: 'rule:context_is_admin or rule:owner',
    network_owner: 'project_id:%(network:project_id)s',
    admin_or_network_owner: 'rule:context_is_admin or project_id:%(network:project_id)s',
    admin_owner_or_network_owner: 'rule:owner or rule:admin_or_network_owner',
    /** A target on a shared network (or a shared network itself). */
    shared: 'field:networks:shared=True',
    /** What an operation without a rule of its own needs (also attribute rules that do not exist). */
    default: 'rule:admin_or_owner',
  },
};
