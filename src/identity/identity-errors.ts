/**
 * The identity service's error catalogue. Keystone renders every failure as
 * `{"error": {"code", "title", "message"}}`; the HTTP layer does the same
 * with these fields. Domain code throws one of these and never returns a
 * status code of its own.
 */
export abstract class IdentityError extends Error {
  abstract readonly status: number;
  abstract readonly title: string;
}

/** 400: the request body or query is not acceptable. */
export class ValidationError extends IdentityError {
  readonly status = 400;
  readonly title = 'Bad Request';
  /** Keystone's "Invalid input for field '<field>': <reason>". */
  static field(field: string, reason: string): ValidationError {
    return new ValidationError(`Invalid input for field '${field}': ${reason}`);
  }
}

/**
 * 401: authentication failed. The message never says why (unknown user,
 * wrong password, disabled account, rate limit): that would help an attacker.
 */
export class Unauthorized extends IdentityError {
  readonly status = 401;
  readonly title = 'Unauthorized';
  constructor(message = 'The request you have made requires authentication.') { super(message); }
}

/** 403: authenticated, but policy does not allow the action. */
export class Forbidden extends IdentityError {
  readonly status = 403;
  readonly title = 'Forbidden';
  /** Keystone's policy refusal naming the rule, e.g. `identity:list_users`. */
  static action(rule: string): Forbidden {
    return new Forbidden(`You are not authorized to perform the requested action: ${rule}.`);
  }
}

/** 404: "Could not find <kind>: <id>." */
export class NotFound extends IdentityError {
  readonly status = 404;
  readonly title = 'Not Found';
  static of(kind: string, id: string): NotFound {
    return new NotFound(`Could not find ${kind}: ${id}.`);
  }
}

/** 409: a name is taken, or the state does not allow the change. */
export class Conflict extends IdentityError {
  readonly status = 409;
  readonly title = 'Conflict';
  static duplicate(kind: string, detail: string): Conflict {
    return new Conflict(`Conflict occurred attempting to store ${kind} - ${detail}.`);
  }
}
