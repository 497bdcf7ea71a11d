import { cidrFirst, cidrLast, parseCidr } from '../../ipam/cidr.ts';
import { IntervalSet } from '../../ipam/interval-set.ts';
import { queryRows } from '../../store/fast-sql.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { HTTPBadRequest, InvalidInput, IpBlockInUse, IpBlockNotFound } from '../errors.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';

/*
 * Subnet pools made from an IP block (extension subnetpool-ip-block): how a
 * provider delegates a part of a pool. The block is already carved out of
 * its pool (the parent never hands it out again), so the new pool may hold
 * prefixes inside it although the parent, in the same address scope, holds
 * the block's addresses too: parent and child are one space, split by the
 * block. The child inherits the parent's address scope.
 */

/** Where a pool made from a block came from. */
export interface BlockOrigin {
  readonly blockId: string;
  readonly parentPoolId: string;
  /** The block's prefix, and its addresses. */
  readonly cidr: string;
  readonly space: IntervalSet;
  /** The parent's scope, joined by right of the block (the caller need not be allowed to use it). */
  readonly addressScopeId: string | null;
}

/**
 * For a pool create: the block it is made from (undefined when none), with
 * `values.prefixes` defaulted to the block and `values.address_scope_id` set
 * to the parent's. Only the block's project (or an admin) may use a block;
 * anyone else gets the block's 404.
 */
export async function originOnCreate(tx: Tx, ctx: RequestContext, values: ResourceRecord): Promise<BlockOrigin | undefined> {
  const blockId = values.ip_block_id as string | null | undefined;
  if (!blockId) {
    if (values.prefixes === undefined) throw new HTTPBadRequest("Failed to parse request. Required attribute 'prefixes' not specified");
    return undefined;
  }
  const origin = await blockOrigin(tx, blockId, ctx);
  values.prefixes ??= [origin.cidr];
  if (values.address_scope_id !== undefined && values.address_scope_id !== origin.addressScopeId) {
    throw new InvalidInput(`a subnet pool made from IP block ${blockId} is in the address scope of the block's pool (${origin.addressScopeId ?? 'none'})`);
  }
  values.address_scope_id = origin.addressScopeId;
  return origin;
}

/** For a pool update: the origin of a pool made from a block (its scope no longer changes). */
export async function originOnUpdate(tx: Tx, current: ResourceRecord, changes: ResourceRecord): Promise<BlockOrigin | undefined> {
  const blockId = current.ip_block_id as string | null | undefined;
  if (!blockId) return undefined;
  if (changes.address_scope_id !== undefined && changes.address_scope_id !== current.address_scope_id) {
    throw new InvalidInput(`the address scope of a subnet pool made from IP block ${blockId} follows the block's pool`);
  }
  const origin = await blockOrigin(tx, blockId);
  return { ...origin, addressScopeId: (current.address_scope_id as string | null) ?? null };
}

/** Every prefix of a pool made from a block lies inside the block. */
export function checkInsideBlock(origin: BlockOrigin, prefixes: IntervalSet): void {
  if (!prefixes.subtract(origin.space).isEmpty()) {
    throw new InvalidInput(`the prefixes of a subnet pool made from IP block ${origin.blockId} must lie inside ${origin.cidr}`);
  }
}

/**
 * The pools whose overlap with `poolId` is the block split and not a
 * conflict: the parent of a pool made from a block, and the pools made from
 * blocks of `poolId`.
 */
export async function poolsSplitByBlocks(tx: Tx, poolId: string, origin: BlockOrigin | undefined): Promise<Set<string>> {
  const children = await queryRows<{ id: string }>(tx,
    'select p."id" from "subnetpools" p join "ip_blocks" b on b."id" = p."ip_block_id" where b."subnetpool_id" = ?', [poolId]);
  const related = new Set(children.map((c) => c.id));
  if (origin) related.add(origin.parentPoolId);
  return related;
}

/** A block stays while a pool is made from it (409, before the foreign key would refuse). */
export async function checkBlockUnused(tx: Tx, blockId: string): Promise<void> {
  const pools = await queryRows<{ id: string }>(tx, 'select "id" from "subnetpools" where "ip_block_id" = ? limit 1', [blockId]);
  if (pools.length > 0) throw new IpBlockInUse(blockId, pools[0]!.id);
}

async function blockOrigin(tx: Tx, blockId: string, ctx?: RequestContext): Promise<BlockOrigin> {
  const rows = await queryRows<{ project_id: string; subnetpool_id: string; cidr: string; address_scope_id: string | null }>(tx,
    'select b."project_id", b."subnetpool_id", b."cidr", p."address_scope_id" from "ip_blocks" b join "subnetpools" p on p."id" = b."subnetpool_id" where b."id" = ?', [blockId]);
  const block = rows[0];
  if (!block || (ctx && !ctx.isAdmin && block.project_id !== ctx.projectId)) throw new IpBlockNotFound(blockId);
  const cidr = parseCidr(block.cidr)!;
  return {
    blockId, parentPoolId: block.subnetpool_id, cidr: block.cidr,
    space: IntervalSet.of([{ first: cidrFirst(cidr), last: cidrLast(cidr) }]),
    addressScopeId: block.address_scope_id ?? null,
  };
}
