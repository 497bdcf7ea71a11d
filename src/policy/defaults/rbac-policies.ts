import { anyOf, type ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_MEMBER, ADMIN_OR_PROJECT_READER } from './base.ts';

/** A policy whose target is not every project ('*'). */
const NOT_WILDCARD = 'not field:rbac_policy:target_tenant=*';

/**
 * RBAC policies (neutron/conf/policies/rbac.py): the project's members
 * share their objects with other projects and change or remove those
 * policies; its readers see them. Sharing with every project ('*') is the
 * administrator's, on create and on update. That the caller owns the object
 * it shares is checked by core/rbac (400, or 404 when it cannot see it).
 */
export const rbacPolicyPolicy: ResourcePolicy = {
  resource: 'rbac_policy',
  // Neutron's enforce_policy attributes, in its attribute-map order: those without a rule of their own fall back to `default`.
  enforced: ['object_type', 'object_id', 'target_tenant', 'action'],
  rules: {
    restrict_wildcard: anyOf(`(${NOT_WILDCARD})`, 'rule:admin_only'),

    create_rbac_policy: ADMIN_OR_PROJECT_MEMBER,
    'create_rbac_policy:target_tenant': anyOf(ADMIN, `(${NOT_WILDCARD})`),
    update_rbac_policy: ADMIN_OR_PROJECT_MEMBER,
    'update_rbac_policy:target_tenant': anyOf(ADMIN, `(${NOT_WILDCARD})`),
    get_rbac_policy: ADMIN_OR_PROJECT_READER,
    delete_rbac_policy: ADMIN_OR_PROJECT_MEMBER,
  },
};
