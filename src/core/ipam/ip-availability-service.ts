import type { Policy } from '../../policy/policy.ts';
import { inValues } from '../../store/fast-sql.ts';
import type { Store } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { NetworkNotFound } from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { Condition } from '../../store/repos/list-query.ts';
import { subnetViewOf } from './subnet-view.ts';

export interface SubnetAvailability {
  subnet_id: string; subnet_name: string; cidr: string; ip_version: number; total_ips: bigint; used_ips: number;
}
export interface NetworkAvailability {
  network_id: string; network_name: string; tenant_id: string; project_id: string;
  total_ips: bigint; used_ips: number; subnet_ip_availability: SubnetAvailability[];
}

export interface AvailabilityFilter {
  network_id?: string[]; network_name?: string[]; project_id?: string[]; ip_version?: number[];
}

/**
 * network-ip-availabilities: per network and subnet, the size of the
 * allocation pools and the number of addresses held. Networks the policy's
 * get_network_ip_availability denies are left out (admin and service only by
 * default), so a show of one answers 404.
 * Pool sizes are bigints: an IPv6 /64 holds 2^64 - 2 addresses, which a
 * JSON client (Python's) reads exactly, so the wire must not round it to a double.
 */
export class IpAvailabilityService {
  constructor(private readonly store: Store, private readonly repos: CoreRepos, private readonly policy: Policy) {}

  async list(ctx: RequestContext, filter: AvailabilityFilter): Promise<NetworkAvailability[]> {
    return this.store.read(async (tx) => {
      const conditions: Condition[] = [];
      if (filter.network_id?.length) conditions.push({ kind: 'in', column: 'id', values: filter.network_id });
      if (filter.network_name?.length) conditions.push({ kind: 'in', column: 'name', values: filter.network_name });
      if (filter.project_id?.length) conditions.push({ kind: 'in', column: 'project_id', values: filter.project_id });
      const networks = (await this.repos.networks.list(tx, { conditions, sort: [] }))
        .filter((network) => this.policy.authorize(ctx, 'get_network_ip_availability', { project_id: network.project_id, tenant_id: network.project_id }));
      if (networks.length === 0) return [];
      const subnetRows = await tx.db.selectFrom('subnets').selectAll().where(inValues(tx, 'network_id', networks.map((n) => String(n.id)))).orderBy('created_seq').execute();
      const subnets = subnetRows.map((row) => ({ row, view: subnetViewOf(row) }))
        .filter((s) => !filter.ip_version?.length || filter.ip_version.includes(s.view.ipVersion));
      const used = await this.repos.allocations.countBySubnet(tx, subnets.map((s) => s.view.id));
      return networks.map((network) => {
        const mine = subnets.filter((s) => s.view.networkId === network.id).map(({ row, view }) => ({
          subnet_id: view.id, subnet_name: String(row.name), cidr: String(row.cidr), ip_version: view.ipVersion,
          total_ips: view.pools.reduce((sum, p) => sum + (p.last - p.first + 1n), 0n),
          used_ips: used.get(view.id) ?? 0,
        }));
        return {
          network_id: String(network.id), network_name: String(network.name),
          tenant_id: String(network.project_id), project_id: String(network.project_id),
          total_ips: mine.reduce((s, x) => s + x.total_ips, 0n), used_ips: mine.reduce((s, x) => s + x.used_ips, 0),
          subnet_ip_availability: mine,
        };
      });
    });
  }

  async show(ctx: RequestContext, networkId: string): Promise<NetworkAvailability> {
    const [found] = await this.list(ctx, { network_id: [networkId] });
    if (!found) throw new NetworkNotFound(networkId);
    return found;
  }
}
