import type { Subport, TrunkRepo } from '../../store/repos/trunk-repo.ts';
import { TrunkDisabled } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { bumpRevision } from '../resource/revision.ts';
import { checkParent, validateSubports } from './subport-rules.ts';

/** What subports become while in a trunk (the OVN trunk driver's device_owner). */
export const TRUNK_SUBPORT_OWNER = 'trunk:subport';

/**
 * Trunks (Neutron's trunk plugin with the OVN driver's rules): the parent
 * and the subports pass subport-rules.ts; a new trunk is DOWN until a data
 * plane reports it ACTIVE; subports are marked `trunk:subport` while in it;
 * a disabled trunk (admin_state_up false) cannot be deleted (409
 * TrunkDisabled). Subports go with the trunk.
 */
export function trunkHooks(repo: TrunkRepo): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const parentId = String(values.port_id);
      await checkParent(tx, repo, ctx, (await repo.ports(tx, [parentId])).get(parentId), parentId);
      values.sub_ports = await validateSubports(tx, repo, ctx, (values.sub_ports as Array<Record<string, unknown>> | null) ?? [], parentId);
      values.status = 'DOWN';
    },

    async afterCreate(tx, _ctx, values) {
      const subports = values.sub_ports as Subport[];
      await repo.add(tx, String(values.id), subports);
      await markSubports(subports.map((s) => s.port_id), TRUNK_SUBPORT_OWNER);
      async function markSubports(ids: string[], owner: string) {
        await repo.setDeviceOwner(tx, ids, owner);
        for (const id of ids) await bumpRevision(tx, 'ports', id);
      }
    },

    async beforeDelete(tx, _ctx, current) {
      const id = String(current.id);
      if (Number(current.admin_state_up) !== 1) throw new TrunkDisabled(id);
      const subports = (await repo.subportsOf(tx, [id])).get(id) ?? [];
      await repo.setDeviceOwner(tx, subports.map((s) => s.port_id), '');
      for (const subport of subports) await bumpRevision(tx, 'ports', subport.port_id);
    },

    async extend(tx, _ctx, records) {
      const byTrunk = await repo.subportsOf(tx, records.map((r) => String(r.id)));
      for (const record of records) record.sub_ports = byTrunk.get(String(record.id)) ?? [];
    },

    extendCreated(records, values) {
      records.forEach((record, i) => { record.sub_ports = [...(values[i]!.sub_ports as Subport[])]; });
    },
  };
}
