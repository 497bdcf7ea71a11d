import type { Subport, TrunkRepo } from '../../store/repos/trunk-repo.ts';
import { TrunkDisabled } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { joinSubports, leaveSubports, trunkStatusFor } from './subport-binding.ts';
import { checkParent, validateSubports } from './subport-rules.ts';

/**
 * Trunks (Neutron's trunk plugin with the OVN driver's rules): the parent
 * and the subports pass subport-rules.ts; a trunk is ACTIVE while its
 * parent port is (bound and up on a host), else DOWN; subports are bound as
 * members while in it and released when it goes (subport-binding.ts); a
 * disabled trunk (admin_state_up false) cannot be deleted (409
 * TrunkDisabled).
 */
export function trunkHooks(repo: TrunkRepo): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      const parentId = String(values.port_id);
      await checkParent(tx, repo, ctx, (await repo.ports(tx, [parentId])).get(parentId), parentId);
      values.sub_ports = await validateSubports(tx, repo, ctx, (values.sub_ports as Array<Record<string, unknown>> | null) ?? [], parentId);
      values.status = trunkStatusFor((await repo.bindings(tx, [parentId])).get(parentId)?.status);
    },

    async afterCreate(tx, _ctx, values) {
      const subports = values.sub_ports as Subport[];
      await repo.add(tx, String(values.id), subports);
      await joinSubports(tx, repo, String(values.port_id), subports);
    },

    async beforeDelete(tx, _ctx, current) {
      const id = String(current.id);
      if (Number(current.admin_state_up) !== 1) throw new TrunkDisabled(id);
      await leaveSubports(tx, repo, (await repo.subportsOf(tx, [id])).get(id) ?? []);
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
