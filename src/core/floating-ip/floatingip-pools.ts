import type { Policy } from '../../policy/policy.ts';
import { queryRows } from '../../store/fast-sql.ts';
import type { Store } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';

/** One entry of GET /v2.0/floatingip_pools. */
export interface FloatingIpPool {
  subnet_id: string; subnet_name: string; network_id: string; cidr: string; project_id: string; tenant_id: string;
}

/**
 * floatingip-pools: every IPv4 subnet of an external network, whoever owns
 * it (Neutron reads them elevated), each shown with the caller's project —
 * so `get_floatingip_pool` (a reader of the project) decides for the whole
 * list. Read-only, one query.
 */
export class FloatingIpPools {
  constructor(private readonly store: Store, private readonly policy: Policy) {}

  async list(ctx: RequestContext): Promise<FloatingIpPool[]> {
    const rows = await this.store.read((tx) => queryRows<{ id: string; name: string; network_id: string; cidr: string }>(tx,
      `select s."id", s."name", s."network_id", s."cidr" from "subnets" s join "networks" n on n."id" = s."network_id"
        where n."router_external" = 1 and s."ip_version" = 4 order by s."id"`));
    const pools = rows.map((r) => ({ subnet_id: r.id, subnet_name: r.name, network_id: r.network_id, cidr: r.cidr, project_id: ctx.projectId, tenant_id: ctx.projectId }));
    return pools.filter((pool) => this.policy.authorize(ctx, 'get_floatingip_pool', pool));
  }
}
