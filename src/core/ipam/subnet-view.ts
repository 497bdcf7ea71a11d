import { parseCidr, type Cidr } from '../../ipam/cidr.ts';
import { parseIpAddress } from '../../ipam/ip-address.ts';
import type { Range } from '../../ipam/interval-set.ts';

/** What the allocator needs to know of a subnet, decoded once from its row. */
export interface SubnetView {
  readonly id: string;
  readonly networkId: string;
  readonly projectId: string;
  readonly ipVersion: 4 | 6;
  readonly cidr: Cidr;
  readonly gatewayIp: string | null;
  readonly pools: readonly Range[];
  readonly ipv6AddressMode: string | null;
  readonly ipv6RaMode: string | null;
  readonly serviceTypes: readonly string[];
  readonly enableDhcp: boolean;
  readonly subnetpoolId: string | null;
}

/** The IPAM pool key of a subnet in free_ranges. */
export function subnetPool(subnetId: string): string {
  return `subnet:${subnetId}`;
}

/** The free_ranges key of a subnet pool's prefix space (expand 0008). */
export function prefixPool(subnetpoolId: string): string {
  return `subnetpool:${subnetpoolId}`;
}

/** SLAAC and DHCPv6-stateless subnets give every port an EUI-64 address (Neutron's "auto address" subnets). */
export function isAutoAddressSubnet(subnet: SubnetView): boolean {
  return subnet.ipVersion === 6 && (subnet.ipv6AddressMode === 'slaac' || subnet.ipv6AddressMode === 'dhcpv6-stateless');
}

/** Decodes a subnets row. */
export function subnetViewOf(row: Record<string, unknown>): SubnetView {
  const pools = JSON.parse(String(row.allocation_pools)) as Array<{ start: string; end: string }>;
  return {
    id: String(row.id),
    networkId: String(row.network_id),
    projectId: String(row.project_id),
    ipVersion: Number(row.ip_version) as 4 | 6,
    cidr: parseCidr(String(row.cidr))!,
    gatewayIp: (row.gateway_ip as string | null) ?? null,
    pools: pools.map((p) => ({ first: parseIpAddress(p.start)!.value, last: parseIpAddress(p.end)!.value })),
    ipv6AddressMode: (row.ipv6_address_mode as string | null) ?? null,
    ipv6RaMode: (row.ipv6_ra_mode as string | null) ?? null,
    serviceTypes: listOrEmpty(JSON.parse(String(row.service_types ?? '[]'))),
    enableDhcp: Number(row.enable_dhcp) === 1 || row.enable_dhcp === true,
    subnetpoolId: (row.subnetpool_id as string | null | undefined) ?? null,
  };
}

function listOrEmpty(value: unknown): string[] {
  return Array.isArray(value) ? (value as string[]) : [];
}
