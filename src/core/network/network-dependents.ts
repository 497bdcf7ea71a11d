import { inValues } from '../../store/fast-sql.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import type { IpAllocator } from '../ipam/ip-allocator.ts';
import { subnetViewOf } from '../ipam/subnet-view.ts';
import type { CoreRepos } from '../repos.ts';
import type { NetworkDependents } from './network-hooks.ts';

/** The network's view of its subnets and ports, implemented over the repositories. */
export function networkDependents(repos: CoreRepos, ips: IpAllocator): NetworkDependents {
  return {
    async countUserPorts(tx, networkId) {
      const row = await tx.db.selectFrom('ports').select((eb) => eb.fn.countAll<number>().as('n'))
        .where('network_id', '=', networkId).where('device_owner', 'not like', 'network:%').executeTakeFirst();
      return Number(row?.n ?? 0);
    },

    async deleteNetworkContents(tx: Tx, _ctx: RequestContext, networkId: string) {
      const subnetRows = await repos.subnets.list(tx, { conditions: [{ kind: 'in', column: 'network_id', values: [networkId] }], sort: [] });
      const subnets = new Map(subnetRows.map((r) => [String(r.id), subnetViewOf(r)]));
      const ports = await repos.ports.list(tx, { conditions: [{ kind: 'in', column: 'network_id', values: [networkId] }], sort: [] });
      for (const port of ports) {
        await ips.release(tx, subnets, await repos.allocations.ofPort(tx, String(port.id)));
        await repos.tags.removeAll(tx, String(port.id));
        await repos.ports.delete(tx, String(port.id));
      }
      for (const subnet of subnetRows) {
        await repos.ipam.removeSubnet(tx, subnetViewOf(subnet));
        await repos.tags.removeAll(tx, String(subnet.id));
        await repos.subnets.delete(tx, String(subnet.id));
      }
    },

    async hasIpv6Subnets(tx, networkId) {
      const rows = await repos.subnets.list(tx, { conditions: [{ kind: 'in', column: 'network_id', values: [networkId] }, { kind: 'in', column: 'ip_version', values: [6] }], sort: [], limit: 1 });
      return rows.length > 0;
    },

    async subnetIdsOf(tx, networkIds) {
      const out = new Map<string, string[]>();
      if (networkIds.length === 0) return out;
      const rows = await tx.db.selectFrom('subnets').select(['id', 'network_id']).where(inValues(tx, 'network_id', networkIds))
        .orderBy('created_seq').orderBy('id').execute();
      for (const row of rows) {
        const list = out.get(row.network_id) ?? [];
        list.push(row.id);
        out.set(row.network_id, list);
      }
      return out;
    },

    async addressScopesOf(tx, networkIds) {
      const out = new Map<string, { 4: string | null; 6: string | null }>();
      if (networkIds.length === 0) return out;
      const rows = await tx.db.selectFrom('subnets').innerJoin('subnetpools', 'subnetpools.id', 'subnets.subnetpool_id')
        .select(['subnets.network_id', 'subnets.ip_version', 'subnetpools.address_scope_id'])
        .where(inValues(tx, 'subnets.network_id', networkIds)).where('subnetpools.address_scope_id', 'is not', null).execute();
      for (const row of rows) {
        const entry = out.get(row.network_id) ?? { 4: null, 6: null };
        entry[Number(row.ip_version) as 4 | 6] = row.address_scope_id;
        out.set(row.network_id, entry);
      }
      return out;
    },
  };
}
