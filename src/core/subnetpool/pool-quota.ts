import { parseCidr } from '../../ipam/cidr.ts';
import type { PoolUsageRepo } from '../../store/repos/pool-usage-repo.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import { OverQuota, SubnetPoolQuotaExceeded } from '../errors.ts';
import type { QuotaService, UsageCounter } from '../quota/quota-service.ts';

/** muon's per-project quotas on what projects draw from subnet pools (no Neutron equivalent). */
export const POOL_PREFIX_QUOTA = 'subnetpool_prefix';
export const POOL_IPV4_QUOTA = 'subnetpool_ipv4_address';

/** Quota units of a prefix: IPv4 addresses; IPv6 /64 networks (Neutron's subnet pool quota unit). */
function units(version: number, prefixlen: number): number {
  return version === 4 ? 2 ** (32 - prefixlen) : prefixlen >= 64 ? 1 : 2 ** (64 - prefixlen);
}

/**
 * Who may take how much from subnet pools. Two limits, checked when a
 * subnet or an IP block is carved from a pool, inside that transaction:
 *
 * - the pool's `default_quota` (Neutron's per-project subnet pool quota):
 *   what one project holds from this pool, in IPv4 addresses or IPv6 /64s
 *   (409 SubnetPoolQuotaExceeded);
 * - muon's project quotas `subnetpool_prefix` (prefixes held from any pool)
 *   and `subnetpool_ipv4_address` (IPv4 addresses held from any pool), set
 *   like any quota (`PUT /v2.0/quotas/<project>`), -1 by default (409 OverQuota).
 *
 * Subnets and IP blocks both count. Together with RBAC policies on pools
 * (who may draw) this makes delegated address space explicit.
 */
export class PoolQuota {
  constructor(private readonly usage: PoolUsageRepo, private readonly quotas: QuotaService) {}

  /** Refuses a prefix of `prefixlen` from `pool` for `projectId` when it would exceed a limit. */
  async check(tx: Tx, pool: Row, projectId: string, prefixlen: number): Promise<void> {
    const version = Number(pool.ip_version);
    const poolQuota = pool.default_quota === null || pool.default_quota === undefined ? undefined : Number(pool.default_quota);
    if (poolQuota !== undefined) {
      const held = (await this.usage.prefixesOf(tx, projectId, String(pool.id))).map((c) => parseCidr(c, { strict: false })!);
      const used = held.reduce((sum, c) => sum + units(c.version, c.prefixLength), 0);
      if (used + units(version, prefixlen) > poolQuota) throw new SubnetPoolQuotaExceeded();
    }
    const prefixLimit = await this.quotas.limitOf(tx, POOL_PREFIX_QUOTA, projectId);
    const addressLimit = version === 4 ? await this.quotas.limitOf(tx, POOL_IPV4_QUOTA, projectId) : -1;
    if (prefixLimit < 0 && addressLimit < 0) return;
    const held = (await this.usage.prefixesOf(tx, projectId)).map((c) => parseCidr(c, { strict: false })!);
    if (prefixLimit >= 0 && held.length + 1 > prefixLimit) throw new OverQuota([POOL_PREFIX_QUOTA]);
    if (addressLimit >= 0 && ipv4Addresses(held) + units(4, prefixlen) > addressLimit) throw new OverQuota([POOL_IPV4_QUOTA]);
  }

  /** Usage counters for quota details and limit changes. */
  counters(): Array<[string, UsageCounter]> {
    return [
      [POOL_PREFIX_QUOTA, { countByProject: async (tx, projectId) => (await this.usage.prefixesOf(tx, projectId)).length }],
      [POOL_IPV4_QUOTA, { countByProject: async (tx, projectId) => ipv4Addresses((await this.usage.prefixesOf(tx, projectId)).map((c) => parseCidr(c, { strict: false })!)) }],
    ];
  }
}

function ipv4Addresses(cidrs: ReadonlyArray<{ version: number; prefixLength: number }>): number {
  return cidrs.filter((c) => c.version === 4).reduce((sum, c) => sum + units(4, c.prefixLength), 0);
}
