import { cidrFirst, cidrLast, formatCidr, parseCidr, type Cidr } from '../../ipam/cidr.ts';
import { IntervalSet, type Range } from '../../ipam/interval-set.ts';
import { queryRows } from '../../store/fast-sql.ts';
import { compactCidrs } from '../../ipam/prefix-allocator.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import {
  AddressScopeNotFound, AddressScopePrefixConflict, EmptySubnetPoolPrefixList, IllegalSubnetPoolAssociationToAddressScope, IllegalSubnetPoolIpVersionAssociationToAddressScope, IllegalSubnetPoolPrefixBounds,
  IllegalSubnetPoolPrefixUpdate, InvalidInput, PrefixVersionMismatch, SubnetPoolInUse,
} from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { Sharing } from '../rbac/sharing.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { checkInsideBlock, originOnCreate, originOnUpdate, poolsSplitByBlocks, type BlockOrigin } from './pool-from-block.ts';
import { SubnetpoolAllocator } from './subnetpool-allocator.ts';

const DEFAULT_BOUNDS = { 4: { min: 8, max: 32 }, 6: { min: 64, max: 128 } } as const;

/** Subnet pools: prefixes (compacted, one family), prefix-length bounds, default pool per family, in-use rules. */
export function subnetpoolHooks(repos: CoreRepos, sharing: Sharing): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const origin = await originOnCreate(tx, ctx, values);
      const prefixes = parsePrefixes(values.prefixes as string[]);
      if (origin) checkInsideBlock(origin, IntervalSet.of(prefixes.map(toRange)));
      const version = prefixes[0]!.version;
      values.ip_version = version;
      values.prefixes = prefixes.map(formatCidr);
      const bounds = DEFAULT_BOUNDS[version];
      values.min_prefixlen ??= bounds.min;
      values.max_prefixlen ??= bounds.max;
      values.default_prefixlen ??= values.min_prefixlen;
      values.default_quota ??= null;
      values.address_scope_id ??= null;
      checkBounds(values, version);
      await checkAddressScope(tx, repos, sharing, ctx, values, version, String(values.id), origin);
      if (values.is_default === true) await checkSingleDefault(tx, repos, version, undefined);
      await repos.ipam.addPoolSpace(tx, String(values.id), prefixes.map(toRange));
    },

    async beforeUpdate(tx, ctx, current, changes) {
      const version = Number(current.ip_version) as 4 | 6;
      const prefixes = parsePrefixes(JSON.parse(String(current.prefixes)) as string[]);
      const origin = await originOnUpdate(tx, current, changes);
      if (changes.prefixes !== undefined) {
        const next = parsePrefixes(changes.prefixes as string[]);
        if (next[0]!.version !== version) throw new PrefixVersionMismatch();
        if (origin) checkInsideBlock(origin, IntervalSet.of(next.map(toRange)));
        if (!SubnetpoolAllocator.covers(next, prefixes)) throw new IllegalSubnetPoolPrefixUpdate('Existing prefixes must be a subset of the new prefixes');
        changes.prefixes = next.map(formatCidr);
        await repos.ipam.addPoolSpace(tx, String(current.id), IntervalSet.of(next.map(toRange)).subtract(IntervalSet.of(prefixes.map(toRange))).ranges());
      }
      const merged = { ...current, ...changes };
      checkBounds(merged, version);
      // Joining a scope, or growing while in one: the scope's ownership and prefix-uniqueness rules apply again.
      if (changes.address_scope_id !== undefined || changes.prefixes !== undefined) {
        // Neutron's _check_subnetpool_update_allowed: a pool in a scope the caller does not own stays as it is.
        await checkScopeOwned(tx, repos, ctx, current.address_scope_id as string | null, String(current.id));
        await checkAddressScope(tx, repos, sharing, ctx, merged, version, String(current.id), origin);
      }
      if (changes.is_default === true) await checkSingleDefault(tx, repos, version, String(current.id));
    },

    async beforeDelete(tx, _ctx, current) {
      const inUse = await repos.subnets.list(tx, { conditions: [{ kind: 'in', column: 'subnetpool_id', values: [current.id] }], sort: [], limit: 1 });
      if (inUse.length > 0) throw new SubnetPoolInUse(String(current.id));
      const blocks = await queryRows(tx, 'select "id" from "ip_blocks" where "subnetpool_id" = ? limit 1', [current.id]);
      if (blocks.length > 0) throw new SubnetPoolInUse(String(current.id));
      await repos.ipam.removePool(tx, String(current.id));
    },

    async extend(_tx, _ctx, records) {
      for (const record of records) showPrefixLengthsAsStrings(record);
    },
  };
}

const PREFIX_LENGTHS = ['default_prefixlen', 'min_prefixlen', 'max_prefixlen'] as const;

/**
 * Neutron's _make_subnetpool_dict turns the three prefix lengths into
 * strings ("29") in every answer — stored and validated as integers, shown
 * as strings (the API reference's samples and the plugin's tests expect it).
 */
function showPrefixLengthsAsStrings(record: ResourceRecord): void {
  for (const name of PREFIX_LENGTHS) if (typeof record[name] === 'number') record[name] = String(record[name]);
}

function parsePrefixes(list: readonly string[]): Cidr[] {
  if (!list || list.length === 0) throw new EmptySubnetPoolPrefixList();
  const cidrs = list.map((p) => parseCidr(p, { strict: false })!);
  if (new Set(cidrs.map((c) => c.version)).size > 1) throw new PrefixVersionMismatch();
  return compactCidrs(cidrs);
}

function checkBounds(values: ResourceRecord, version: 4 | 6): void {
  const min = Number(values.min_prefixlen);
  const max = Number(values.max_prefixlen);
  const def = Number(values.default_prefixlen);
  const limit = version === 4 ? 32 : 128;
  if (max > limit) throw new IllegalSubnetPoolPrefixBounds(`max_prefixlen ${max} is greater than ${limit}`);
  if (min > max) throw new IllegalSubnetPoolPrefixBounds(`min_prefixlen ${min} is greater than max_prefixlen ${max}`);
  if (def < min || def > max) throw new IllegalSubnetPoolPrefixBounds(`default_prefixlen ${def} is outside min_prefixlen ${min} and max_prefixlen ${max}`);
  // Neutron (SubnetPoolReader) does not relate min_prefixlen to the prefixes: a /16 pool keeps
  // the default min_prefixlen 8, and requests shorter than a prefix simply find no room (409).
}

/**
 * A pool may join an address scope the caller may use (Neutron's
 * _validate_address_scope_id with rbac-address-scope): its own, any for an
 * admin, or one shared with its project or with everyone. A scope the
 * caller cannot see does not exist for it (404); one of another IP version
 * is refused (400). A pool made from an IP block is in its parent's scope by
 * right of the block, and overlaps its parent (and the parent its children)
 * by design (pool-from-block.ts).
 */
async function checkAddressScope(tx: Tx, repos: CoreRepos, sharing: Sharing, ctx: RequestContext, values: ResourceRecord, version: number, poolId: string, origin: BlockOrigin | undefined): Promise<void> {
  const scopeId = values.address_scope_id as string | null | undefined;
  if (!scopeId) return;
  const scope = await repos.addressScopes.get(tx, scopeId);
  // rbac-address-scope: a scope shared with the caller's project (or everyone) is joinable, as Neutron since Ussuri.
  const inherited = origin !== undefined && origin.addressScopeId === scopeId;
  const usable = scope !== undefined && (inherited || ctx.isAdmin || scope.project_id === ctx.projectId || Number(scope.shared) === 1
    || await sharing.isSharedWith(tx, 'address_scope', scopeId, ctx.projectId));
  if (!usable) throw new AddressScopeNotFound(scopeId);
  if (Number(scope.ip_version) !== version) throw new IllegalSubnetPoolIpVersionAssociationToAddressScope(poolId, scopeId, Number(scope.ip_version));
  // Within a scope an address means one thing: no two pools may hold the same prefix.
  const mine = prefixSpace(values.prefixes);
  const members = await repos.subnetpools.list(tx, { conditions: [{ kind: 'in', column: 'address_scope_id', values: [scopeId] }], sort: [] });
  const splitByBlocks = await poolsSplitByBlocks(tx, poolId, origin);
  for (const member of members) {
    if (member.id === poolId || splitByBlocks.has(String(member.id))) continue;
    const theirs = prefixSpace(member.prefixes);
    if (!mine.intersect(theirs).isEmpty()) throw new AddressScopePrefixConflict();
  }
}

/** A pool in a scope of another project (shared with the caller) may not be changed by the caller: 400. */
async function checkScopeOwned(tx: Tx, repos: CoreRepos, ctx: RequestContext, scopeId: string | null, poolId: string): Promise<void> {
  if (!scopeId || ctx.isAdmin) return;
  const scope = await repos.addressScopes.get(tx, scopeId);
  if (scope !== undefined && scope.project_id !== ctx.projectId) throw new IllegalSubnetPoolAssociationToAddressScope(poolId, scopeId);
}

async function checkSingleDefault(tx: Tx, repos: CoreRepos, version: number, exceptId: string | undefined): Promise<void> {
  const defaults = await repos.subnetpools.list(tx, {
    conditions: [{ kind: 'in', column: 'is_default', values: [1] }, { kind: 'in', column: 'ip_version', values: [version] }], sort: [],
  });
  if (defaults.some((d) => d.id !== exceptId)) {
    throw new InvalidInput('A default subnetpool for this IP family has already been set. Only one default may exist per IP family');
  }
}

/** The addresses of a pool's prefixes, as posted (a list) or as stored (JSON text). */
function prefixSpace(prefixes: unknown): IntervalSet {
  const list = (typeof prefixes === 'string' ? JSON.parse(prefixes) : prefixes) as string[];
  return IntervalSet.of(list.map((p) => toRange(parseCidr(p, { strict: false })!)));
}

function toRange(cidr: Cidr): Range {
  return { first: cidrFirst(cidr), last: cidrLast(cidr) };
}
