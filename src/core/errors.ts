/**
 * The single catalogue of errors the domain may raise (fastify style). One
 * class per Neutron wire type, spelled exactly as Neutron spells it, because
 * clients (openstacksdk, gophercloud, Tempest) match on `type`. The HTTP layer
 * renders `{"NeutronError": {type, message, detail}}` with `status`.
 * Core code never returns HTTP codes: it throws one of these.
 */
export abstract class NeutronError extends Error {
  /** HTTP status this family maps to (Neutron's base-class mapping). */
  abstract readonly status: number;
  /** The wire `type`: Neutron's exception class name. */
  get type(): string {
    return this.constructor.name;
  }
}

export class BadRequest extends NeutronError { readonly status = 400; }
export class NotFound extends NeutronError { readonly status = 404; }
export class Conflict extends NeutronError { readonly status = 409; }
export class NotAuthorized extends NeutronError { readonly status = 403; }
export class ServiceUnavailable extends NeutronError { readonly status = 503; }

// --- 400 -------------------------------------------------------------------
/** Framework-level validation failures (unknown attribute, bad filter, …). */
export class HTTPBadRequest extends BadRequest {}
/** Converter failures: "Invalid input for operation: <reason>." */
export class InvalidInput extends BadRequest {
  constructor(reason: string) { super(`Invalid input for operation: ${reason}.`); }
}
export class InvalidAllocationPool extends BadRequest {
  constructor(pool: string) { super(`The allocation pool ${pool} is not valid.`); }
}
export class OutOfBoundsAllocationPool extends BadRequest {
  constructor(pool: string, cidr: string) { super(`The allocation pool ${pool} spans beyond the subnet cidr ${cidr}.`); }
}
export class DNSNameServersExhausted extends BadRequest {
  constructor(subnetId: string, quota: number) { super(`Unable to complete operation for ${subnetId}. The number of DNS nameservers exceeds the limit ${quota}.`); }
}
export class HostRoutesExhausted extends BadRequest {
  constructor(subnetId: string, quota: number) { super(`Unable to complete operation for ${subnetId}. The number of host routes exceeds the limit ${quota}.`); }
}
export class InvalidIpForSubnet extends BadRequest {
  constructor(ip: string) { super(`IP address ${ip} is not a valid IP for the specified subnet.`); }
}
export class InvalidIpForNetwork extends BadRequest {
  constructor(ip: string) { super(`IP address ${ip} is not a valid IP for any of the subnets on the specified network.`); }
}
export class SubnetMismatchForPort extends BadRequest {
  constructor(portId: string, subnetId: string) { super(`Subnet on port ${portId} does not match the requested subnet ${subnetId}.`); }
}
export class TenantIdProjectIdFilterConflict extends BadRequest {
  constructor() { super('Both tenant_id and project_id passed as filters.'); }
}
export class SegmentsSetInConjunctionWithProviders extends BadRequest {
  constructor() { super('Segments and provider values cannot both be set.'); }
}
export class SegmentsContainDuplicateEntry extends BadRequest {
  constructor() { super('Duplicate segment entry in request.'); }
}
export class InvalidSubnetServiceType extends BadRequest {
  constructor(serviceType: string) { super(`Subnet service type ${serviceType} does not correspond to a valid device owner.`); }
}
export class IllegalSubnetPoolPrefixBounds extends BadRequest {
  constructor(reason: string) { super(`Illegal prefix bounds: ${reason}.`); }
}
export class IllegalSubnetPoolPrefixUpdate extends BadRequest {
  constructor(reason: string) { super(`Illegal update to prefixes: ${reason}.`); }
}
export class IllegalSubnetPoolAssociationToAddressScope extends BadRequest {
  constructor(subnetpoolId: string, addressScopeId: string) { super(`Illegal subnetpool association: subnetpool ${subnetpoolId} cannot be associated with address scope ${addressScopeId}.`); }
}
export class IllegalSubnetPoolIpVersionAssociationToAddressScope extends BadRequest {
  constructor(subnetpoolId: string, addressScopeId: string, ipVersion: number) {
    super(`Illegal subnetpool association: subnetpool ${subnetpoolId} cannot associate with address scope ${addressScopeId} because subnetpool ip_version is not ${ipVersion}.`);
  }
}
export class AddressScopePrefixConflict extends Conflict {
  constructor() { super('Failed to associate address scope: subnetpools within an address scope must have unique prefixes.'); }
}
export class AddressScopeUpdateError extends BadRequest {
  constructor(addressScopeId: string, reason: string) { super(`Unable to update address scope ${addressScopeId} : ${reason}.`); }
}
export class EmptySubnetPoolPrefixList extends BadRequest {
  constructor() { super('Empty subnet pool prefix list.'); }
}
export class PrefixVersionMismatch extends BadRequest {
  constructor() { super('Cannot mix IPv4 and IPv6 prefixes in a subnet pool.'); }
}
export class MinPrefixSubnetAllocationError extends BadRequest {
  constructor(prefixlen: number, minPrefixlen: number) { super(`Unable to allocate subnet with prefix length ${prefixlen}, minimum allowed prefix is ${minPrefixlen}.`); }
}
export class MaxPrefixSubnetAllocationError extends BadRequest {
  constructor(prefixlen: number, maxPrefixlen: number) { super(`Unable to allocate subnet with prefix length ${prefixlen}, maximum allowed prefix is ${maxPrefixlen}.`); }
}
export class NetworkSubnetPoolAffinityError extends BadRequest {
  constructor() { super('Subnets hosted on the same network must be allocated from the same subnet pool.'); }
}
export class NetworkMTUSubnetConflict extends Conflict {
  constructor(mtu: number) { super(`MTU ${mtu} is too small for the subnets of this network.`); }
}
export class InvalidNetworkType extends BadRequest {
  constructor(reason: string) { super(`Invalid input for operation: ${reason}.`); }
}

// --- 403 -------------------------------------------------------------------
/** 403: `rule` as the policy engine renders it (`rule:create_network`, `(rule:… and rule:…)`). */
export class PolicyNotAuthorized extends NotAuthorized {
  constructor(rule: string) { super(`${rule} is disallowed by policy`); }
}
/** webob's 403 as Neutron raises it outside the policy engine (the network-ownership check of subnet and port creates). */
export class HTTPForbidden extends NotAuthorized {}

// --- 404 -------------------------------------------------------------------
export class HTTPNotFound extends NotFound {
  constructor(message = 'The resource could not be found.') { super(message); }
}
export class NetworkNotFound extends NotFound {
  constructor(id: string) { super(`Network ${id} could not be found.`); }
}
export class SubnetNotFound extends NotFound {
  constructor(id: string) { super(`Subnet ${id} could not be found.`); }
}
export class PortNotFound extends NotFound {
  constructor(id: string) { super(`Port ${id} could not be found.`); }
}
export class SubnetPoolNotFound extends NotFound {
  constructor(id: string) { super(`Subnet pool ${id} could not be found.`); }
}
export class AddressScopeNotFound extends NotFound {
  constructor(id: string) { super(`Address scope ${id} could not be found.`); }
}
export class TagNotFound extends NotFound {
  constructor(resourceId: string, tag: string) { super(`Tag ${tag} could not be found for resource ${resourceId}.`); }
}
export class ExtensionNotFound extends NotFound {
  constructor(alias: string) { super(`Extension with alias ${alias} does not exist.`); }
}
export class ResourceNotFound extends NotFound {}
export class RouterNotFound extends NotFound {
  constructor(id: string) { super(`Router ${id} could not be found`); }
}
export class RouterInterfaceNotFound extends NotFound {
  constructor(routerId: string, portId: string) { super(`Router ${routerId} does not have an interface with id ${portId}`); }
}
export class RouterInterfaceNotFoundForSubnet extends NotFound {
  constructor(routerId: string, subnetId: string) { super(`Router ${routerId} has no interface on subnet ${subnetId}`); }
}
export class FloatingIPNotFound extends NotFound {
  constructor(id: string) { super(`Floating IP ${id} could not be found`); }
}
export class ExternalGatewayForFloatingIPNotFound extends NotFound {
  constructor(externalNetworkId: string, subnetId: string, portId: string) {
    super(`External network ${externalNetworkId} is not reachable from subnet ${subnetId}.  Therefore, cannot associate Port ${portId} with a Floating IP.`);
  }
}
export class PortForwardingNotFound extends NotFound {
  constructor(id: string) { super(`Port Forwarding ${id} could not be found.`); }
}

// --- 409 -------------------------------------------------------------------
export class OverQuota extends Conflict {
  constructor(resources: string[]) { super(`Quota exceeded for resources: [${resources.map((r) => `'${r}'`).join(', ')}].`); }
}
export class IpAddressGenerationFailure extends Conflict {
  constructor(networkId: string) { super(`No more IP addresses available on network ${networkId}.`); }
}
export class IpAddressAlreadyAllocated extends Conflict {
  constructor(ip: string, subnetId: string) { super(`IP address ${ip} already allocated in subnet ${subnetId}`); }
}
export class MacAddressInUse extends Conflict {
  constructor(mac: string, networkId: string) { super(`Unable to complete operation for network ${networkId}. The mac address ${mac} is in use.`); }
}
export class NetworkInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`); }
}
export class SubnetInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`); }
}
export class SubnetPoolInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on subnet pool ${id}. Subnet pool is in use by one or more subnets.`); }
}
export class AddressScopeInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on address scope ${id}. There are one or more subnet pools in use on the address scope.`); }
}
export class OverlappingAllocationPools extends Conflict {
  constructor(pool1: string, pool2: string, subnetCidr: string) { super(`Found overlapping allocation pools: ${pool1} and ${pool2} for subnet ${subnetCidr}.`); }
}
export class GatewayConflictWithAllocationPools extends Conflict {
  constructor(ip: string, pool: string) { super(`Gateway ip ${ip} conflicts with allocation pool ${pool}.`); }
}
export class InvalidSharedSetting extends Conflict {
  constructor(network: string) { super(`Unable to reconfigure sharing settings for network ${network}. Multiple tenants are using it.`); }
}
export class VlanIdInUse extends Conflict {
  constructor(vlan: number, physnet: string) { super(`Unable to create the network. The VLAN ${vlan} on physical network ${physnet} is in use.`); }
}
export class TunnelIdInUse extends Conflict {
  constructor(tunnelId: number) { super(`Unable to create the network. The tunnel ID ${tunnelId} is in use.`); }
}
export class FlatNetworkInUse extends Conflict {
  constructor(physnet: string) { super(`Unable to create the flat network. Physical network ${physnet} is in use.`); }
}
export class SubnetAllocationError extends Conflict {
  constructor(reason: string) { super(`Failed to allocate subnet: ${reason}.`); }
}
export class DuplicateDnsName extends Conflict {}
export class RouterInUse extends Conflict {
  constructor(id: string, reason = 'still has ports') { super(`Router ${id} ${reason}`); }
}
export class RouterInterfaceInUseByFloatingIP extends Conflict {
  constructor(routerId: string, subnetId: string) {
    super(`Router interface for subnet ${subnetId} on router ${routerId} cannot be deleted, as it is required by one or more floating IPs.`);
  }
}
export class RouterInterfaceInUseByRoute extends Conflict {
  constructor(routerId: string, subnetId: string) {
    super(`Router interface for subnet ${subnetId} on router ${routerId} cannot be deleted, as it is required by one or more routes.`);
  }
}
export class RouterExternalGatewayInUseByFloatingIp extends Conflict {
  constructor(routerId: string, networkId: string) {
    super(`Gateway cannot be updated for router ${routerId}, since a gateway to external network ${networkId} is required by one or more floating IPs.`);
  }
}
export class FloatingIPPortAlreadyAssociated extends Conflict {
  constructor(fip: { floatingIpAddress: string; fipId: string; portId: string; fixedIp: string; networkId: string }) {
    super(`Cannot associate floating IP ${fip.floatingIpAddress} (${fip.fipId}) with port ${fip.portId} using fixed IP ${fip.fixedIp}, as that fixed IP already has a floating IP on external network ${fip.networkId}.`);
  }
}
export class PortInUse extends Conflict {
  constructor(networkId: string, portId: string, deviceId: string) {
    super(`Unable to complete operation on port ${portId} for network ${networkId}. Port already has an attached device ${deviceId}.`);
  }
}
export class ServicePortInUse extends Conflict {
  constructor(portId: string, reason: string) { super(`Port ${portId} cannot be deleted directly via the port API: ${reason}.`); }
}
export class DeviceIDNotOwnedByTenant extends Conflict {
  constructor(deviceId: string) { super(`The following device_id ${deviceId} is not owned by your project or matches another project router.`); }
}
export class FipInUseByPortForwarding extends Conflict {
  constructor(id: string) { super(`Floating IP ${id} in use by Port Forwarding resources.`); }
}
export class PortHasBindingFloatingIP extends Conflict {
  constructor(f: { floatingIpAddress: string; fipId: string; portId: string; fixedIp: string }) {
    super(`Cannot create port forwarding to floating IP ${f.floatingIpAddress} (${f.fipId}) with port ${f.portId} using fixed IP ${f.fixedIp}, as that port already has a binding floating IP.`);
  }
}
export class GatewayIpInUse extends Conflict {
  constructor(ip: string, portId: string) { super(`Current gateway ip ${ip} already in use by port ${portId}. Unable to update.`); }
}
export class ExternalNetworkInUse extends Conflict {
  constructor(networkId: string) { super(`External network ${networkId} cannot be updated to be made non-external, since it has existing gateway ports.`); }
}
export class IpAddressInUse extends Conflict {
  constructor(ip: string, networkId: string) { super(`Unable to complete operation for network ${networkId}. The IP address ${ip} is in use.`); }
}
export class RevisionNumberConstraintFailed extends NeutronError {
  readonly status = 412;
  constructor(expected: number, current: number) { super(`Constrained to ${expected}, but current revision is ${current}`); }
}
export class InvalidQuotaValue extends BadRequest {}
/** neutron-lib's generic BadRequest(resource, msg): "Bad <resource> request: <msg>." (wire type BadRequest). */
export function badRequest(resource: string, msg: string): BadRequest {
  return new BadRequest(`Bad ${resource} request: ${msg}.`);
}
export class ExternalIpAddressExhausted extends BadRequest {
  constructor(networkId: string) { super(`Unable to find any IP address on external network ${networkId}.`); }
}
/** extraroute: a route the router cannot use. */
export class InvalidRoutes extends BadRequest {
  constructor(routes: string, reason: string) { super(`Invalid format for routes: ${routes}, ${reason}`); }
}

// --- 503 -------------------------------------------------------------------
export class NoNetworkAvailable extends ServiceUnavailable {
  constructor() { super('Unable to create the network. No tenant network is available for allocation.'); }
}
export class MacAddressGenerationFailure extends ServiceUnavailable {
  constructor(networkId: string) { super(`Unable to generate unique mac on network ${networkId}.`); }
}

// --- security groups and address groups (Neutron's securitygroup, port_security and address_group exceptions) ---
export class SecurityGroupInvalidPortRange extends BadRequest {
  constructor() { super('For TCP/UDP protocols, port_range_min must be <= port_range_max'); }
}
export class SecurityGroupInvalidProtocolForPort extends BadRequest {
  constructor(protocol: string) { super(`Ports cannot be specified for protocol ${protocol}. Ports are only supported for DCCP, SCTP, TCP, UDP, UDPLITE.`); }
}
export class SecurityGroupInvalidPortValue extends BadRequest {
  constructor(port: string) { super(`Invalid value for port ${port}`); }
}
export class SecurityGroupInvalidIcmpValue extends BadRequest {
  constructor(field: 'type' | 'code', attr: string, value: number) { super(`Invalid value for ICMP ${field} (${attr}) ${value}. It must be 0 to 255.`); }
}
export class SecurityGroupEthertypeConflictWithProtocol extends BadRequest {
  constructor(ethertype: string, protocol: string) { super(`Invalid ethertype ${ethertype} for protocol ${protocol}.`); }
}
export class SecurityGroupMissingIcmpType extends BadRequest {
  constructor(value: number) { super(`ICMP code (port-range-max) ${value} is provided but ICMP type (port-range-min) is missing.`); }
}
export class SecurityGroupRulesNotSingleProject extends BadRequest {
  constructor() { super('Multiple project_ids in bulk security group rule create not allowed'); }
}
export class SecurityGroupMultipleRemoteEntites extends BadRequest {
  constructor() { super('Only one of remote_ip_prefix or remote_group_id or remote_address_group_id may be provided.'); }
}
export class SecurityGroupProtocolRequiredWithPorts extends BadRequest {
  constructor() { super('Must also specify protocol if port range is given.'); }
}
export class SecurityGroupNotSingleGroupRules extends BadRequest {
  constructor() { super('Only allowed to update rules for one security profile at a time'); }
}
export class SecurityGroupRuleParameterConflict extends BadRequest {
  constructor(ethertype: string, cidr: string) { super(`Conflicting value ethertype ${ethertype} for CIDR ${cidr}`); }
}
export class PortSecurityAndIPRequiredForSecurityGroups extends BadRequest {
  constructor() { super('Port security must be enabled and port must have an IP address in order to use security groups.'); }
}
export class AddressesAlreadyExist extends BadRequest {
  constructor(addresses: readonly string[], addressGroupId: string) { super(`Addresses [${addresses.map((a) => `'${a}'`).join(', ')}] already exist in the address group ${addressGroupId}.`); }
}
export class SecurityGroupNotFound extends NotFound {
  constructor(id: string) { super(`Security group ${id} does not exist`); }
}
export class SecurityGroupRuleNotFound extends NotFound {
  constructor(id: string) { super(`Security group rule ${id} does not exist`); }
}
export class AddressGroupNotFound extends NotFound {
  constructor(id: string) { super(`Address group ${id} could not be found.`); }
}
export class AddressesNotFound extends NotFound {
  constructor(addresses: readonly string[], addressGroupId: string) { super(`Addresses [${addresses.map((a) => `'${a}'`).join(', ')}] not found in the address group ${addressGroupId}.`); }
}
export class SecurityGroupInUse extends Conflict {
  constructor(id: string) { super(`Security Group ${id} in use.`); }
}
export class SecurityGroupCannotRemoveDefault extends Conflict {
  constructor() { super('Insufficient rights for removing default security group.'); }
}
export class SecurityGroupCannotUpdateDefault extends Conflict {
  constructor() { super('Updating default security group not allowed.'); }
}
export class SecurityGroupDefaultAlreadyExists extends Conflict {
  constructor() { super('Default security group already exists.'); }
}
export class DuplicateSecurityGroupRuleInPost extends Conflict {
  constructor() { super('Duplicate Security Group Rule in POST.'); }
}
export class SecurityGroupRuleExists extends Conflict {
  constructor(ruleId: string) { super(`Security group rule already exists. Rule id is ${ruleId}.`); }
}
export class SecurityGroupConflict extends Conflict {
  constructor(reason: string) { super(`Error ${reason} while attempting the operation.`); }
}
export class PortSecurityPortHasSecurityGroup extends Conflict {
  constructor() { super('Port has security group associated. Cannot disable port security or IP address until security group is removed.'); }
}
export class AddressGroupInUse extends Conflict {
  constructor(id: string) { super(`Address group ${id} is in use on one or more security group rules.`); }
}
export class DefaultSecurityGroupRuleNotFound extends NotFound {
  constructor(id: string) { super(`Default Security Group rule ${id} does not exist`); }
}
export class DefaultSecurityGroupRuleExists extends Conflict {
  constructor(ruleId: string) { super(`Default Security group rule already exists. Rule id is ${ruleId}.`); }
}

// --- muon's IPAM extensions (no Neutron counterpart: names in Neutron's style) ---

export class IpReservationNotFound extends NotFound {
  constructor(id: string) { super(`IP reservation ${id} could not be found.`); }
}
export class IpBlockNotFound extends NotFound {
  constructor(id: string) { super(`IP block ${id} could not be found.`); }
}
/** A block a subnet pool was made from (subnetpool-ip-block) stays while the pool does. */
export class IpBlockInUse extends Conflict {
  constructor(id: string, poolId: string) { super(`IP block ${id} is in use by subnet pool ${poolId}.`); }
}
/** A port asked for an address that a reservation of another project holds. */
export class IpAddressReserved extends Conflict {
  constructor(ip: string, subnetId: string) { super(`IP address ${ip} is reserved in subnet ${subnetId} for another project.`); }
}
/** A reservation asked for addresses that are not all free. */
export class IpAddressReservationConflict extends Conflict {
  constructor(range: string, subnetId: string, reason: string) { super(`Unable to reserve ${range} in subnet ${subnetId}: ${reason}.`); }
}
/** Allocation pools may not shrink away from a reservation. */
export class ReservationOutsidePools extends Conflict {
  constructor(reservationId: string, subnetId: string) { super(`Unable to change the allocation pools of subnet ${subnetId}: IP reservation ${reservationId} would fall outside them.`); }
}

// --- RBAC policies (rbac-policies) ---------------------------------------------
export class RbacPolicyNotFound extends NotFound {
  constructor(id: string, objectType = 'unknown') { super(`RBAC policy of type ${objectType} with ID ${id} not found`); }
}
/** Removing or retargeting the policy would strand objects of the project that loses access. */
export class RbacPolicyInUse extends Conflict {
  constructor(objectId: string, details: string) { super(`RBAC policy on object ${objectId} cannot be removed because other objects depend on it.\nDetails: ${details}`); }
}
export class DuplicateRbacPolicy extends Conflict {
  constructor() { super('An RBAC policy already exists with those values.'); }
}
/** neutron-lib's InvalidActionForType (an InvalidInput). */
export class InvalidActionForType extends BadRequest {
  constructor(action: string, objectType: string, valid: readonly string[]) {
    super(`Invalid action '${action}' for object type '${objectType}'. Valid actions: (${valid.map((a) => `'${a}'`).join(', ')}${valid.length === 1 ? ',' : ''})`);
  }
}
/** Neutron's per-project subnet pool quota (`default_quota` of the pool). */
export class SubnetPoolQuotaExceeded extends Conflict {
  constructor() { super('Per-tenant subnet pool prefix quota exceeded.'); }
}

// --- segments, network segment ranges, trunks (issue 4) ---------------------

export class SegmentNotFound extends NotFound {
  constructor(id: string) { super(`Segment ${id} could not be found.`); }
}
export class SegmentInUse extends Conflict {
  constructor(id: string, reason: string) { super(`Segment '${id}' cannot be deleted: ${reason}.`); }
}
export class NetworkIdsDontMatch extends BadRequest {
  constructor(subnetNetwork: string, segmentId: string) { super(`The subnet's network id, '${subnetNetwork}', doesn't match the network_id of segment '${segmentId}'`); }
}
export class SubnetsNotAllAssociatedWithSegments extends BadRequest {
  constructor(networkId: string) { super(`All of the subnets on network '${networkId}' must either all be associated with segments or all not associated with any segment.`); }
}
export class SubnetSegmentAssociationChangeNotAllowed extends BadRequest {
  constructor() { super('A subnet that is already associated with a segment cannot have its segment association changed.'); }
}
export class NoUpdateSubnetWhenMultipleSegmentsOnNetwork extends BadRequest {
  constructor(networkId: string) { super(`The network '${networkId}' has multiple segments, it is only possible to associate an existing subnet with a segment on networks with a single segment.`); }
}
export class NetworkSegmentRangeNotFound extends NotFound {
  constructor(id: string) { super(`Network Segment Range ${id} could not be found.`); }
}
export class NetworkSegmentRangeNetTypeNotSupported extends BadRequest {
  constructor(type: string) { super(`Network type ${type} does not support network segment ranges.`); }
}
export class NetworkSegmentRangeReferencedByProject extends Conflict {
  constructor(id: string) { super(`Network Segment Range ${id} is referenced by one or more project networks.`); }
}
export class NetworkSegmentRangeDefaultReadOnly extends BadRequest {
  constructor(id: string) { super(`Network Segment Range ${id} is a default segment range which could not be updated or deleted.`); }
}
export class NetworkSegmentRangeOverlaps extends Conflict {
  constructor(ids: string) { super(`Network segment range overlaps with range(s) with id ${ids}`); }
}
export class TrunkNotFound extends NotFound {
  constructor(id: string) { super(`Trunk ${id} could not be found.`); }
}
export class SubPortNotFound extends NotFound {
  constructor(trunkId: string, portId: string) { super(`SubPort ${portId} on trunk ${trunkId} could not be found.`); }
}
export class TrunkPortInUse extends Conflict {
  constructor(portId: string) { super(`Port ${portId} is in use by another trunk.`); }
}
export class DuplicateSubPort extends Conflict {
  constructor(type: string, id: number, trunkId: string) { super(`segmentation_type ${type} and segmentation_id ${id} already in use on trunk ${trunkId}.`); }
}
export class ParentPortInUse extends Conflict {
  constructor(portId: string) { super(`Port ${portId} is currently in use and is not eligible for use as a parent port.`); }
}
export class SubPortMtuGreaterThanTrunkPortMtu extends Conflict {
  constructor(portId: string, portMtu: number, trunkId: string, trunkMtu: number) {
    super(`MTU ${portMtu} of subport ${portId} cannot be greater than MTU ${trunkMtu} of trunk ${trunkId}.`);
  }
}
export class PortInUseAsTrunkParent extends Conflict {
  constructor(portId: string, trunkId: string) { super(`Port ${portId} is currently a parent port for trunk ${trunkId}.`); }
}
export class PortInUseAsSubPort extends Conflict {
  constructor(portId: string, trunkId: string) { super(`Port ${portId} is currently a subport for trunk ${trunkId}.`); }
}
export class TrunkInUse extends Conflict {
  constructor(trunkId: string) { super(`Trunk ${trunkId} is currently in use.`); }
}
export class TrunkDisabled extends Conflict {
  constructor(trunkId: string) { super(`Trunk ${trunkId} is currently disabled.`); }
}
/** An invalid VLAN range (Neutron raises it as a bare NeutronException, i.e. 500; muon answers 400). */
export class NetworkVlanRangeError extends BadRequest {
  constructor(range: string, error: string) { super(`Invalid network VLAN range: '${range}' - '${error}'.`); }
}
/** An invalid tunnel id range (500 in Neutron, as above; 400 here). */
export class NetworkTunnelRangeError extends BadRequest {
  constructor(range: string, error: string) { super(`Invalid network tunnel range: '${range}' - ${error}.`); }
}

// --- QoS (issue 4) -----------------------------------------------------------

export class QosPolicyNotFound extends NotFound {
  constructor(id: string) { super(`QoS policy ${id} could not be found.`); }
}
export class QosRuleNotFound extends NotFound {
  constructor(ruleId: string, policyId: string) { super(`QoS rule ${ruleId} for policy ${policyId} could not be found.`); }
}
export class QoSPolicyDefaultAlreadyExists extends Conflict {
  constructor(projectId: string) { super(`A default QoS policy exists for project ${projectId}.`); }
}
export class QosPolicyInUse extends Conflict {
  constructor(policyId: string, objectType: string, objectId: string) { super(`QoS Policy ${policyId} is used by ${objectType} ${objectId}.`); }
}
export class QosRuleNotSupported extends Conflict {
  constructor(ruleType: string, portId: string) { super(`Rule ${ruleType} is not supported by port ${portId}`); }
}
export class QosRuleNotSupportedByNetwork extends Conflict {
  constructor(ruleType: string, networkId: string) { super(`Rule ${ruleType} is not supported by network ${networkId}`); }
}
export class QoSRuleParameterConflict extends Conflict {
  constructor(ruleValue: unknown, policyId: string, existingRule: string, existingValue: unknown) {
    super(`Unable to add the rule with value ${String(ruleValue)} to the policy ${policyId} as the existing rule of type ${existingRule} has value ${String(existingValue)}.`);
  }
}
export class QoSRulesConflict extends Conflict {
  constructor(newRuleType: string, ruleId: string, policyId: string) { super(`Rule ${newRuleType} conflicts with rule ${ruleId} which already exists in QoS Policy ${policyId}.`); }
}
export class PolicyRemoveAuthorizationError extends NotAuthorized {
  constructor(policyId: string) { super(`Failed to remove provided policy ${policyId} because you are not authorized.`); }
}
/** neutron-lib's bare NotAuthorized (403 "Not authorized."). */
export class NotAuthorizedError extends NotAuthorized {
  constructor() { super('Not authorized.'); }
  override get type(): string { return 'NotAuthorized'; }
}

// --- agents (issue 4) ----------------------------------------------------------

export class AgentNotFound extends NotFound {
  constructor(id: string) { super(`Agent ${id} could not be found.`); }
}
