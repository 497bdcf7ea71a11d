import type { QosRepo } from '../../store/repos/qos-repo.ts';
import { QoSPolicyDefaultAlreadyExists, QosPolicyInUse } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';

/**
 * QoS policies: one default per project (409 QoSPolicyDefaultAlreadyExists;
 * the partial unique index settles races), no delete while a port or
 * network uses the policy (409 QosPolicyInUse, ports first, as Neutron),
 * rules go with the policy, and `rules` lists them.
 */
export function qosPolicyHooks(repo: QosRepo): ResourceHooks {
  return {
    async beforeCreate(tx, _ctx, values) {
      if (values.is_default === true && await repo.defaultOf(tx, String(values.project_id)) !== undefined) {
        throw new QoSPolicyDefaultAlreadyExists(String(values.project_id));
      }
    },

    async beforeUpdate(tx, _ctx, current, changes) {
      if (changes.is_default !== true) return;
      const existing = await repo.defaultOf(tx, String(current.project_id));
      if (existing !== undefined && existing !== current.id) throw new QoSPolicyDefaultAlreadyExists(String(current.project_id));
    },

    async beforeDelete(tx, _ctx, current) {
      const user = await repo.firstUser(tx, String(current.id));
      if (user !== undefined) throw new QosPolicyInUse(String(current.id), user.kind, user.id);
    },

    async extend(tx, _ctx, records) {
      const rules = await repo.rulesOf(tx, records.map((r) => String(r.id)));
      for (const record of records) record.rules = rules.get(String(record.id)) ?? [];
    },

    extendCreated(records) {
      for (const record of records) record.rules = [];
    },
  };
}
