import { cidrFirst, cidrLast, cidrSize, formatCidr, parseCidr } from '../../ipam/cidr.ts';
import { valueToHex } from '../../ipam/ip-address.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import { HTTPBadRequest, InvalidInput, PortNotFound } from '../errors.ts';
import type { CoreRepos } from '../repos.ts';
import type { ResourceRecord } from '../resource/record-codec.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { checkBlockUnused } from '../subnetpool/pool-from-block.ts';
import type { SubnetpoolAllocator } from '../subnetpool/subnetpool-allocator.ts';

/**
 * IP blocks: the prefix is carved from the subnet pool's free space by the
 * IPAM driver (exactly `cidr`, or the lowest free prefix of `prefixlen`)
 * under the pool's row lock, so concurrent blocks and subnets never overlap;
 * deleting a block gives its prefix back. A block may name the port it is
 * routed to: a port of the block's project. The blocks routed to a port are
 * part of it as back ends see it (OVN: port security and a route), so the
 * port's revision moves when one comes or goes, and the change feed says so.
 */
export function ipBlockHooks(repos: CoreRepos, pools: SubnetpoolAllocator): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      if (values.cidr !== undefined && values.prefixlen !== undefined) throw new HTTPBadRequest('Invalid input for operation: cidr and prefixlen must not be supplied together.');
      const pool = await pools.visiblePool(tx, ctx, String(values.subnetpool_id));
      const cidr = await pools.carve(tx, pool, values.cidr === undefined ? undefined : String(values.cidr), values.prefixlen === undefined ? undefined : Number(values.prefixlen), 'block', String(values.project_id));
      values.cidr = formatCidr(cidr);
      values.prefixlen = cidr.prefixLength;
      values.ip_version = cidr.version;
      values.first_hex = valueToHex(cidrFirst(cidr));
      values.last_hex = valueToHex(cidrLast(cidr));
      await checkPort(tx, repos, ctx, values.port_id, String(values.project_id));
      await touchPorts(tx, values.port_id);
    },

    async beforeUpdate(tx, ctx, current, changes) {
      if (changes.port_id === undefined) return;
      await checkPort(tx, repos, ctx, changes.port_id, String(current.project_id));
      if (changes.port_id !== current.port_id) await touchPorts(tx, current.port_id, changes.port_id);
    },

    async beforeDelete(tx, _ctx, current) {
      await checkBlockUnused(tx, String(current.id));
      await repos.ipam.releasePrefix(tx, String(current.subnetpool_id), parseCidr(String(current.cidr))!);
      await touchPorts(tx, current.port_id);
    },

    async extend(_tx, _ctx, records) {
      for (const record of records) record.total_ips = sizeOf(record);
    },

    extendCreated(records) {
      for (const record of records) record.total_ips = sizeOf(record);
    },
  };
}

/** Moves the revision of the ports a block leaves or reaches (a port deleted meanwhile is skipped). */
async function touchPorts(tx: Tx, ...portIds: unknown[]): Promise<void> {
  for (const id of portIds) if (typeof id === 'string' && id !== '') await bumpRevision(tx, 'ports', id);
}

function sizeOf(record: ResourceRecord): number {
  return Number(cidrSize(parseCidr(String(record.cidr))!));
}

/** The port a block is routed to must exist and belong to the block's project. */
async function checkPort(tx: Tx, repos: CoreRepos, ctx: RequestContext, portId: unknown, projectId: string): Promise<void> {
  if (portId === null || portId === undefined) return;
  const port = await repos.ports.get(tx, String(portId));
  if (!port || !(ctx.isAdmin || port.project_id === ctx.projectId)) throw new PortNotFound(String(portId));
  if (port.project_id !== projectId) throw new InvalidInput(`port ${String(portId)} belongs to another project than the block`);
}
