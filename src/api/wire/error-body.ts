import { NeutronError } from '../../core/errors.ts';
import { isRetryable } from '../../store/store.ts';

/** The wire shape of every error (semantics.md §2). */
export interface NeutronErrorBody {
  NeutronError: { type: string; message: string; detail: string };
}

export function errorBody(type: string, message: string): NeutronErrorBody {
  return { NeutronError: { type, message, detail: '' } };
}

/** 5xx answers never leak details (Neutron hides them too). */
export const INTERNAL_ERROR_MESSAGE = 'Request Failed: internal server error while processing your request.';

/** Maps anything thrown while handling a request to (status, body). */
export function renderError(error: unknown): { status: number; body: NeutronErrorBody } {
  if (error instanceof NeutronError) return { status: error.status, body: errorBody(error.type, error.message) };
  const fastifyError = error as { code?: string; statusCode?: number; message?: string };
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return { status: 400, body: errorBody('HTTPBadRequest', 'Malformed request body') };
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return { status: 413, body: errorBody('HTTPRequestEntityTooLarge', 'Request body too large') };
    case 'MUON_BODY_TOO_DEEP':
      return { status: 400, body: errorBody('HTTPBadRequest', 'Malformed request body: nested too deeply') };
    case 'MUON_NUL_IN_BODY':
      return { status: 400, body: errorBody('HTTPBadRequest', 'Malformed request body: NUL characters are not allowed') };
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return { status: 415, body: errorBody('HTTPUnsupportedMediaType', 'Unsupported media type') };
  }
  if (isRetryable(error)) {
    // Reached only when retries could not resolve a race (a key taken, a serialization failure, a deadlock): a conflict, not a server fault.
    return { status: 409, body: errorBody('Conflict', 'A concurrent request changed the same resource; try again.') };
  }
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, body: errorBody('HTTPBadRequest', fastifyError.message ?? 'Bad request') };
  }
  return { status: 500, body: errorBody('HTTPInternalServerError', INTERNAL_ERROR_MESSAGE) };
}
