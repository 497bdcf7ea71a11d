import type { FastifyRequest } from 'fastify';
import { object, type Json } from '../../identity/input.ts';
import { ValidationError } from '../../identity/identity-errors.ts';

/** The object under `key` of the request body (`{"project": {...}}`); 400 otherwise. */
export function member(request: FastifyRequest, key: string): Json {
  if (request.body === undefined || request.body === null) throw ValidationError.field(key, `'${key}' is a required property`);
  const body = object(request.body, 'body');
  if (!(key in body)) throw ValidationError.field(key, `'${key}' is a required property`);
  return object(body[key], key);
}
