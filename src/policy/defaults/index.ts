import type { ResourcePolicy } from '../resource-policy.ts';
import { addressGroupPolicy } from './address-groups.ts';
import { addressScopePolicy } from './address-scopes.ts';
import { agentPolicy } from './agents.ts';
import { autoAllocatedTopologyPolicy } from './auto-allocated-topology.ts';
import { availabilityZonePolicy } from './availability-zones.ts';
import { basePolicy } from './base.ts';
import { changesPolicy } from './changes.ts';
import { agentReportsPolicy } from './agent-reports.ts';
import { defaultSecurityGroupRulePolicy } from './default-security-group-rules.ts';
import { flavorPolicy, flavorServiceProfilePolicy } from './flavors.ts';
import { floatingipPortForwardingPolicy } from './floatingip-port-forwardings.ts';
import { floatingipPolicy, floatingipPoolPolicy } from './floatingips.ts';
import { ipAddressHistoryPolicy, subnetpoolPrefixHistoryPolicy } from './ip-address-history.ts';
import { ipBlockPolicy } from './ip-blocks.ts';
import { ipReservationPolicy } from './ip-reservations.ts';
import { ipUsageReportPolicy } from './ip-usage-reports.ts';
import { networkIpAvailabilityPolicy } from './network-ip-availabilities.ts';
import { networkSegmentRangePolicy } from './network-segment-ranges.ts';
import { networkPolicy } from './networks.ts';
import { portBindingPolicy } from './port-bindings.ts';
import { portPolicy } from './ports.ts';
import { qosPolicyPolicy, qosRuleTypePolicy } from './qos-policies.ts';
import { qosAliasRulePolicies, qosPolicyRulePolicies } from './qos-rules.ts';
import { quotaPolicy } from './quotas.ts';
import { routerPolicy } from './routers.ts';
import { rbacPolicyPolicy } from './rbac-policies.ts';
import { securityGroupRulePolicy } from './security-group-rules.ts';
import { serviceProfilePolicy } from './service-profiles.ts';
import { serviceProviderPolicy } from './service-providers.ts';
import { securityGroupPolicy } from './security-groups.ts';
import { segmentPolicy } from './segments.ts';
import { subnetpoolPolicy } from './subnetpools.ts';
import { subnetPolicy } from './subnets.ts';
import { trunkPolicy } from './trunks.ts';

/**
 * Neutron's default rules for every resource muon serves, one file each.
 * Tags are governed by their parent's `<verb>_<resource>:tags` rules, in the
 * parent's file. `/v2.0/extensions` is not policy-controlled (any
 * authenticated caller lists it), so it has no file.
 */
export const DEFAULT_POLICIES: readonly ResourcePolicy[] = [
  basePolicy, networkPolicy, subnetPolicy, portPolicy, portBindingPolicy, subnetpoolPolicy, addressScopePolicy, quotaPolicy, networkIpAvailabilityPolicy,
  securityGroupPolicy, securityGroupRulePolicy, addressGroupPolicy, defaultSecurityGroupRulePolicy,
  ipAddressHistoryPolicy, subnetpoolPrefixHistoryPolicy, ipReservationPolicy, ipUsageReportPolicy, ipBlockPolicy,
  routerPolicy, floatingipPolicy, floatingipPoolPolicy, rbacPolicyPolicy, floatingipPortForwardingPolicy,
  segmentPolicy, networkSegmentRangePolicy, trunkPolicy,
  qosPolicyPolicy, qosRuleTypePolicy, ...qosPolicyRulePolicies, ...qosAliasRulePolicies,
  agentPolicy, availabilityZonePolicy, serviceProviderPolicy,
  changesPolicy,
  agentReportsPolicy,
  autoAllocatedTopologyPolicy,
  flavorPolicy, serviceProfilePolicy, flavorServiceProfilePolicy,
];

/** Every default rule, name → check string. */
export function defaultRules(): Record<string, string> {
  const rules: Record<string, string> = Object.create(null);
  for (const policy of DEFAULT_POLICIES) {
    for (const [name, check] of Object.entries(policy.rules)) {
      if (name in rules) throw new Error(`default policy rule "${name}" is defined twice`);
      rules[name] = check;
    }
  }
  return rules;
}

/** resource (singular) → attributes checked on create/update. */
export function enforcedAttributes(): ReadonlyMap<string, readonly string[]> {
  return new Map(DEFAULT_POLICIES.filter((p) => p.resource && p.enforced).map((p) => [p.resource!, p.enforced!]));
}
