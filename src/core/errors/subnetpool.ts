/**
 * Subnet pools and address scopes: prefixes, prefix lengths, associations, quotas.
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

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
export class SubnetPoolNotFound extends NotFound {
  constructor(id: string) { super(`Subnet pool ${id} could not be found.`); }
}
export class AddressScopeNotFound extends NotFound {
  constructor(id: string) { super(`Address scope ${id} could not be found.`); }
}
export class SubnetPoolInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on subnet pool ${id}. Subnet pool is in use by one or more subnets.`); }
}
export class AddressScopeInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on address scope ${id}. There are one or more subnet pools in use on the address scope.`); }
}
export class SubnetAllocationError extends Conflict {
  constructor(reason: string) { super(`Failed to allocate subnet: ${reason}.`); }
}
/** Neutron's per-project subnet pool quota (`default_quota` of the pool). */
export class SubnetPoolQuotaExceeded extends Conflict {
  constructor() { super('Per-tenant subnet pool prefix quota exceeded.'); }
}
