import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_MANAGER } from './base.ts';

/**
 * Quotas: only administrators change them. Reading needs the project's
 * manager — but Neutron's quota API never asks for a project's own limits
 * (`GET /quotas/{own project}` and `/default` skip the check), so in effect
 * everyone reads their own project's quota and managers and admins read
 * others' (the target is `{project_id: <project in the URL>}`).
 */
export const quotaPolicy: ResourcePolicy = {
  resource: 'quota',
  rules: {
    get_quota: ADMIN_OR_PROJECT_MANAGER,
    update_quota: ADMIN,
    delete_quota: ADMIN,
  },
};
