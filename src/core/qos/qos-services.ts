import type { ResolvedResource } from '../../definitions/index.ts';
import { QOS_RULE_RESOURCES, QOS_RULES_WITHOUT_ALIAS } from '../../definitions/extensions/qos-rules.ts';
import { QosRepo } from '../../store/repos/qos-repo.ts';
import { ResourceRepo } from '../../store/repos/resource-repo.ts';
import { QosPolicyNotFound, QosRuleNotFound } from '../errors.ts';
import { composeHooks } from '../compose-hooks.ts';
import { sharedObjectHooks } from '../rbac/shared-object-hooks.ts';
import type { Sharing } from '../rbac/sharing.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ResourceService, type ResourceServiceDeps } from '../resource/resource-service.ts';
import { qosBindingHooks } from './qos-binding-hooks.ts';
import { qosFloatingIpHooks, qosPortNetworkPolicyHooks, qosRouterGatewayHooks } from './qos-l3-hooks.ts';
import { qosPolicyHooks } from './qos-policy-hooks.ts';
import { portResourceRequestHooks } from './port-resource-request-hooks.ts';
import { qosRuleHooks } from './qos-rule-hooks.ts';
import { QosRuleService } from './qos-rule-service.ts';

/** A served resource of this module (the shape of services.ts' ResourceBinding). */
export interface QosBinding {
  readonly resource: ResolvedResource;
  readonly service: ResourceService;
  readonly hooks: ResourceHooks;
}

/** What QoS adds to the services. */
export interface QosServices {
  /** qos/policies and the rules alias resources (qos/alias-<type>-rules). */
  readonly bindings: readonly QosBinding[];
  /** Rule type → its rules under a policy. */
  readonly rules: ReadonlyMap<string, QosRuleService>;
  /** Composed after the port and network hooks: qos_policy_id (ports: also qos_network_policy_id, resource_request). */
  readonly portHooks: ResourceHooks;
  readonly networkHooks: ResourceHooks;
  /** Composed after the floating IP and router hooks: qos_policy_id, external_gateway_info.qos_policy_id. */
  readonly floatingIpHooks: ResourceHooks;
  readonly routerHooks: ResourceHooks;
}

/** Wires QoS policies (shareable by RBAC: object type qos_policy), their rules (nested and alias) and the bindings of ports, networks, floating IPs and router gateways. */
export function createQosServices(resolved: ReadonlyMap<string, ResolvedResource>, deps: ResourceServiceDeps, sharing: Sharing): QosServices {
  const repo = new QosRepo();
  const policies = new ResourceRepo('qos_policies', 'policy');
  const policyResource = resolved.get('policies')!;
  const policyHooks = composeHooks(qosPolicyHooks(repo), sharedObjectHooks(sharing, 'qos_policy'));
  const policyService = new ResourceService(policyResource, policies, deps, policyHooks, (id) => new QosPolicyNotFound(id));
  const bindings: QosBinding[] = [{ resource: policyResource, service: policyService, hooks: policyHooks }];
  const rules = new Map<string, QosRuleService>();
  for (const [type, definition] of QOS_RULE_RESOURCES) {
    const alias = resolved.get(definition.collection)!;
    const repository = new ResourceRepo(definition.table!, `${type}_rule`);
    const hooks = qosRuleHooks(type, repo, policies);
    if (!QOS_RULES_WITHOUT_ALIAS.has(type)) bindings.push({ resource: alias, hooks, service: new ResourceService(alias, repository, deps, hooks, (id) => new QosRuleNotFound(id, '')) });
    // Under a policy: body key `<type>_rule`, policy rules `<verb>_policy_<type>_rule`.
    const nestedPolicyView: ResolvedResource = { ...alias, name: `policy_${type}_rule` };
    const nestedBody: ResolvedResource = { ...alias, name: `${type}_rule`, collection: `${type}_rules`, bulk: false, operations: ['create', 'show', 'list', 'update', 'delete'] };
    const nested = new ResourceService(nestedPolicyView, repository, deps, hooks, (id) => new QosRuleNotFound(id, ''));
    rules.set(type, new QosRuleService(type, nestedBody, nested, policyService, deps.policy));
  }
  return {
    bindings, rules,
    portHooks: composeHooks(qosBindingHooks('port', repo, policies, sharing, deps.networks), qosPortNetworkPolicyHooks(deps.networks), portResourceRequestHooks(repo, deps.networks)),
    networkHooks: qosBindingHooks('network', repo, policies, sharing),
    floatingIpHooks: qosFloatingIpHooks(policies, sharing, deps.networks), routerHooks: qosRouterGatewayHooks(policies, sharing),
  };
}
