import type { ResourcePolicy } from '../resource-policy.ts';
import { ADMIN, ADMIN_OR_PROJECT_READER } from './base.ts';

/**
 * muon's IP usage reports (not Neutron resources): administrators see every
 * subnet, pool, scope and project; a project's readers see the records of
 * their own project. /metrics is cloud-wide, so administrators only (or the
 * scraper's bearer token, MUON_METRICS_TOKEN).
 */
export const ipUsageReportPolicy: ResourcePolicy = {
  rules: {
    get_subnet_ip_usage: ADMIN_OR_PROJECT_READER,
    get_subnetpool_ip_usage: ADMIN_OR_PROJECT_READER,
    get_address_scope_ip_usage: ADMIN_OR_PROJECT_READER,
    get_project_ip_usage: ADMIN_OR_PROJECT_READER,
    get_ip_usage_metrics: ADMIN,
  },
};
