import { network } from './core/network.ts';
import { port } from './core/port.ts';
import { subnet } from './core/subnet.ts';
import { subnetpool } from './core/subnetpool.ts';
import { addressGroup } from './extensions/address-group.ts';
import { agent, serviceType } from './extensions/agent.ts';
import { addressScope } from './extensions/address-scope.ts';
import { allowedAddressPairs } from './extensions/allowed-address-pairs.ts';
import { autoAllocatedTopology } from './extensions/auto-allocated-topology.ts';
import { availabilityZone, networkAvailabilityZone, routerAvailabilityZone } from './extensions/availability-zone.ts';
import { binding } from './extensions/binding.ts';
import { bindingExtended } from './extensions/binding-extended.ts';
import { dnsDomainPorts, dnsIntegration } from './extensions/dns-integration.ts';
import { extGwMode } from './extensions/ext-gw-mode.ts';
import { externalNet } from './extensions/external-net.ts';
import { extraroute, extrarouteAtomic } from './extensions/extraroute.ts';
import { fipPortDetails } from './extensions/fip-port-details.ts';
import {
  exposePortForwardingInFip, floatingIpPortForwarding, floatingIpPortForwardingDescription, floatingIpPortForwardingDetail, floatingIpPortForwardingPortRanges,
} from './extensions/floating-ip-port-forwarding.ts';
import { flavors } from './extensions/flavors.ts';
import { floatingipPools } from './extensions/floatingip-pools.ts';
import { dvr } from './extensions/dvr.ts';
import { extraDhcpOpt } from './extensions/extra-dhcp-opt.ts';
import { ipAllocation } from './extensions/ip-allocation.ts';
import { ipBlocks } from './extensions/ip-blocks.ts';
import { subnetpoolIpBlock } from './extensions/subnetpool-ip-block.ts';
import { ipReservations } from './extensions/ip-reservations.ts';
import { ipUsageReports } from './extensions/ip-usage-reports.ts';
import { subnetpoolPrefixHistory } from './extensions/subnetpool-prefix-history.ts';
import { l2Adjacency } from './extensions/l2-adjacency.ts';
import { emptyStringFiltering, filterValidation, ipSubstringFiltering, pagination, sorting } from './extensions/list-shims.ts';
import { multiProvider } from './extensions/multi-provider.ts';
import { netMtu, netMtuWritable } from './extensions/net-mtu.ts';
import { networkIpAvailability } from './extensions/network-ip-availability.ts';
import { networkSegmentRange } from './extensions/network-segment-range.ts';
import { portResourceRequest, portResourceRequestGroups } from './extensions/port-resource-request.ts';
import { portSecurityGroupsFiltering } from './extensions/port-security-groups-filtering.ts';
import { portMacAddressRegenerate } from './extensions/port-mac-address-regenerate.ts';
import { portSecurity } from './extensions/port-security.ts';
import { projectId } from './extensions/project-id.ts';
import { provider } from './extensions/provider.ts';
import { ipAddressHistory } from './extensions/ip-address-history.ts';
import { qos, qosBwLimitDirection, qosBwMinimumIngress, qosDefault, qosRuleTypeDetails, qosRuleTypeFilter } from './extensions/qos.ts';
import { qosPps, qosPpsMinimum, qosPpsMinimumRuleAlias, qosRulesAlias } from './extensions/qos-rules.ts';
import { qosFip, qosFipNetworkPolicy, qosGatewayIp, qosPortNetworkPolicy } from './extensions/qos-l3.ts';
import { quotaCheckLimit, quotaDetails, quotas } from './extensions/quotas.ts';
import { router } from './extensions/router.ts';
import { rbacAddressGroup, rbacAddressScope, rbacPolicies, rbacSecurityGroups, rbacSubnetpool } from './extensions/rbac-policies.ts';
import { securityGroup } from './extensions/security-group.ts';
import { segment, standardAttrSegment, subnetSegmentIdWritable, segmentsPeerSubnetHostRoutes } from './extensions/segment.ts';
import { securityGroupsDefaultRules } from './extensions/security-groups-default-rules.ts';
import { securityGroupsNormalizedCidr } from './extensions/security-groups-normalized-cidr.ts';
import { securityGroupsRemoteAddressGroup } from './extensions/security-groups-remote-address-group.ts';
import { securityGroupsRulesBelongsToDefaultSg } from './extensions/security-groups-rules-belongs-to-default-sg.ts';
import { securityGroupsSharedFiltering } from './extensions/security-groups-shared-filtering.ts';
import {
  revisionIfMatch, standardAttrDescription, standardAttrRevisions, standardAttrTag, standardAttrTimestamp, tagCreation,
} from './extensions/standard-attributes.ts';
import { statefulSecurityGroup } from './extensions/stateful-security-group.ts';
import { defaultSubnetpools, subnetAllocation } from './extensions/subnet-allocation.ts';
import { subnetServiceTypes } from './extensions/subnet-service-types.ts';
import { trunk, trunkDetails } from './extensions/trunk.ts';
import { tagPortsDuringBulkCreation } from './extensions/tag-ports-during-bulk-creation.ts';
import type { AttributeMap, ExtensionDefinition, ResourceDefinition } from './types.ts';

/** The core resources (no extension needed to have them). */
export const CORE_RESOURCES: readonly ResourceDefinition[] = [network, subnet, port, subnetpool];

/**
 * Every extension muon implements, in dependency order: a later entry may
 * redefine an attribute of an earlier one (net-mtu-writable over net-mtu).
 * `/v2.0/extensions` lists exactly these.
 */
export const EXTENSIONS: readonly ExtensionDefinition[] = [
  projectId, standardAttrDescription, standardAttrTimestamp, standardAttrRevisions, revisionIfMatch,
  standardAttrTag, tagCreation, pagination, sorting, filterValidation, emptyStringFiltering, ipSubstringFiltering,
  externalNet, provider, multiProvider, netMtu, netMtuWritable, portSecurity, dnsIntegration, dnsDomainPorts,
  l2Adjacency, availabilityZone, networkAvailabilityZone, binding, bindingExtended, allowedAddressPairs, extraDhcpOpt, ipAllocation, tagPortsDuringBulkCreation, portMacAddressRegenerate,
  subnetAllocation, defaultSubnetpools, addressScope, subnetServiceTypes, quotas, quotaDetails, quotaCheckLimit, networkIpAvailability, ipAddressHistory, subnetpoolPrefixHistory, ipReservations, ipUsageReports, ipBlocks, subnetpoolIpBlock,
  securityGroup, statefulSecurityGroup, securityGroupsNormalizedCidr, securityGroupsRemoteAddressGroup, portSecurityGroupsFiltering, addressGroup,
  securityGroupsDefaultRules, securityGroupsRulesBelongsToDefaultSg,
  router, extGwMode, extraroute, extrarouteAtomic, dvr, routerAvailabilityZone, fipPortDetails, floatingipPools,
  rbacPolicies, rbacSecurityGroups, securityGroupsSharedFiltering, rbacAddressScope, rbacSubnetpool, rbacAddressGroup,
  segment, standardAttrSegment, subnetSegmentIdWritable, segmentsPeerSubnetHostRoutes, networkSegmentRange, trunk, trunkDetails,
  floatingIpPortForwarding, floatingIpPortForwardingPortRanges, floatingIpPortForwardingDescription, exposePortForwardingInFip, floatingIpPortForwardingDetail,
  qos, qosDefault, qosBwLimitDirection, qosBwMinimumIngress, qosRuleTypeDetails, qosRuleTypeFilter, qosRulesAlias, qosPpsMinimum, qosPpsMinimumRuleAlias,
  qosFip, qosFipNetworkPolicy, qosGatewayIp, qosPortNetworkPolicy, qosPps, portResourceRequest, portResourceRequestGroups,
  agent, serviceType,
  autoAllocatedTopology,
  flavors,
];

/** A resource with the attributes of every extension merged in: what the engine works from. */
export interface ResolvedResource extends ResourceDefinition {
  readonly attributes: AttributeMap;
}

/** Merges extension attributes into their resources. Pure; computed once at start-up. */
export function resolveResources(
  core: readonly ResourceDefinition[] = CORE_RESOURCES,
  extensions: readonly ExtensionDefinition[] = EXTENSIONS,
): ReadonlyMap<string, ResolvedResource> {
  const all = [...core, ...extensions.flatMap((e) => e.resources ?? [])];
  const merged = new Map<string, Record<string, AttributeMap[string]>>();
  // Null-prototype maps: request keys such as "constructor" or "__proto__" are never attributes.
  for (const resource of all) merged.set(resource.collection, Object.assign(Object.create(null) as Record<string, AttributeMap[string]>, resource.attributes));
  for (const extension of extensions) {
    for (const [target, attributes] of Object.entries(extension.attributes ?? {})) {
      for (const resource of all) {
        const applies = target === resource.collection || target === '*'
          || (target === '*standard' && resource.standardAttributes);
        if (applies) Object.assign(merged.get(resource.collection)!, attributes);
      }
    }
  }
  return new Map(all.map((r) => [r.collection, { ...r, attributes: merged.get(r.collection)! }]));
}

export { type AttributeSpec, type ExtensionDefinition, type ResourceDefinition, type Storage, columnOf } from './types.ts';
