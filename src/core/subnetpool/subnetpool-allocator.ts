import { cidrContainsCidr, formatCidr, parseCidr, type Cidr } from '../../ipam/cidr.ts';
import type { Row } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import {
  HTTPBadRequest, MaxPrefixSubnetAllocationError, MinPrefixSubnetAllocationError, SubnetAllocationError, SubnetPoolNotFound,
} from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { Sharing } from '../rbac/sharing.ts';
import type { PoolQuota } from './pool-quota.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';

/**
 * Carves subnet CIDRs out of subnet pools (subnet_allocation,
 * default-subnetpools). The pool row is locked for the transaction, so two
 * concurrent requests never receive overlapping prefixes.
 */
export class SubnetpoolAllocator {
  constructor(private readonly repos: CoreRepos, private readonly sharing?: Sharing, private readonly quota?: PoolQuota) {}

  /**
   * Fills `cidr` (and `subnetpool_id`) of a subnet create request.
   * Returns true when the CIDR came from a pool.
   */
  async resolveCidr(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<boolean> {
    const useDefault = values.use_default_subnetpool === true;
    let poolId = (values.subnetpool_id as string | null | undefined) ?? null;
    const hasCidr = values.cidr !== undefined && values.cidr !== null;
    const hasPrefixlen = values.prefixlen !== undefined && values.prefixlen !== null;
    if (useDefault && poolId) throw new HTTPBadRequest('subnetpool_id and use_default_subnetpool cannot both be specified');
    if (hasCidr && hasPrefixlen) throw new HTTPBadRequest('Invalid input for operation: cidr and prefixlen must not be supplied together.');
    if (useDefault) poolId = await this.defaultPoolId(tx, Number(values.ip_version));
    if (!poolId) {
      if (!hasCidr) throw new HTTPBadRequest('Bad subnets request: a subnetpool must be specified in the absence of a cidr.');
      return false;
    }
    const pool = await this.visiblePool(tx, ctx, poolId);
    const poolVersion = Number(pool.ip_version);
    if (Number(values.ip_version) !== poolVersion) {
      throw new HTTPBadRequest(`Bad subnets request: Cannot allocate IPv${values.ip_version} subnet from IPv${poolVersion} subnet pool.`);
    }
    const cidr = await this.carve(tx, pool, hasCidr ? String(values.cidr) : undefined, hasPrefixlen ? Number(values.prefixlen) : undefined, 'subnet', String(values.project_id));
    values.cidr = formatCidr(cidr);
    values.subnetpool_id = poolId;
    return true;
  }

  /**
   * Carves a prefix out of a locked pool row (`pool`, from `visiblePool`):
   * exactly `cidr` when given, else the lowest free prefix of `prefixlen`
   * (default: the pool's default_prefixlen), within the pool's bounds.
   * The IPAM driver keeps the pool's free space, shared by subnets and IP
   * blocks. `projectId`'s pool quotas are checked first (pool-quota.ts).
   */
  async carve(tx: Tx, pool: Row, cidrText: string | undefined, prefixlen: number | undefined, what: 'subnet' | 'block', projectId: string): Promise<Cidr> {
    const min = Number(pool.min_prefixlen);
    const max = Number(pool.max_prefixlen);
    const poolId = String(pool.id);
    if (cidrText !== undefined) {
      const cidr = parseCidr(cidrText, { strict: false })!;
      checkBounds(cidr.prefixLength, min, max);
      await this.quota?.check(tx, pool, projectId, cidr.prefixLength);
      if (cidr.version !== Number(pool.ip_version) || !(await this.repos.ipam.takePrefix(tx, poolId, cidr))) {
        throw new SubnetAllocationError(`Cannot allocate requested ${what} from the available set of prefixes`);
      }
      return cidr;
    }
    const length = prefixlen ?? Number(pool.default_prefixlen);
    checkBounds(length, min, max);
    await this.quota?.check(tx, pool, projectId, length);
    const cidr = await this.repos.ipam.allocatePrefix(tx, poolId, Number(pool.ip_version) as 4 | 6, length);
    if (!cidr) throw new SubnetAllocationError(`Insufficient prefix space to allocate ${what} size /${length}`);
    return cidr;
  }

  /** True when every used prefix still fits in `prefixes` (prefix updates may only grow a pool). */
  static covers(prefixes: readonly Cidr[], old: readonly Cidr[]): boolean {
    return old.every((o) => prefixes.some((p) => cidrContainsCidr(p, o)));
  }

  private async defaultPoolId(tx: Tx, ipVersion: number): Promise<string> {
    const rows = await this.repos.subnetpools.list(tx, {
      conditions: [{ kind: 'in', column: 'is_default', values: [1] }, { kind: 'in', column: 'ip_version', values: [ipVersion] }], sort: [],
    });
    if (rows.length === 0) throw new HTTPBadRequest(`No default subnetpool found for IPv${ipVersion}`);
    return String(rows[0]!.id);
  }

  /**
   * The pool row, locked for the transaction (carving from one pool is
   * serialized); 404 when the caller may not use it: not its own, not shared
   * with everyone, not shared with its project by an RBAC policy.
   */
  async visiblePool(tx: Tx, ctx: RequestContext, poolId: string): Promise<Row> {
    const pool = await this.repos.subnetpools.get(tx, poolId, { forUpdate: true });
    const usable = pool !== undefined && (ctx.isAdmin || pool.project_id === ctx.projectId || Number(pool.shared) === 1
      || (this.sharing !== undefined && await this.sharing.isSharedWith(tx, 'subnetpool', poolId, ctx.projectId)));
    if (!usable) throw new SubnetPoolNotFound(poolId);
    return pool;
  }
}

function checkBounds(prefixlen: number, min: number, max: number): void {
  if (prefixlen < min) throw new MinPrefixSubnetAllocationError(prefixlen, min);
  if (prefixlen > max) throw new MaxPrefixSubnetAllocationError(prefixlen, max);
}
