/**
 * Networks and their provider segments.
 */
import { BadRequest, Conflict, NotFound, ServiceUnavailable } from './base.ts';

export class SegmentsSetInConjunctionWithProviders extends BadRequest {
  constructor() { super('Segments and provider values cannot both be set.'); }
}
export class SegmentsContainDuplicateEntry extends BadRequest {
  constructor() { super('Duplicate segment entry in request.'); }
}
export class NetworkMTUSubnetConflict extends Conflict {
  constructor(mtu: number) { super(`MTU ${mtu} is too small for the subnets of this network.`); }
}
export class InvalidNetworkType extends BadRequest {
  constructor(reason: string) { super(`Invalid input for operation: ${reason}.`); }
}
export class NetworkNotFound extends NotFound {
  constructor(id: string) { super(`Network ${id} could not be found.`); }
}
export class NetworkInUse extends Conflict {
  constructor(id: string) { super(`Unable to complete operation on network ${id}. There are one or more ports still in use on the network.`); }
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
export class NoNetworkAvailable extends ServiceUnavailable {
  constructor() { super('Unable to create the network. No tenant network is available for allocation.'); }
}
