import { COMPUTED, ID, NAME, TENANT_ID } from '../core/common.ts';
import { defineExtension, defineResource } from '../types.ts';
import * as v from '../validators/index.ts';

/**
 * IP blocks (muon's own, issue "Service-provider-grade IPAM"): a whole
 * prefix of a subnet pool given to a project — a /29 of a public pool, a /64
 * — the way bare-metal providers assign "elastic" blocks, optionally noted
 * as routed to a port (`port_id`; the data plane routes it once it exists).
 * Created with `cidr` (that prefix) or `prefixlen` (the lowest free prefix of
 * that length; default: the pool's default_prefixlen). Blocks and subnets
 * are carved from the same pool space, so they never overlap.
 */
export const ipBlockResource = defineResource({
  name: 'ip_block',
  collection: 'ip_blocks',
  path: 'ip-blocks',
  table: 'ip_blocks',
  standardAttributes: true,
  bulk: true,
  operations: ['create', 'show', 'list', 'update', 'delete'],
  attributes: {
    id: ID,
    name: NAME,
    tenant_id: TENANT_ID,
    subnetpool_id: { allowPost: true, allowPut: false, required: true, filter: true, sort: true, validate: v.uuid },
    cidr: { allowPost: true, allowPut: false, filter: true, convert: v.toCanonicalCidr, validate: v.subnetCidr },
    prefixlen: { allowPost: true, allowPut: false, filter: true, sort: true, storage: 'integer', convert: v.toInt, validate: v.range(0, 128), filterConvert: v.toInt },
    ip_version: { allowPost: false, allowPut: false, filter: true, sort: true, storage: 'integer', filterConvert: v.toInt },
    port_id: { allowPost: true, allowPut: true, default: null, filter: true, validate: v.uuidOrNone },
    purpose: { allowPost: true, allowPut: true, default: '', filter: true, sort: true, validate: v.stringValidator(255) },
    total_ips: COMPUTED,
    first_hex: { allowPost: false, allowPut: false, visible: false },
    last_hex: { allowPost: false, allowPut: false, visible: false },
  },
});

export const ipBlocks = defineExtension({
  alias: 'ip-blocks', name: 'IP blocks', updated: '2026-11-22T00:00:00-00:00',
  description: 'Assign a whole prefix of a subnet pool (e.g. a /29 or a /64) to a project, optionally routed to a port.',
  requires: ['subnet_allocation'],
  resources: [ipBlockResource],
});
