/**
 * muon's IPAM extensions (reservations, blocks): no Neutron counterpart, names in Neutron's style.
 */
import { Conflict, NotFound } from './base.ts';

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
