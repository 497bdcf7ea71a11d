import type { TrunkRepo } from '../../store/repos/trunk-repo.ts';
import { PortInUseAsSubPort, PortInUseAsTrunkParent } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { trunkStatusFor } from './subport-binding.ts';

/**
 * What trunks add to ports, composed after the port hooks: a trunk's parent
 * or subport cannot be deleted (409), and a parent shows `trunk_details`
 * (its trunk and the subports with their MACs; other ports have none); a
 * parent's status change carries to its subports (bound wherever the parent
 * is, with no interface of their own) and to its trunk (ACTIVE with it). A
 * new port is in no trunk, so created ports need no query.
 */
export function portTrunkHooks(repo: TrunkRepo): ResourceHooks {
  return {
    async beforeDelete(tx, _ctx, current) {
      const id = String(current.id);
      const asSubport = await repo.trunkOfSubport(tx, id);
      if (asSubport !== undefined) throw new PortInUseAsSubPort(id, asSubport);
      const asParent = (await repo.trunksOfParents(tx, [id])).get(id);
      if (asParent !== undefined) throw new PortInUseAsTrunkParent(id, asParent);
    },

    async afterUpdate(tx, _ctx, current, changes) {
      if (changes.status === undefined || changes.status === current.status) return;
      const id = String(current.id);
      const trunkId = (await repo.trunksOfParents(tx, [id])).get(id);
      if (trunkId === undefined) return;
      const subports = ((await repo.subportsOf(tx, [trunkId])).get(trunkId) ?? []).map((s) => s.port_id);
      await repo.setStatus(tx, subports, String(changes.status));
      for (const subport of subports) await bumpRevision(tx, 'ports', subport);
      if (await repo.setTrunkStatus(tx, trunkId, trunkStatusFor(String(changes.status)))) await bumpRevision(tx, 'trunks', trunkId);
    },

    async extend(tx, _ctx, records, rows) {
      const parents = await repo.trunksOfParents(tx, rows);
      if (parents.size === 0) return;
      const subports = await repo.subportsOf(tx, [...parents.values()]);
      const macs = await repo.ports(tx, [...subports.values()].flat().map((s) => s.port_id));
      for (const record of records) {
        const trunkId = parents.get(String(record.id));
        if (trunkId === undefined) continue;
        record.trunk_details = {
          trunk_id: trunkId,
          sub_ports: (subports.get(trunkId) ?? []).map((s) => ({ ...s, mac_address: macs.get(s.port_id)?.mac_address })),
        };
      }
    },

    extendCreated() {},
  };
}
