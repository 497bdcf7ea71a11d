/**
 * Service flavors and service profiles (neutron-lib exceptions/flavors.py).
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

export class FlavorNotFound extends NotFound {
  constructor(id: string) { super(`Flavor ${id} could not be found.`); }
}

export class ServiceProfileNotFound extends NotFound {
  constructor(id: string) { super(`Service Profile ${id} could not be found.`); }
}

/** A profile bound to a flavor can be neither changed nor deleted. */
export class ServiceProfileInUse extends Conflict {
  constructor(id: string) { super(`Service Profile ${id} is used by some service instance.`); }
}

export class FlavorServiceProfileBindingExists extends Conflict {
  constructor(profileId: string, flavorId: string) { super(`Service Profile ${profileId} is already associated with flavor ${flavorId}.`); }
}

export class FlavorServiceProfileBindingNotFound extends NotFound {
  constructor(profileId: string, flavorId: string) { super(`Service Profile ${profileId} is not associated with flavor ${flavorId}.`); }
}

/** A profile's driver must be the driver of a configured service provider. */
export class ServiceProfileDriverNotFound extends NotFound {
  constructor(driver: string) { super(`Service Profile driver ${driver} could not be found.`); }
}

/** neutron-lib's InvalidInput family (400), with a message of its own. */
export class ServiceProfileEmpty extends BadRequest {
  constructor() { super('Service Profile needs either a driver or metainfo.'); }
}

/** A flavor's service_type names no service plugin the server runs (neutron-lib's InvalidServiceType, an InvalidInput). */
export class InvalidServiceType extends BadRequest {
  constructor(serviceType: unknown) { super(`Invalid service type: ${serviceType === null || serviceType === undefined ? 'None' : String(serviceType)}.`); }
}
