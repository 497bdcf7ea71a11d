/**
 * Network logs (neutron/services/logapi/common/exceptions.py). A missing security group of a log
 * is the generic ResourceNotFound (http.ts) with the message "Resource <id> could not be found.".
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

export class LogResourceNotFound extends NotFound {
  constructor(id: string) { super(`Log resource ${id} could not be found.`); }
}
/** A resource_type no loaded log driver logs (Neutron's InvalidInput family, with its own message). */
export class InvalidLogResourceType extends BadRequest {
  constructor(resourceType: string) { super(`Invalid log resource_type: ${resourceType}.`); }
}
export class LoggingTypeNotSupported extends Conflict {
  constructor(logType: string, portId: string) { super(`Logging type ${logType} is not supported on port ${portId}.`); }
}
/** The target port of a log is missing (or not the caller's to see). */
export class TargetResourceNotFound extends NotFound {
  constructor(targetId: string) { super(`Target resource ${targetId} could not be found.`); }
}
export class InvalidResourceConstraint extends BadRequest {
  constructor(resource: string, resourceId: string, targetResource: string, targetId: string) {
    super(`Invalid resource constraint between resource (${resource} ${resourceId}) and target resource (${targetResource} ${targetId}).`);
  }
}
