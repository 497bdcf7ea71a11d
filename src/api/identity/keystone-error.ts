import { IdentityError } from '../../identity/identity-errors.ts';

/** Keystone's error body. */
export interface KeystoneErrorBody { error: { code: number; title: string; message: string } }

const TITLES: Record<number, string> = {
  400: 'Bad Request', 401: 'Unauthorized', 403: 'Forbidden', 404: 'Not Found', 405: 'Method Not Allowed',
  409: 'Conflict', 413: 'Request Entity Too Large', 415: 'Unsupported Media Type', 500: 'Internal Server Error',
};

export function keystoneError(code: number, message: string): KeystoneErrorBody {
  return { error: { code, title: TITLES[code] ?? 'Error', message } };
}

/** The message of every 401, as keystonemiddleware and Keystone word it. */
export const UNAUTHORIZED_MESSAGE = 'The request you have made requires authentication.';

/** Maps anything thrown while serving /identity to (status, Keystone body); 5xx never leak details. */
export function renderIdentityError(error: unknown): { status: number; body: KeystoneErrorBody } {
  if (error instanceof IdentityError) return { status: error.status, body: keystoneError(error.status, error.message) };
  const e = error as { code?: string; statusCode?: number; message?: string };
  if (e.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return { status: 413, body: keystoneError(413, 'Request body too large') };
  if (typeof e.statusCode === 'number' && e.statusCode >= 400 && e.statusCode < 500) {
    return { status: 400, body: keystoneError(400, e.code?.startsWith('FST_ERR_CTP') || e.code?.startsWith('MUON_') ? 'Malformed request body' : e.message ?? 'Bad request') };
  }
  return { status: 500, body: keystoneError(500, 'An unexpected error prevented the server from fulfilling your request.') };
}
