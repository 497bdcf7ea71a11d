import type { QosRepo, QosRuleView } from '../../store/repos/qos-repo.ts';
import type { ResourceRepo } from '../../store/repos/resource-repo.ts';
import type { Tx } from '../../store/store.ts';
import type { RequestContext } from '../context.ts';
import type { Sharing } from '../rbac/sharing.ts';
import { PolicyRemoveAuthorizationError, QosPolicyNotFound, QosRuleNotSupported, QosRuleNotSupportedByNetwork } from '../errors.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import type { NetworkLookup } from '../resource/resource-service.ts';
import { portTakesQos, ruleTypeSupported } from './qos-rule-types.ts';

/** A port's binding as the QoS driver check sees it. */
interface PortBinding { readonly vifType: string; readonly vnicType: string }

const bindingOf = (vifType: unknown, vnicType: unknown): PortBinding => ({
  vifType: typeof vifType === 'string' ? vifType : 'unbound',
  vnicType: typeof vnicType === 'string' ? vnicType : 'normal',
});

/**
 * `qos_policy_id` of ports and networks (Neutron's QoS core extension),
 * composed after their own hooks: the policy must be one the caller may use
 * (its own, one shared with everyone or with its project by RBAC, or any
 * for admins: else 404 QosPolicyNotFound),
 * replacing or removing a policy needs the same of the old one (403
 * PolicyRemoveAuthorizationError), and every rule of it must be one the
 * backend applies (409). A new network without one gets its project's
 * default policy. A new port without one takes its network's (`networks`
 * given): its rules too must be ones the backend applies (409
 * QosRuleNotSupported, as Neutron's port precommit check), whoever owns it.
 * A port the backend applies no QoS to (qos-rule-types.ts `portTakesQos`:
 * an unbound `direct` port, say) takes no policy with rules, its own or one
 * its network is given (409 QosRuleNotSupported naming the first rule, as
 * ML2/OVN).
 */
export function qosBindingHooks(kind: 'port' | 'network', repo: QosRepo, policies: ResourceRepo, sharing: Sharing, networks?: NetworkLookup): ResourceHooks {
  return {
    async beforeCreate(tx, ctx, values) {
      if ((values.qos_policy_id ?? null) === null && kind === 'network') values.qos_policy_id = await repo.defaultOf(tx, String(values.project_id)) ?? null;
      const policyId = (values.qos_policy_id as string | null | undefined) ?? null;
      const binding = kind === 'port' ? bindingOf(values['binding:vif_type'], values['binding:vnic_type']) : undefined;
      if (policyId !== null) await attach(tx, ctx, policyId, String(values.id), binding);
      else if (networks !== undefined) await checkNetworkPolicy(tx, values, binding);
    },

    async beforeUpdate(tx, ctx, current, changes) {
      if (!('qos_policy_id' in changes)) return;
      const old = (current.qos_policy_id as string | null | undefined) ?? null;
      if (old !== null) {
        const row = await policies.get(tx, old);
        if (row && !(await accessible(tx, ctx, sharing, row))) throw new PolicyRemoveAuthorizationError(old);
      }
      const policyId = (changes.qos_policy_id as string | null) ?? null;
      const binding = kind === 'port'
        ? bindingOf(changes['binding:vif_type'] ?? current.binding_vif_type, changes['binding:vnic_type'] ?? current.binding_vnic_type)
        : undefined;
      if (policyId === null) return;
      const rules = await attach(tx, ctx, policyId, String(current.id), binding);
      if (kind === 'network') await checkNetworkPorts(tx, rules, String(current.id));
    },
  };

  /** The policy's rules, once the caller may use it and the port or network takes them. */
  async function attach(tx: Tx, ctx: RequestContext, policyId: string, objectId: string, binding?: PortBinding): Promise<readonly QosRuleView[]> {
    await usablePolicy(tx, ctx, policies, sharing, policyId);
    return checkRules(tx, policyId, objectId, binding);
  }

  async function checkRules(tx: Tx, policyId: string, objectId: string, binding?: PortBinding): Promise<readonly QosRuleView[]> {
    const portTakesIt = binding === undefined || portTakesQos(binding.vifType, binding.vnicType);
    const rules = (await repo.rulesOf(tx, [policyId])).get(policyId) ?? [];
    for (const rule of rules) {
      if (portTakesIt && ruleTypeSupported(rule.type)) continue;
      throw kind === 'port' ? new QosRuleNotSupported(rule.type, objectId) : new QosRuleNotSupportedByNetwork(rule.type, objectId);
    }
    return rules;
  }

  /** A network's new policy applies to its ports without one: each must be one the backend applies QoS to. */
  async function checkNetworkPorts(tx: Tx, rules: readonly QosRuleView[], networkId: string): Promise<void> {
    const [first] = rules;
    if (first === undefined) return;
    const refusing = (await repo.portsTakingNetworkPolicy(tx, networkId)).find((port) => !portTakesQos(port.binding_vif_type, port.binding_vnic_type));
    if (refusing !== undefined) throw new QosRuleNotSupported(first.type, refusing.id);
  }

  /** The network row is the one the port's policy check read (remembered for the transaction). */
  async function checkNetworkPolicy(tx: Tx, values: Record<string, unknown>, binding?: PortBinding): Promise<void> {
    const network = await networks!.one(tx, String(values.network_id));
    const policyId = (network?.qos_policy_id as string | null | undefined) ?? null;
    if (policyId !== null) await checkRules(tx, policyId, String(values.id), binding);
  }
}

/** The policy a caller applies to a port, network, floating IP or router gateway: one it may use, else 404 QosPolicyNotFound. */
export async function usablePolicy(tx: Tx, ctx: RequestContext, policies: ResourceRepo, sharing: Sharing, policyId: string): Promise<Record<string, unknown>> {
  const row = await policies.get(tx, policyId);
  if (!row || !(await accessible(tx, ctx, sharing, row))) throw new QosPolicyNotFound(policyId);
  return row;
}

/** Neutron's QosPolicy.is_accessible: admins, the owner, or a policy shared with everyone or with the caller's project. */
async function accessible(tx: Tx, ctx: RequestContext, sharing: Sharing, row: Record<string, unknown>): Promise<boolean> {
  if (ctx.isAdmin || row.project_id === ctx.projectId || Number(row.shared) === 1) return true;
  return sharing.isSharedWith(tx, 'qos_policy', String(row.id), ctx.projectId);
}
