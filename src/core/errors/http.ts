/**
 * Errors of the API machinery itself, whatever the resource: validation, policy, plain 404s,
 * tags, quotas, revision constraints.
 */
import { BadRequest, Conflict, NeutronError, NotAuthorized, NotFound } from './base.ts';

/** Framework-level validation failures (unknown attribute, bad filter, …). */
export class HTTPBadRequest extends BadRequest {}
/** Converter failures: "Invalid input for operation: <reason>." */
export class InvalidInput extends BadRequest {
  constructor(reason: string) { super(`Invalid input for operation: ${reason}.`); }
}
export class TenantIdProjectIdFilterConflict extends BadRequest {
  constructor() { super('Both tenant_id and project_id passed as filters.'); }
}
/** 403: `rule` as the policy engine renders it (`rule:create_network`, `(rule:… and rule:…)`). */
export class PolicyNotAuthorized extends NotAuthorized {
  constructor(rule: string) { super(`${rule} is disallowed by policy`); }
}
/** webob's 403 as Neutron raises it outside the policy engine (the network-ownership check of subnet and port creates). */
export class HTTPForbidden extends NotAuthorized {}
export class HTTPNotFound extends NotFound {
  constructor(message = 'The resource could not be found.') { super(message); }
}
export class TagNotFound extends NotFound {
  constructor(resourceId: string, tag: string) { super(`Tag ${tag} could not be found for resource ${resourceId}.`); }
}
export class ExtensionNotFound extends NotFound {
  constructor(alias: string) { super(`Extension with alias ${alias} does not exist.`); }
}
export class ResourceNotFound extends NotFound {}
export class OverQuota extends Conflict {
  constructor(resources: string[]) { super(`Quota exceeded for resources: [${resources.map((r) => `'${r}'`).join(', ')}].`); }
}
export class RevisionNumberConstraintFailed extends NeutronError {
  readonly status = 412;
  constructor(expected: number, current: number) { super(`Constrained to ${expected}, but current revision is ${current}`); }
}
export class InvalidQuotaValue extends BadRequest {}
/** neutron-lib's bare NotAuthorized (403 "Not authorized."). */
export class NotAuthorizedError extends NotAuthorized {
  constructor() { super('Not authorized.'); }
  override get type(): string { return 'NotAuthorized'; }
}
