import { cidrFirst, cidrLast, parseCidr, type Cidr } from '../../ipam/cidr.ts';
import { IntervalSet } from '../../ipam/interval-set.ts';
import { rangeToCidrs } from '../../ipam/prefix-allocator.ts';
import type { Policy } from '../../policy/policy.ts';
import { inValueList, queryRows, ROWS_AS_ARRAYS, valueList } from '../../store/fast-sql.ts';
import type { Condition, ListQuery } from '../../store/repos/list-query.ts';
import type { Store, Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { HTTPNotFound } from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import { applyListQuery } from './in-memory-list.ts';
import type { AddressUsage } from './ipam-driver.ts';
import { parseIpAddress } from '../../ipam/ip-address.ts';
import type { Range } from '../../ipam/interval-set.ts';

/** Which report: the resource's singular name (policy `get_<name>`) and the attribute that keys it. */
export type ReportName = 'subnet_ip_usage' | 'subnetpool_ip_usage' | 'address_scope_ip_usage' | 'project_ip_usage';

export const REPORT_KEYS: Readonly<Record<ReportName, string>> = {
  subnet_ip_usage: 'subnet_id', subnetpool_ip_usage: 'subnetpool_id', address_scope_ip_usage: 'address_scope_id', project_ip_usage: 'project_id',
};

/** Subnet-report filters answered by SQL (report attribute → subnets column), so a narrow report reads narrowly. */
const SUBNET_COLUMNS: Readonly<Record<string, string>> = {
  subnet_id: 'id', network_id: 'network_id', project_id: 'project_id', subnetpool_id: 'subnetpool_id', ip_version: 'ip_version', cidr: 'cidr', name: 'name',
};

/**
 * IP usage reports (extension ip-usage-reports) and the figures behind
 * /metrics. Everything is computed per request from the IPAM driver's
 * `usage` (free intervals, allocation and reservation counts) — exact, and
 * cheap because it never enumerates addresses: a report over 10,000 subnets
 * reads about one free-interval row per small subnet.
 *
 * Read policy: `get_<report>` per record (administrators, and readers of the
 * record's project, by default); non-administrators' subnet reports only
 * compute their own subnets.
 */
export class IpUsageService {
  constructor(
    private readonly store: Store, private readonly repos: CoreRepos, private readonly policy: Policy,
    private readonly settings: { readonly warningPercent: number },
  ) {}

  /** A report's records after policy and the list query (filters, sort, pagination). */
  async list(ctx: RequestContext, report: ReportName, query: ListQuery): Promise<ResourceRecord[]> {
    const records = await this.compute(ctx, report, report === 'subnet_ip_usage' ? query.conditions : []);
    return applyListQuery(records.filter((r) => this.policy.authorize(ctx, `get_${report}`, r)), query, REPORT_KEYS[report]);
  }

  async show(ctx: RequestContext, report: ReportName, id: string): Promise<ResourceRecord> {
    const key = REPORT_KEYS[report];
    const [found] = await this.list(ctx, report, { conditions: [{ kind: 'in', column: key, values: [id] }], sort: [] });
    if (!found) throw new HTTPNotFound(`${report.replace(/_/g, ' ')} ${id} could not be found.`);
    return found;
  }

  /**
   * Every record of every report, unfiltered by policy (for /metrics, which
   * has its own rule), from one reading of the subnets' usage.
   */
  async all(): Promise<Record<ReportName, ResourceRecord[]>> {
    return this.store.read(async (tx) => {
      const subnets = await this.subnetReport(tx, undefined, []);
      const pools = await this.poolReport(tx, subnets);
      return {
        subnet_ip_usage: subnets.records, subnetpool_ip_usage: pools,
        address_scope_ip_usage: await this.scopeReport(tx, pools), project_ip_usage: await this.projectReport(tx, subnets),
      };
    });
  }

  private async compute(ctx: RequestContext | undefined, report: ReportName, conditions: readonly Condition[]): Promise<ResourceRecord[]> {
    return this.store.read(async (tx) => {
      switch (report) {
        case 'subnet_ip_usage': return (await this.subnetReport(tx, ctx, conditions)).records;
        case 'subnetpool_ip_usage': return this.poolReport(tx);
        case 'address_scope_ip_usage': return this.scopeReport(tx);
        case 'project_ip_usage': return this.projectReport(tx);
      }
    });
  }

  private async subnetReport(tx: Tx, ctx: RequestContext | undefined, conditions: readonly Condition[]): Promise<SubnetReport> {
    const where: string[] = [];
    const params: unknown[] = [];
    for (const c of conditions) {
      const column = c.kind === 'in' ? SUBNET_COLUMNS[c.column] : undefined;
      if (c.kind !== 'in' || column === undefined) continue;
      where.push(inValueList(tx, `"${column}"`));
      params.push(valueList(tx, c.values.map((v) => (column === 'ip_version' ? Number(v) : String(v)))));
    }
    if (ctx !== undefined && !this.policy.powersOf(ctx).admin) { where.push('"project_id" = ?'); params.push(ctx.projectId); }
    const rows = await queryRows<SubnetRow>(tx,
      `${ROWS_AS_ARRAYS}select "id", "name", "network_id", "project_id", "cidr", "ip_version", "subnetpool_id", "allocation_pools" from "subnets"${where.length ? ` where ${where.join(' and ')}` : ''}`, params);
    const subnets = rows.map(leanSubnet);
    const usage = await this.repos.ipam.usage(tx, subnets);
    const thresholds = await this.poolThresholds(tx);
    const records = subnets.map((subnet) => {
      const u = usage.get(subnet.id)!;
      return {
        subnet_id: subnet.id, name: subnet.name, network_id: subnet.networkId, tenant_id: subnet.projectId, project_id: subnet.projectId,
        cidr: subnet.cidr, ip_version: subnet.ipVersion, subnetpool_id: subnet.subnetpoolId,
        ...this.counts(u.total, u.used, u.reserved, u.free, u.total - u.free, thresholds.get(subnet.subnetpoolId ?? '')),
        largest_free_block: Number(u.largestFreeBlock),
      };
    });
    return { records, subnets, usage };
  }

  /**
   * Per subnet pool: its prefix space from the IPAM driver (carved = given to
   * subnets and IP blocks), plus the address usage of its subnets; `all`,
   * when given, is the usage of every subnet (else only the pools' subnets are read).
   */
  private async poolReport(tx: Tx, all?: SubnetReport): Promise<ResourceRecord[]> {
    const pools = await queryRows(tx, 'select "id", "name", "project_id", "address_scope_id", "ip_version", "prefixes", "ip_usage_warning_percent" from "subnetpools"');
    if (pools.length === 0) return [];
    const ids = pools.map((p) => String(p.id));
    const [{ subnets, usage }, freeSpace, blocks] = await Promise.all([
      all ?? this.subnetReport(tx, undefined, [{ kind: 'in', column: 'subnetpool_id', values: ids }]),
      this.repos.ipam.poolFreeSpace(tx, ids),
      queryRows<[string, number | string]>(tx, `${ROWS_AS_ARRAYS}select "subnetpool_id", count(*) from "ip_blocks" group by "subnetpool_id"`),
    ]);
    const blockCount = new Map(blocks.map(([id, n]) => [id, Number(n)]));
    return pools.map((pool) => {
      const id = String(pool.id);
      const prefixes = (JSON.parse(String(pool.prefixes)) as string[]).map((p) => parseCidr(p)!);
      const carved = subnets.filter((s) => s.subnetpoolId === id);
      const sums = sumUsage(carved.map((s) => usage.get(s.id)!));
      const total = IntervalSet.of(prefixes.map(toRange)).size();
      const free = freeSpace.get(id) ?? [];
      const unallocated = free.reduce((sum, r) => sum + r.last - r.first + 1n, 0n);
      const allocated = total - unallocated;
      const version = Number(pool.ip_version) as 4 | 6;
      const largest = free.flatMap((r) => rangeToCidrs(version, r)).reduce((best, c) => Math.min(best, c.prefixLength), Infinity);
      return {
        subnetpool_id: id, name: String(pool.name), tenant_id: String(pool.project_id), project_id: String(pool.project_id),
        address_scope_id: (pool.address_scope_id as string | null) ?? null, ip_version: version, subnet_count: carved.length, block_count: blockCount.get(id) ?? 0,
        allocated_ips: Number(allocated), unallocated_ips: Number(unallocated), largest_free_prefixlen: Number.isFinite(largest) ? largest : null,
        ...this.counts(total, sums.used, sums.reserved, sums.free, allocated, numberOrUndefined(pool.ip_usage_warning_percent)),
      };
    });
  }

  private async scopeReport(tx: Tx, poolRecords?: ResourceRecord[]): Promise<ResourceRecord[]> {
    const scopes = await queryRows(tx, 'select "id", "name", "project_id", "ip_version" from "address_scopes"');
    if (scopes.length === 0) return [];
    const pools = poolRecords ?? await this.poolReport(tx);
    // A pool made from an IP block holds addresses its parent already counts (as the block, allocated).
    const fromBlocks = new Set((await queryRows<{ id: string }>(tx, 'select "id" from "subnetpools" where "ip_block_id" is not null')).map((p) => p.id));
    return scopes.map((scope) => {
      const mine = pools.filter((p) => p.address_scope_id === scope.id);
      const sumOf = (list: ResourceRecord[], key: string) => list.reduce((s, p) => s + BigInt(Math.round(Number(p[key]))), 0n);
      const sum = (key: string) => sumOf(mine, key);
      const roots = mine.filter((p) => !fromBlocks.has(String(p.subnetpool_id)));
      const total = sumOf(roots, 'total_ips');
      const allocated = sumOf(roots, 'allocated_ips');
      return {
        address_scope_id: String(scope.id), name: String(scope.name), tenant_id: String(scope.project_id), project_id: String(scope.project_id),
        ip_version: Number(scope.ip_version), subnetpool_count: mine.length, subnet_count: mine.reduce((s, p) => s + Number(p.subnet_count), 0),
        allocated_ips: Number(allocated), unallocated_ips: Number(total - allocated),
        ...this.counts(total, sum('used_ips'), sum('reserved_ips'), sum('free_ips'), allocated, undefined),
      };
    });
  }

  private async projectReport(tx: Tx, all?: SubnetReport): Promise<ResourceRecord[]> {
    const { subnets, usage } = all ?? await this.subnetReport(tx, undefined, []);
    const [held, reserved] = await Promise.all([
      queryRows<{ project_id: string; n: number | string }>(tx,
        'select p."project_id", count(*) as n from "ip_allocations" a join "ports" p on p."id" = a."port_id" group by p."project_id"'),
      queryRows<{ project_id: string; first_hex: string; last_hex: string; subnet_id: string; lent: number | string }>(tx,
        `select r."project_id", r."first_hex", r."last_hex", r."subnet_id",
          (select count(*) from "ip_allocations" a where a."subnet_id" = r."subnet_id" and a."ip_hex" >= r."first_hex" and a."ip_hex" <= r."last_hex") as lent
          from "ip_reservations" r`),
    ]);
    const projects = new Map<string, { subnets: number; total: bigint; free: bigint; ports: number; reserved: bigint }>();
    const entry = (id: string) => {
      let e = projects.get(id);
      if (e === undefined) projects.set(id, e = { subnets: 0, total: 0n, free: 0n, ports: 0, reserved: 0n });
      return e;
    };
    for (const subnet of subnets) {
      const e = entry(subnet.projectId);
      const u = usage.get(subnet.id)!;
      e.subnets += 1;
      e.total += u.total;
      e.free += u.free;
    }
    for (const row of held) entry(row.project_id).ports += Number(row.n);
    for (const row of reserved) entry(row.project_id).reserved += BigInt(`0x${row.last_hex}`) - BigInt(`0x${row.first_hex}`) + 1n - BigInt(Number(row.lent));
    return [...projects].map(([id, e]) => ({
      tenant_id: id, project_id: id, subnet_count: e.subnets, total_ips: Number(e.total), free_ips: Number(e.free),
      port_ips: e.ports, reserved_ips: Number(e.reserved),
    }));
  }

  /** The count attributes shared by the reports; `busy` is what counts towards utilization. */
  private counts(total: bigint, used: bigint, reserved: bigint, free: bigint, busy: bigint, ownPercent: number | undefined) {
    const warningPercent = ownPercent ?? this.settings.warningPercent;
    const utilization = total === 0n ? 0 : Number((busy * 10000n) / total) / 100;
    return {
      total_ips: Number(total), used_ips: Number(used), reserved_ips: Number(reserved), free_ips: Number(free),
      utilization, warning_percent: warningPercent, warning: total > 0n && utilization >= warningPercent,
    };
  }

  private async poolThresholds(tx: Tx): Promise<Map<string, number>> {
    const rows = await queryRows<{ id: string; p: number | null }>(tx, 'select "id", "ip_usage_warning_percent" as p from "subnetpools" where "ip_usage_warning_percent" is not null');
    return new Map(rows.map((r) => [r.id, Number(r.p)]));
  }
}

function sumUsage(usages: readonly AddressUsage[]): { used: bigint; reserved: bigint; free: bigint } {
  return usages.reduce((s, u) => ({ used: s.used + u.used, reserved: s.reserved + u.reserved, free: s.free + u.free }), { used: 0n, reserved: 0n, free: 0n });
}

function toRange(cidr: Cidr) {
  return { first: cidrFirst(cidr), last: cidrLast(cidr) };
}

function numberOrUndefined(value: unknown): number | undefined {
  return value === null || value === undefined ? undefined : Number(value);
}

/** The subnet report and what it was computed from (reused by the other reports). */
interface SubnetReport { readonly records: ResourceRecord[]; readonly subnets: LeanSubnet[]; readonly usage: Map<string, AddressUsage> }

type SubnetRow = [string, string, string, string, string, number | string, string | null, string];

/** What the reports need of a subnet; `pools` parsed once per distinct allocation_pools text (a subnet's pools rarely change). */
interface LeanSubnet {
  readonly id: string; readonly name: string; readonly networkId: string; readonly projectId: string; readonly cidr: string;
  readonly ipVersion: number; readonly subnetpoolId: string | null; readonly pools: readonly Range[];
}

const parsedPools = new Map<string, readonly Range[]>();

function leanSubnet([id, name, networkId, projectId, cidr, ipVersion, subnetpoolId, poolsText]: SubnetRow): LeanSubnet {
  let pools = parsedPools.get(poolsText);
  if (pools === undefined) {
    pools = (JSON.parse(poolsText) as Array<{ start: string; end: string }>).map((p) => ({ first: parseIpAddress(p.start)!.value, last: parseIpAddress(p.end)!.value }));
    if (parsedPools.size >= 100_000) parsedPools.clear();
    parsedPools.set(poolsText, pools);
  }
  return { id, name, networkId, projectId, cidr, ipVersion: Number(ipVersion), subnetpoolId: subnetpoolId ?? null, pools };
}
