import type { AttributeSpec } from '../types.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/*
 * IP usage reports (muon's own, issue "Service-provider-grade IPAM"):
 * read-only collections computed by IPAM from free intervals and counts,
 * never by enumerating addresses, with Neutron's list semantics (filters,
 * fields, sorting, pagination). Routes are hand-written (computed, no table,
 * like network-ip-availabilities), so these resources are not in the
 * extension's `resources`: they have no create, update, delete or tags.
 *
 * Counts are addresses; those of IPv6 pools exceed 2^53 and are the nearest
 * JSON number (as Neutron's network-ip-availabilities). `utilization` is the
 * percentage of the pool not free (used + reserved), `warning` says it is at
 * or above `warning_percent` (the subnet pool's ip_usage_warning_percent, else
 * the server's MUON_IPAM_WARNING_PERCENT).
 */

const TEXT: AttributeSpec = { allowPost: false, allowPut: false, filter: true, sort: true };
const NUMBER: AttributeSpec = { allowPost: false, allowPut: false, sort: true, storage: 'integer' };
const FILTERABLE_NUMBER: AttributeSpec = { ...NUMBER, filter: true, filterConvert: v.toInt };
const FLAG: AttributeSpec = { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'boolean', convert: v.toBoolean };
const COUNTS = {
  total_ips: NUMBER, used_ips: NUMBER, reserved_ips: NUMBER, free_ips: NUMBER,
  utilization: NUMBER, warning_percent: NUMBER, warning: FLAG,
} as const;

function report(name: string, collection: string, path: string, attributes: Record<string, AttributeSpec>) {
  return defineResource({ name, collection, path, standardAttributes: false, bulk: false, operations: ['show', 'list'], attributes });
}

/** Per subnet: its allocation pools. */
export const subnetIpUsage = report('subnet_ip_usage', 'subnet_ip_usages', 'subnet-ip-usages', {
  subnet_id: TEXT, name: TEXT, network_id: TEXT, tenant_id: TEXT, project_id: TEXT, cidr: TEXT,
  ip_version: FILTERABLE_NUMBER, subnetpool_id: TEXT, ...COUNTS, largest_free_block: NUMBER,
});

/** Per subnet pool: its prefixes carved into subnets and IP blocks, plus the address usage of those subnets. */
export const subnetpoolIpUsage = report('subnetpool_ip_usage', 'subnetpool_ip_usages', 'subnetpool-ip-usages', {
  subnetpool_id: TEXT, name: TEXT, tenant_id: TEXT, project_id: TEXT, address_scope_id: TEXT, ip_version: FILTERABLE_NUMBER,
  subnet_count: NUMBER, block_count: NUMBER, allocated_ips: NUMBER, unallocated_ips: NUMBER, largest_free_prefixlen: NUMBER, ...COUNTS,
});

/** Per address scope: the sum of its subnet pools. */
export const addressScopeIpUsage = report('address_scope_ip_usage', 'address_scope_ip_usages', 'address-scope-ip-usages', {
  address_scope_id: TEXT, name: TEXT, tenant_id: TEXT, project_id: TEXT, ip_version: FILTERABLE_NUMBER,
  subnetpool_count: NUMBER, subnet_count: NUMBER, allocated_ips: NUMBER, unallocated_ips: NUMBER, ...COUNTS,
});

/** Per project: the subnets it owns, and what its ports hold and what is reserved for it anywhere. */
export const projectIpUsage = report('project_ip_usage', 'project_ip_usages', 'project-ip-usages', {
  tenant_id: TEXT, project_id: TEXT, subnet_count: NUMBER, total_ips: NUMBER, free_ips: NUMBER,
  port_ips: NUMBER, reserved_ips: NUMBER,
});

/** The report resources and the attribute each is keyed by (its show id and pagination marker). */
export const IP_USAGE_REPORTS = [
  { resource: subnetIpUsage, key: 'subnet_id' },
  { resource: subnetpoolIpUsage, key: 'subnetpool_id' },
  { resource: addressScopeIpUsage, key: 'address_scope_id' },
  { resource: projectIpUsage, key: 'project_id' },
] as const;

export const ipUsageReports = defineExtension({
  alias: 'ip-usage-reports', name: 'IP usage reports', updated: '2026-11-22T00:00:00-00:00',
  description: 'Address utilisation per subnet, subnet pool, address scope and project (total, used, reserved, free, largest free block), with a warning threshold per subnet pool; also as Prometheus metrics at /metrics.',
  requires: ['subnet_allocation'],
  attributes: {
    subnetpools: {
      ip_usage_warning_percent: {
        allowPost: true, allowPut: true, default: null, convert: v.toIntOrNone, validate: v.rangeOrNone(0, 100),
        filter: true, sort: true, storage: 'integer', filterConvert: v.toInt,
      },
    },
  },
});
