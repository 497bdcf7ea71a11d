import { subnetpool } from '../core/subnetpool.ts';
import { defineExtension } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * Subnet pools made from an IP block (muon's own, issue "Service-provider-
 * grade IPAM", delegation): `ip_block_id` names a block of another pool and
 * the new pool holds that block's prefix (or prefixes inside it), in the
 * parent's address scope. Shared with a customer through an RBAC policy, it
 * delegates that part of the parent pool and nothing else; quotas apply as
 * to any pool. `prefixes` may then be left out (it defaults to the block).
 */
export const subnetpoolIpBlock = defineExtension({
  alias: 'subnetpool-ip-block', name: 'Subnet pools from IP blocks', updated: '2026-12-05T00:00:00-00:00',
  description: 'Make a subnet pool from an IP block of another pool, to delegate part of a pool to a project through RBAC.',
  requires: ['ip-blocks'],
  attributes: {
    subnetpools: {
      ip_block_id: { allowPost: true, allowPut: false, default: null, validate: v.uuidOrNone, filter: true },
      // Required unless the pool is made from a block (the hook says so in Neutron's words).
      prefixes: { ...subnetpool.attributes.prefixes, required: false },
    },
  },
});
