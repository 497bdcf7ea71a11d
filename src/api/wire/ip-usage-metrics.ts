import type { IpUsageService } from '../../core/ipam/ip-usage-service.ts';
import type { ResourceRecord } from '../../core/resource/record-codec.ts';
import type { MetricFamily } from './prometheus.ts';

/** [metric suffix, record attribute, help] per report; utilization becomes a 0–1 ratio. */
const SUBNET: ReadonlyArray<[string, string, string]> = [
  ['total_ips', 'total_ips', 'Addresses in the allocation pools of the subnet.'],
  ['used_ips', 'used_ips', 'Addresses of the subnet held by ports.'],
  ['reserved_ips', 'reserved_ips', 'Addresses of the subnet held by IP reservations and not lent to a port.'],
  ['free_ips', 'free_ips', 'Pool addresses of the subnet neither used nor reserved.'],
  ['largest_free_block', 'largest_free_block', 'Longest run of consecutive free addresses in the subnet.'],
];
const POOL: ReadonlyArray<[string, string, string]> = [
  ['total_ips', 'total_ips', 'Addresses in the prefixes of the subnet pool.'],
  ['allocated_ips', 'allocated_ips', 'Addresses of the subnet pool carved into subnets.'],
  ['used_ips', 'used_ips', 'Addresses held by ports in the subnets of the pool.'],
  ['reserved_ips', 'reserved_ips', 'Addresses held by IP reservations in the subnets of the pool.'],
];
const SCOPE: ReadonlyArray<[string, string, string]> = [
  ['total_ips', 'total_ips', 'Addresses in the subnet pools of the address scope.'],
  ['allocated_ips', 'allocated_ips', 'Addresses of the address scope carved into subnets.'],
];
const PROJECT: ReadonlyArray<[string, string, string]> = [
  ['port_ips', 'port_ips', 'Addresses held by the ports of the project.'],
  ['reserved_ips', 'reserved_ips', 'Addresses reserved for the project and not lent to a port.'],
];

/**
 * The IP usage reports as Prometheus gauges: `muon_ipam_<kind>_<count>`
 * labelled by the object's id only, plus `_utilization_ratio`,
 * `_warning_threshold_ratio` and `_warning` (1 when at or above the
 * threshold) per subnet, pool and scope, and one `muon_ipam_<kind>_info`
 * series (value 1) per object carrying its other labels (network, project,
 * CIDR, pool, scope, name) — join on the id in queries, as with any
 * `_info` metric; it keeps the many count series small.
 */
export async function ipUsageMetrics(service: IpUsageService): Promise<MetricFamily[]> {
  const all = await service.all();
  return [
    ...families('subnet', 'the subnet', SUBNET, all.subnet_ip_usage, 'subnet_id', ['network_id', 'project_id', 'cidr', 'subnetpool_id', 'ip_version']),
    ...families('subnetpool', 'the subnet pool (carved into subnets)', POOL, all.subnetpool_ip_usage, 'subnetpool_id', ['name', 'project_id', 'address_scope_id', 'ip_version']),
    ...families('address_scope', 'the address scope (carved into subnets)', SCOPE, all.address_scope_ip_usage, 'address_scope_id', ['name', 'project_id', 'ip_version']),
    ...families('project', 'the project', PROJECT, all.project_ip_usage, 'project_id', []),
  ];
}

function families(
  kind: string, what: string, counts: ReadonlyArray<[string, string, string]>, records: readonly ResourceRecord[], key: string, infoLabels: readonly string[],
): MetricFamily[] {
  // One labels object per record, shared by all its samples: the renderer formats it once.
  const ids = records.map((r) => ({ [key]: str(r[key]) }));
  const out: MetricFamily[] = [];
  if (infoLabels.length > 0) {
    out.push({
      name: `muon_ipam_${kind}_info`, help: `Labels of ${what}: join on ${key}.`, type: 'gauge',
      samples: records.map((r) => ({ labels: Object.fromEntries([[key, str(r[key])], ...infoLabels.map((l) => [l, str(r[l])])]), value: 1 })),
    });
  }
  out.push(...counts.map(([suffix, attribute, help]): MetricFamily => ({
    name: `muon_ipam_${kind}_${suffix}`, help, type: 'gauge', samples: records.map((r, i) => ({ labels: ids[i]!, value: Number(r[attribute]) })),
  })));
  if (kind !== 'project') {
    out.push(
      { name: `muon_ipam_${kind}_utilization_ratio`, help: `Share of ${what} not free (0-1).`, type: 'gauge', samples: records.map((r, i) => ({ labels: ids[i]!, value: Number(r.utilization) / 100 })) },
      { name: `muon_ipam_${kind}_warning_threshold_ratio`, help: `Utilization at which ${what} is flagged (0-1).`, type: 'gauge', samples: records.map((r, i) => ({ labels: ids[i]!, value: Number(r.warning_percent) / 100 })) },
      { name: `muon_ipam_${kind}_warning`, help: `1 when the utilization of ${what} is at or above its warning threshold.`, type: 'gauge', samples: records.map((r, i) => ({ labels: ids[i]!, value: r.warning === true ? 1 : 0 })) },
    );
  }
  return out;
}

function str(value: unknown): string | null {
  return value === null || value === undefined ? null : String(value);
}
