import type { ResolvedResource } from '../../definitions/index.ts';
import type { Policy } from '../../policy/policy.ts';
import { AddressGroupRepo } from '../../store/repos/address-group-repo.ts';
import { ResourceRepo } from '../../store/repos/resource-repo.ts';
import { SecurityGroupRepo } from '../../store/repos/security-group-repo.ts';
import type { Store } from '../../store/store.ts';
import { AddressGroupActions } from '../address-group/address-group-actions.ts';
import { addressGroupHooks } from '../address-group/address-group-hooks.ts';
import { AddressGroupNotFound, DefaultSecurityGroupRuleNotFound, SecurityGroupNotFound, SecurityGroupRuleNotFound, type NeutronError } from '../errors.ts';
import type { QuotaService } from '../quota/quota-service.ts';
import { sharedObjectHooks } from '../rbac/shared-object-hooks.ts';
import type { Sharing } from '../rbac/sharing.ts';
import { composeHooks } from '../compose-hooks.ts';
import type { ResourceHooks } from '../resource/resource-hooks.ts';
import { ResourceService, type ResourceServiceDeps } from '../resource/resource-service.ts';
import { defaultSecurityGroupRuleHooks } from './default-security-group-rule-hooks.ts';
import { defaultGroupOnCreate, DefaultSecurityGroups } from './default-security-groups.ts';
import { deferCreateCheck } from './deferred-create-policy.ts';
import { portSecurityGroupHooks } from './port-security-group-hooks.ts';
import { securityGroupHooks } from './security-group-hooks.ts';
import { securityGroupRuleHooks } from './security-group-rule-hooks.ts';

/** A served resource of this module (the shape of services.ts' ResourceBinding). */
export interface SecurityGroupBinding {
  readonly resource: ResolvedResource;
  readonly service: ResourceService;
  readonly hooks: ResourceHooks;
}

/** What the security-group and address-group features add to the services. */
export interface SecurityGroupServices {
  /** Projects' default groups (made before lists of groups and rules, and by port and network hooks). */
  readonly defaults: DefaultSecurityGroups;
  readonly addressGroupActions: AddressGroupActions;
  /** security_groups, security_group_rules, address_groups, default_security_group_rules. */
  readonly bindings: readonly SecurityGroupBinding[];
  /** Composed after the port hooks: ports' security_groups. */
  readonly portHooks: ResourceHooks;
  /** Composed after the network hooks: a project's first network makes its default group. */
  readonly networkHooks: ResourceHooks;
  /** Quota resource → the table that counts it. */
  readonly counters: ReadonlyArray<readonly [string, ResourceRepo]>;
}

/**
 * Wires security groups, their rules and address groups (the part of
 * createServices that belongs to this feature). The rule service sees the
 * policy through deferCreateCheck: its create rule needs the rule's group,
 * which its hook loads.
 */
export function createSecurityGroupServices(
  resolved: ReadonlyMap<string, ResolvedResource>, deps: ResourceServiceDeps, quotas: QuotaService, policy: Policy, store: Store, sharing: Sharing,
): SecurityGroupServices {
  const repo = new SecurityGroupRepo();
  const addresses = new AddressGroupRepo();
  const groups = new ResourceRepo('security_groups', 'security_group');
  const rules = new ResourceRepo('security_group_rules', 'security_group_rule');
  const addressGroups = new ResourceRepo('address_groups', 'address_group');
  const defaults = new DefaultSecurityGroups(store, repo, groups, rules, quotas);
  const ruleResource = resolved.get('security_group_rules')!;

  const bind = (collection: string, resourceRepo: ResourceRepo, hooks: ResourceHooks, notFound: (id: string) => NeutronError, serviceDeps = deps) => {
    const resource = resolved.get(collection)!;
    return { resource, hooks, service: new ResourceService(resource, resourceRepo, serviceDeps, hooks, notFound) };
  };
  const bindings = [
    bind('security_groups', groups, composeHooks(securityGroupHooks(defaults, repo, ruleResource), sharedObjectHooks(sharing, 'security_group')),
      (id) => new SecurityGroupNotFound(id)),
    bind('security_group_rules', rules, securityGroupRuleHooks(policy, ruleResource, repo, sharing), (id) => new SecurityGroupRuleNotFound(id),
      { ...deps, policy: deferCreateCheck(policy) }),
    bind('address_groups', addressGroups, composeHooks(addressGroupHooks(addresses, repo), sharedObjectHooks(sharing, 'address_group')),
      (id) => new AddressGroupNotFound(id)),
    bind('default_security_group_rules', new ResourceRepo('default_security_group_rules', 'default_security_group_rule'),
      defaultSecurityGroupRuleHooks(repo), (id) => new DefaultSecurityGroupRuleNotFound(id)),
  ];
  return {
    defaults,
    addressGroupActions: new AddressGroupActions(store, policy, addressGroups, addresses, bindings[2]!.service),
    bindings,
    portHooks: portSecurityGroupHooks(defaults, repo, sharing),
    networkHooks: defaultGroupOnCreate(defaults),
    counters: [['security_group', groups], ['security_group_rule', rules]],
  };
}
