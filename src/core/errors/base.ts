/**
 * Neutron's error families: the abstract NeutronError and one base class per HTTP status (neutron-lib's
 * BadRequest, NotFound, Conflict, NotAuthorized, ServiceUnavailable).
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
/** neutron-lib's generic BadRequest(resource, msg): "Bad <resource> request: <msg>." (wire type BadRequest). */
export function badRequest(resource: string, msg: string): BadRequest {
  return new BadRequest(`Bad ${resource} request: ${msg}.`);
}
