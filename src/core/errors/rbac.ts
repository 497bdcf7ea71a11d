/**
 * RBAC policies.
 */
import { BadRequest, Conflict, NotFound } from './base.ts';

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
