/**
 * Segments and network segment ranges.
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

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
/** An invalid VLAN range (Neutron raises it as a bare NeutronException, i.e. 500; muon answers 400). */
export class NetworkVlanRangeError extends BadRequest {
  constructor(range: string, error: string) { super(`Invalid network VLAN range: '${range}' - '${error}'.`); }
}
/** An invalid tunnel id range (500 in Neutron, as above; 400 here). */
export class NetworkTunnelRangeError extends BadRequest {
  constructor(range: string, error: string) { super(`Invalid network tunnel range: '${range}' - ${error}.`); }
}
