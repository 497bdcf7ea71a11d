/**
 * Subnets and the addresses on them: allocation pools, gateways, DNS servers, host routes,
 * fixed IPs.
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

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
export class InvalidSubnetServiceType extends BadRequest {
  constructor(serviceType: string) { super(`Subnet service type ${serviceType} does not correspond to a valid device owner.`); }
}
export class NetworkSubnetPoolAffinityError extends BadRequest {
  constructor() { super('Subnets hosted on the same network must be allocated from the same subnet pool.'); }
}
export class SubnetNotFound extends NotFound {
  constructor(id: string) { super(`Subnet ${id} could not be found.`); }
}
export class IpAddressGenerationFailure extends Conflict {
  constructor(networkId: string) { super(`No more IP addresses available on network ${networkId}.`); }
}
export class IpAddressAlreadyAllocated extends Conflict {
  constructor(ip: string, subnetId: string) { super(`IP address ${ip} already allocated in subnet ${subnetId}`); }
}
export class SubnetInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on subnet ${id}: One or more ports have an IP allocation from this subnet.`); }
}
export class OverlappingAllocationPools extends Conflict {
  constructor(pool1: string, pool2: string, subnetCidr: string) { super(`Found overlapping allocation pools: ${pool1} and ${pool2} for subnet ${subnetCidr}.`); }
}
export class GatewayConflictWithAllocationPools extends Conflict {
  constructor(ip: string, pool: string) { super(`Gateway ip ${ip} conflicts with allocation pool ${pool}.`); }
}
export class IpAddressInUse extends Conflict {
  constructor(ip: string, networkId: string) { super(`Unable to complete operation for network ${networkId}. The IP address ${ip} is in use.`); }
}
