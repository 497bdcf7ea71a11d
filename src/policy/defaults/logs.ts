import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN_OR_PROJECT_MANAGER } from './base.ts';

/** Network logs (neutron/conf/policies/logging.py): the project's managers and the administrator, nobody else; logs have no tags. */
export const logPolicy: ResourcePolicy = {
  resource: 'log',
  rules: {
    create_log: ADMIN_OR_PROJECT_MANAGER,
    get_log: ADMIN_OR_PROJECT_MANAGER,
    update_log: ADMIN_OR_PROJECT_MANAGER,
    delete_log: ADMIN_OR_PROJECT_MANAGER,
  },
};

/**
 * GET /v2.0/log/loggable-resources, checked on each listed type as Neutron
 * does: a type belongs to no project, so only the administrator sees one.
 */
export const loggableResourcePolicy: ResourcePolicy = {
  resource: 'loggable_resource',
  rules: { get_loggable_resource: ADMIN_OR_PROJECT_MANAGER },
};
