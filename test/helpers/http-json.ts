import { type Agent, request as httpRequest } from 'node:http';
import type { As } from './api-harness.ts';

/** An answer over a real socket; status 0 means no HTTP answer came, and `error` says why. */
export interface HttpJsonAnswer { status: number; body: any; error?: string }

export interface HttpJsonOptions {
  /** Keep-alive agent to reuse sockets through (tests racing many clients share one per server). */
  agent?: Agent;
  /** The request is abandoned (status 0) when no answer arrives within this. */
  timeoutMs: number;
  /** Noauth persona sent as x-project-id / x-roles (default project-a, member). */
  as?: As;
  /** Sent as JSON when given. */
  body?: unknown;
}

/**
 * One JSON request to a muon listening on a socket (`muon serve` child
 * processes, where fastify.inject() would hide the concurrency). Never
 * rejects: transport failures and timeouts resolve with status 0, so racing
 * clients can count them. A body that is not JSON is kept as text.
 */
export function httpJson(url: string, method: string, { agent, timeoutMs, as = {}, body }: HttpJsonOptions): Promise<HttpJsonAnswer> {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolve) => {
    const failed = (error: Error) => resolve({ status: 0, body: undefined, error: error.message });
    const req = httpRequest(url, {
      method, agent, timeout: timeoutMs,
      headers: {
        'x-project-id': as.project ?? 'project-a', 'x-roles': as.roles ?? 'member',
        ...(payload !== undefined ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) } : {}),
      },
    }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => { text += chunk; });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: parseOrText(text) }));
      res.on('error', failed);
    });
    req.once('timeout', () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    req.once('error', failed);
    req.end(payload);
  });
}

/** The JSON of a body, undefined when empty, the text itself when it is not JSON. */
function parseOrText(text: string): unknown {
  if (text === '') return undefined;
  try { return JSON.parse(text); } catch { return text; }
}
