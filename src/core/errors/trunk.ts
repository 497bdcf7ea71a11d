/**
 * Trunks and their subports.
 */
import { Conflict, NotFound } from './base.ts';

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
